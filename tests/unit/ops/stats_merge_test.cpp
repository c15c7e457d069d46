// Parallel stats (StatsOperator::make_partial / merge_partial, GroupTable::merge): events split
// across partial copies, each fed by itself and merged, give exactly the rows of one stats fed
// everything — whatever the split and the merge order. Aggregations that depend on arrival order
// or sum doubles are not split at all (make_partial gives nullptr).
#include "minispl/ops/eventstats.hpp"
#include "minispl/ops/stats.hpp"
#include "minispl/ops/streamstats.hpp"
#include "minispl/parse/parser.hpp"
#include "op_test_util.hpp"
#include "tests/support/row_text.hpp"

#include <doctest/doctest.h>

#include <random>

using namespace minispl;
using namespace minispl::test;

namespace {

//! A parsed `| stats ...` kept alive with the operators built from it.
struct ParsedStats {
    ast::PipelinePtr pipeline;
    explicit ParsedStats(const std::string& spl) : pipeline(parse_search(spl)) {}
    const ast::StatsCmd& cmd() const { return std::get<ast::StatsCmd>(pipeline->commands.back().body); }
};

//! Rows as text, in output order, with field order: the comparison is exact.
std::string rows_text(const std::vector<Event>& rows) {
    std::string out;
    for (const Event& e : rows) out += row_text(e, "; ") + "\n";
    return out;
}

//! Events with by-fields g (sometimes missing, sometimes multivalue with repeats, numbers and
//! strings that sort differently) and h, and a value x (numbers, decimals, negatives, text,
//! multivalues, missing).
std::vector<Event> make_events(size_t n, uint32_t seed) {
    std::mt19937 rng(seed);
    auto pick = [&](std::initializer_list<const char*> options) {
        return std::string(options.begin()[rng() % options.size()]);
    };
    std::vector<Event> out;
    for (size_t i = 0; i < n; ++i) {
        Event e;
        e.set("_time", Value::string(std::to_string(1700000000 + (rng() % 5000))));
        switch (rng() % 8) {
            case 0: break;  // no g: the event belongs to no group of `by g`
            case 1: e.set("g", mv("a", "b")); break;
            case 2: e.set("g", mv("10", "a", "10")); break;
            default: e.set("g", Value::string(pick({"a", "b", "C", "10", "9", "x y", ""}))); break;
        }
        switch (rng() % 6) {
            case 0: break;
            case 1: e.set("h", mv("p", "q")); break;
            default: e.set("h", Value::string(pick({"p", "q", "r"}))); break;
        }
        switch (rng() % 10) {
            case 0: break;
            case 1: e.set("x", Value::string("n/a")); break;
            case 2: e.set("x", mv("1", "2.5", "-3")); break;
            case 3: e.set("x", Value::string(std::to_string(static_cast<int>(rng() % 200) - 100) + ".25")); break;
            default: e.set("x", Value::string(std::to_string(rng() % 1000))); break;
        }
        if (rng() % 3 == 0) e.set("user", Value::string(pick({"alice", "Bob", "bob", "carol"})));
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<Event> copy_events(const std::vector<Event>& events) { return events; }

std::string reference_rows(const ParsedStats& s, std::vector<Event> events) {
    return rows_text(run_op(std::make_unique<StatsOperator>(s.cmd(), OpContext{}), std::move(events)));
}

//! Splits `events` over `parts` partials by `assign(i)`, merges them (in `reverse` order or not)
//! into a fresh stats that saw `direct` of the events itself, and returns its rows.
std::string merged_rows(const ParsedStats& s, const std::vector<Event>& events, size_t parts,
                        const std::function<size_t(size_t)>& assign, bool reverse, size_t direct = 0) {
    StatsOperator head(s.cmd(), OpContext{});
    CollectSink sink;
    head.set_next(&sink);
    std::vector<std::unique_ptr<Operator>> partials;
    for (size_t p = 0; p < parts; ++p) {
        partials.push_back(head.make_partial());
        REQUIRE(partials.back() != nullptr);
    }
    for (size_t i = 0; i < events.size(); ++i) {
        if (i < direct) head.push(events[i]);
        else partials[assign(i) % parts]->push(events[i]);
    }
    if (reverse) std::reverse(partials.begin(), partials.end());
    for (auto& p : partials) head.merge_partial(*p);
    head.finish();
    return rows_text(sink.rows);
}

const char* const kMergeable[] = {
    "| stats count",
    "| stats count count(x) dc(x) values(x) median(x) perc95(x)",
    "| stats count by g",
    "| stats count, count(x) as cx, dc(x), values(x), median(x), perc95(x), p50(x), exactperc90(x), "
    "upperperc90(x), estdc(x), distinct_count(user) by g",
    "| stats count dc(x) values(x) values(user) median(x) perc95(x) by g h",
    "| stats values(g) dc(h) by user",
    "| stats count(eval(x>500)) as big, dc(eval(lower(user))) as users, values(eval(g.\"-\".h)) as gh by h",
    "| stats c, dc(_time) by h, g",
    "| stats values(*) as * by g",
    "| stats count values(*) by g h",
};

}  // namespace

TEST_CASE("stats partials merged: the rows of one stats fed everything") {
    const std::vector<Event> events = make_events(3000, 17);
    size_t compared = 0;
    for (const char* spl : kMergeable) {
        CAPTURE(spl);
        ParsedStats s(spl);
        const std::string want = reference_rows(s, copy_events(events));
        REQUIRE(!want.empty());
        std::mt19937 rng(5);
        std::vector<size_t> random_part(events.size());
        for (auto& p : random_part) p = rng();
        for (size_t parts : {1, 2, 3}) {
            CAPTURE(parts);
            const size_t chunk = (events.size() + parts - 1) / parts;
            for (bool reverse : {false, true}) {
                CAPTURE(reverse);
                // contiguous pieces (as the reading threads get them), round robin, random
                CHECK(merged_rows(s, events, parts, [&](size_t i) { return i / chunk; }, reverse) == want);
                CHECK(merged_rows(s, events, parts, [](size_t i) { return i; }, reverse) == want);
                CHECK(merged_rows(s, events, parts, [&](size_t i) { return random_part[i]; }, reverse) == want);
                // one partial gets nothing
                CHECK(merged_rows(s, events, parts + 1, [&](size_t i) { return i % parts; }, reverse) == want);
                // the stats merged into already holds groups of its own
                CHECK(merged_rows(s, events, parts, [](size_t i) { return i; }, reverse, 700) == want);
                compared += 5;
            }
        }
    }
    MESSAGE(compared << " merged results compared");
}

TEST_CASE("stats partials merged: no events at all") {
    for (const char* spl : kMergeable) {
        CAPTURE(spl);
        ParsedStats s(spl);
        const std::string want = reference_rows(s, {});
        CHECK(merged_rows(s, {}, 3, [](size_t i) { return i; }, false) == want);
    }
    // without a by-clause, still the one row of zero counts
    ParsedStats s("| stats count dc(x) values(x)");
    CHECK(merged_rows(s, {}, 2, [](size_t i) { return i; }, false) == "count=0; dc(x)=0; \n");
}

TEST_CASE("stats partials: groups first seen in different partials, keyed by every by-value") {
    ParsedStats s("| stats count values(x) by g h");
    std::vector<Event> events = {
        ev({{"g", "a"}, {"h", "p"}, {"x", "1"}}),   ev({{"g", "a"}, {"h", "q"}, {"x", "2"}}),
        ev({{"g", mv("a", "b")}, {"h", "p"}, {"x", "3"}}), ev({{"h", "p"}, {"x", "4"}}),  // no g: dropped
        ev({{"g", "b"}, {"x", "5"}}),                                                      // no h: dropped
        ev({{"g", "10"}, {"h", "p"}, {"x", "7"}}),
        ev({{"g", "9"}, {"h", "p"}, {"x", "8"}}),
    };
    const std::string want = reference_rows(s, copy_events(events));
    CHECK(want ==
          "g=9; h=p; count=1; values(x)=8; \n"
          "g=10; h=p; count=1; values(x)=7; \n"
          "g=a; h=p; count=2; values(x)=1|3; \n"
          "g=a; h=q; count=1; values(x)=2; \n"
          "g=b; h=p; count=1; values(x)=3; \n");
    for (size_t parts : {2, 3})
        for (bool reverse : {false, true}) CHECK(merged_rows(s, events, parts, [](size_t i) { return i; }, reverse) == want);
}

TEST_CASE("stats make_partial: nullptr unless every aggregation merges exactly") {
    for (const char* spl :
         {"| stats sum(x)", "| stats avg(x)", "| stats mean(x)", "| stats first(x)", "| stats last(x)", "| stats list(x)",
          "| stats min(x)", "| stats max(x)", "| stats mode(x)", "| stats earliest(x)", "| stats latest(x)",
          "| stats earliest_time(x)", "| stats latest_time(x)", "| stats range(x)", "| stats stdev(x)",
          "| stats stdevp(x)", "| stats var(x)", "| stats varp(x)", "| stats sumsq(x)",
          "| stats count sum(x) by g", "| stats dc(x) values(x) avg(x) by g", "| stats count min(_time) max(_time) avg(x)",
          "| stats count first(x) by g h", "| stats latest(*) as * by g", "| stats values(*) min(*) by g"}) {
        CAPTURE(spl);
        ParsedStats s(spl);
        StatsOperator op(s.cmd(), OpContext{});
        CHECK(op.make_partial() == nullptr);
    }
    for (const char* spl : kMergeable) {
        CAPTURE(spl);
        ParsedStats s(spl);
        StatsOperator op(s.cmd(), OpContext{});
        CHECK(op.make_partial() != nullptr);
    }
    // eventstats and streamstats need every event in order: never split
    ParsedStats es("| eventstats count by g");
    CHECK(EventStatsOperator(es.cmd(), OpContext{}).make_partial() == nullptr);
    ParsedStats ss("| streamstats count by g");
    CHECK(StreamStatsOperator(ss.cmd(), OpContext{}).make_partial() == nullptr);
}
