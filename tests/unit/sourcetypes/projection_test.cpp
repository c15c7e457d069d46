// Sourcetype projection: the definitions a search needs, and proof that dropping the others never
// changes a wanted field (every defined field of aws:cloudtrail, on real CloudTrail records).
#include "minispl/io/event_reader.hpp"
#include "minispl/io/json_flatten.hpp"
#include "minispl/sourcetypes/sourcetype.hpp"

#include "tests/support/attack_data.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

using namespace minispl;

namespace {

const Sourcetype& cloudtrail() {
    static const Sourcetype st =
        Sourcetype::load(std::filesystem::path(MINISPL_SOURCE_DIR) / "sourcetypes" / "aws_cloudtrail.yml");
    return st;
}

std::string show(const Value* v) {
    if (!v) return "<absent>";
    std::ostringstream out;
    out << static_cast<int>(v->type());
    for (const auto& x : v->mv_values()) out << '|' << x;
    return out.str();
}

std::string show_event(const Event& e) {
    std::string out;
    for (const auto& [name, v] : e.fields()) out += name + "=" + show(&v) + "\n";
    return out;
}

//! Distinct CloudTrail records of the attack_data mirror, flattened fully (no _raw), at most 300 a file.
const std::vector<Event>& real_events() {
    static const std::vector<Event> events = [] {
        std::vector<Event> out;
        auto cloudtrail = [](std::string_view json) { return json.find("\"eventSource\"") != std::string_view::npos; };
        for (const std::string& json : test::attack_data_records(300, cloudtrail)) {
            Event e;
            if (flatten_json(json, e)) out.push_back(std::move(e));
        }
        return out;
    }();
    return events;
}

Event restricted(const Event& full, const SourcetypeProjection& p) {
    if (p.all_fields) return full;
    Event out;
    for (const auto& f : full.fields())
        if (std::binary_search(p.fields.begin(), p.fields.end(), f.first)) out.fields().push_back(f);
    return out;
}

//! A sourcetype from YAML text (lookups beside it in `dir`).
Sourcetype load_text(const std::string& yaml, const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "st.yml") << yaml;
    return Sourcetype::load(dir / "st.yml");
}

std::vector<int> kept(const std::vector<uint32_t>& v) { return std::vector<int>(v.begin(), v.end()); }

}  // namespace

TEST_CASE("sourcetype projection: aws:cloudtrail, what a few fields pull in") {
    const Sourcetype& st = cloudtrail();
    SUBCASE("a raw field: no definition, no timestamp (nothing wants _time)") {
        auto p = st.project({"eventName"});
        CHECK(kept(p.alias).empty());
        CHECK(kept(p.calculated).empty());
        CHECK(kept(p.lookup).empty());
        CHECK(p.fields == std::vector<std::string>{"eventName"});
        CHECK(!p.all_fields);
        CHECK(!p.time);
    }
    SUBCASE("_time: the timestamp field") {
        auto p = st.project({"_time", "eventName"});
        CHECK(p.fields == std::vector<std::string>{"_time", "eventName", "eventTime"});
        CHECK(p.time);
    }
    SUBCASE("action: the action/status lookup, the calculated errorCode it reads") {
        auto p = st.project({"action"});
        CHECK(kept(p.alias).empty());
        REQUIRE(kept(p.calculated).size() == 1);
        CHECK(st.calculated()[kept(p.calculated)[0]].field == "errorCode");
        CHECK(kept(p.lookup) == std::vector<int>{0});
        CHECK(p.fields == std::vector<std::string>{"action", "errorCode", "eventName",
                                                   "responseElements.ConsoleLogin"});
    }
    SUBCASE("change_type: both lookups writing it; the OUTPUTNEW one reads change_type itself") {
        auto p = st.project({"change_type"});
        CHECK(kept(p.lookup) == std::vector<int>{1, 2});
        CHECK(p.fields == std::vector<std::string>{"change_type", "eventName", "eventSource"});
    }
    SUBCASE("an alias: its source") {
        auto p = st.project({"src"});
        REQUIRE(kept(p.alias).size() == 1);
        CHECK(st.aliases()[kept(p.alias)[0]].source == "sourceIPAddress");
        CHECK(p.fields == std::vector<std::string>{"sourceIPAddress", "src"});
    }
    SUBCASE("a wildcard matches defined names") {
        auto p = st.project({"user*"});
        std::set<std::string> fields;
        for (size_t i : kept(p.calculated)) fields.insert(st.calculated()[i].field);
        CHECK(fields == std::set<std::string>{"user", "userName", "user_agent", "user_arn", "user_name", "user_role", "user_type"});
        CHECK(std::find(p.fields.begin(), p.fields.end(), "userIdentity.arn") != p.fields.end());
    }
    SUBCASE("every defined field: every definition") {
        auto p = st.project(st.defined_fields());
        CHECK(kept(p.alias).size() == st.aliases().size());
        CHECK(kept(p.calculated).size() == st.calculated().size());
        CHECK(kept(p.lookup).size() == st.lookups().size());
        CHECK(std::is_sorted(p.fields.begin(), p.fields.end()));
        CHECK(std::adjacent_find(p.fields.begin(), p.fields.end()) == p.fields.end());
    }
}

TEST_CASE("sourcetype projection: chains through aliases, calculated fields and lookups reach a fixpoint") {
    const auto dir = std::filesystem::temp_directory_path() / "minispl_st_projection";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "colors.csv") << "code,color\n1,red\n2,blue\n";
    std::ofstream(dir / "names.csv") << "color,label\n\"red-x1,x2\",R\n";
    // label <- shade (calculated, reads color and tags) <- color: the alias, and the colors lookup
    // too (it runs after the calculated fields, but it writes a needed field) <- code <- raw.code
    const Sourcetype st = load_text(R"(name: chain
timestamp: {field: [ts, when], format: epoch}
aliases:
  - code: raw.code
  - color: raw.color
  - unrelated: other
calculated:
  - shade: lower(color) . "-" . mvjoin(mvfilter(match('tags{}', "x")), ",")
  - other: coalesce(z, "none")
lookups:
  - file: colors.csv
    inputs: [code]
    outputs: [color]
  - file: names.csv
    inputs: [color AS shade]
    outputs: [label]
    mode: outputnew
)",
                                    dir);
    auto p = st.project({"label", "_time"});
    CHECK(kept(p.lookup) == std::vector<int>{0, 1});
    CHECK(kept(p.calculated) == std::vector<int>{0});
    CHECK(kept(p.alias) == std::vector<int>{0, 1});
    CHECK(p.fields == std::vector<std::string>{"_time", "code", "color", "label", "raw.code", "raw.color", "shade",
                                               "tags{}", "ts", "when"});
    // Without _time wanted the timestamp field is neither read nor parsed.
    CHECK(st.project({"label"}).fields == std::vector<std::string>{"code", "color", "label", "raw.code", "raw.color",
                                                                   "shade", "tags{}"});
    CHECK(!st.project({"label"}).time);

    Event e;
    REQUIRE(flatten_json(R"({"raw":{"code":"1","color":"RED"},"when":"100","tags":["x1","y","x2"],"z":"zz"})", e));
    Event full = e;
    st.apply(full);
    Event part = restricted(e, p);
    st.apply(part, &p);
    CHECK(full.get("label").str() == "R");
    CHECK(part.get("label").str() == "R");
    CHECK(part.get("shade").str() == "red-x1,x2");
    CHECK(part.get("color").str() == "red");
    CHECK(part.get("_time").to_string() == "100");
    CHECK(!part.has("other"));
    CHECK(full.get("other").str() == "zz");
    std::filesystem::remove_all(dir);
}

TEST_CASE("sourcetype projection: apply(e, nullptr) and apply(e, everything) are the full apply") {
    const auto& events = real_events();
    if (events.empty()) return;  // no attack_data mirror
    const Sourcetype& st = cloudtrail();
    auto all = st.project(st.defined_fields());
    for (size_t i = 0; i < events.size(); i += 7) {
        Event a = events[i], b = events[i], c = events[i];
        st.apply(a);
        st.apply(b, nullptr);
        st.apply(c, &all);
        CHECK(show_event(a) == show_event(b));
        CHECK(show_event(a) == show_event(c));
    }
}

TEST_CASE("sourcetype projection: each defined field of aws:cloudtrail alone, on real records, equals the full apply") {
    const auto& events = real_events();
    if (events.empty()) return;  // no attack_data mirror
    MESSAGE(events.size() << " distinct real CloudTrail records");
    CHECK(events.size() >= 1000);
    const Sourcetype& st = cloudtrail();
    const std::vector<std::string> defined = st.defined_fields();
    std::vector<SourcetypeProjection> projections;
    for (const auto& f : defined) projections.push_back(st.project({f}));
    std::map<std::string, size_t> present;  // events where the full apply gives the field a value
    size_t mismatches = 0;
    for (const Event& flat : events) {
        Event full = flat;
        st.apply(full);
        for (size_t k = 0; k < defined.size(); ++k) {
            Event part = restricted(flat, projections[k]);
            st.apply(part, &projections[k]);
            const std::string want = show(full.find(defined[k])), got = show(part.find(defined[k]));
            if (want != got && ++mismatches <= 20)
                FAIL_CHECK(defined[k] << ": full " << want << ", projected " << got << "\n" << show_event(flat));
            if (full.has(defined[k])) ++present[defined[k]];
        }
    }
    CHECK(mismatches == 0);
    // The comparison means something only if the fields do get values.
    for (const char* f : {"_time", "action", "status", "change_type", "user", "user_name", "dest", "errorCode", "msg",
                          "object_category", "src", "user_agent"})
        CHECK_MESSAGE(present[f] > 0, f);
}

TEST_CASE("sourcetype projection: apply on several threads at once gives the serial results") {
    const auto& events = real_events();
    if (events.empty()) return;  // no attack_data mirror
    const Sourcetype& st = cloudtrail();
    std::vector<std::string> expected;
    for (const Event& e : events) {
        Event c = e;
        st.apply(c);
        expected.push_back(show_event(c));
    }
    auto some = st.project({"action", "user", "dest", "change_type"});
    std::vector<std::string> expected_some;
    for (const Event& e : events) {
        Event c = restricted(e, some);
        st.apply(c, &some);
        expected_some.push_back(show_event(c));
    }
    constexpr int kThreads = 4;
    std::vector<int> bad(kThreads, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (int round = 0; round < 2; ++round)
                for (size_t i = t; i < events.size() + t; ++i) {  // every thread sees every event
                    size_t j = (i * 7 + t) % events.size();
                    Event c = events[j];
                    st.apply(c);
                    if (show_event(c) != expected[j]) ++bad[t];
                    Event d = restricted(events[j], some);
                    st.apply(d, &some);
                    if (show_event(d) != expected_some[j]) ++bad[t];
                }
        });
    for (auto& th : threads) th.join();
    for (int t = 0; t < kThreads; ++t) CHECK(bad[t] == 0);
}
