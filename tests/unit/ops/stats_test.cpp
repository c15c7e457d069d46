// stats: grouping, naming, ordering and the empty case (spl-semantics.md "stats, eventstats, streamstats").
#include "minispl/core/diagnostic.hpp"
#include "minispl/ops/stats.hpp"
#include "op_test_util.hpp"
#include "stats_test_util.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

namespace {

std::vector<Event> stats(ast::StatsCmd cmd, std::vector<Event> in) {
    return run_op(std::make_unique<StatsOperator>(cmd, OpContext{}), std::move(in));
}

}  // namespace

TEST_CASE("stats: count counts events, count(x) the events where x is not null") {
    auto rows = stats(stats_cmd(aggs(agg("count"), agg("count", "x"))),
                      {ev({{"x", "a"}}), ev({{"y", "b"}}), ev({{"x", "c"}})});
    REQUIRE(rows.size() == 1);
    CHECK(names(rows[0]) == Strings{"count", "count(x)"});
    CHECK(rows[0].get("count").to_string() == "3");
    CHECK(rows[0].get("count(x)").to_string() == "2");
}

TEST_CASE("stats: default output names are the call as written; `as` renames") {
    auto rows = stats(stats_cmd(aggs(agg("dc", "eventName"), agg("values", "userAgent", "agents"))),
                      {ev({{"eventName", "A"}, {"userAgent", "u"}})});
    REQUIRE(rows.size() == 1);
    CHECK(names(rows[0]) == Strings{"dc(eventName)", "agents"});
}

TEST_CASE("stats: by a b gives one row per combination, by-fields first, sorted") {
    auto rows = stats(stats_cmd(aggs(agg("count")), {"user", "host"}),
                      {ev({{"user", "bob"}, {"host", "h2"}}), ev({{"user", "alice"}, {"host", "h1"}}),
                       ev({{"user", "bob"}, {"host", "h1"}}), ev({{"user", "bob"}, {"host", "h2"}})});
    REQUIRE(rows.size() == 3);
    CHECK(names(rows[0]) == Strings{"user", "host", "count"});
    CHECK(column(rows, "user") == Strings{"alice", "bob", "bob"});
    CHECK(column(rows, "host") == Strings{"h1", "h1", "h2"});
    CHECK(column(rows, "count") == Strings{"1", "1", "2"});
}

TEST_CASE("stats: an event whose by-field is null is dropped") {
    auto rows = stats(stats_cmd(aggs(agg("count")), {"user"}),
                      {ev({{"user", "a"}}), ev({{"other", "x"}}), ev({{"user", "a"}})});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].get("count").to_string() == "2");
}

TEST_CASE("stats: a multivalue by-field yields a row per value; several give the cartesian product") {
    auto rows = stats(stats_cmd(aggs(agg("count")), {"a"}), {ev({{"a", mv("x", "y")}}), ev({{"a", "x"}})});
    CHECK(column(rows, "a") == Strings{"x", "y"});
    CHECK(column(rows, "count") == Strings{"2", "1"});

    rows = stats(stats_cmd(aggs(agg("count")), {"a", "b"}), {ev({{"a", mv("1", "2")}, {"b", mv("p", "q")}})});
    REQUIRE(rows.size() == 4);
    CHECK(column(rows, "a") == Strings{"1", "1", "2", "2"});
    CHECK(column(rows, "b") == Strings{"p", "q", "p", "q"});
}

TEST_CASE("stats: groups sort numbers numerically, before strings, strings byte-wise") {
    auto rows = stats(stats_cmd(aggs(agg("count")), {"k"}),
                      {ev({{"k", "b"}}), ev({{"k", "10"}}), ev({{"k", "B"}}), ev({{"k", "9"}}), ev({{"k", "a"}})});
    CHECK(column(rows, "k") == Strings{"9", "10", "B", "a", "b"});
}

TEST_CASE("stats: with no by and no events, count is 0 and other functions are null") {
    auto rows = stats(stats_cmd(aggs(agg("count"), agg("dc", "x"), agg("values", "x"), agg("max", "x"))), {});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].get("count").to_string() == "0");
    CHECK(rows[0].get("dc(x)").to_string() == "0");
    CHECK_FALSE(rows[0].has("values(x)"));
    CHECK_FALSE(rows[0].has("max(x)"));
}

TEST_CASE("stats: with a by clause and no events there are no rows") {
    CHECK(stats(stats_cmd(aggs(agg("count")), {"user"}), {}).empty());
}

TEST_CASE("stats: count(eval(expr)) counts the events where the expression is true") {
    auto rows = stats(stats_cmd(aggs(agg_eval("count", eq_expr("action", "failure"), "failures"), agg("count"))),
                      {ev({{"action", "failure"}}), ev({{"action", "success"}}), ev({{"action", "failure"}}),
                       ev({{"user", "x"}})});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].get("failures").to_string() == "2");
    CHECK(rows[0].get("count").to_string() == "4");
}

TEST_CASE("stats: aggregation of a null field leaves it out of the row, keeps the by-fields") {
    auto rows = stats(stats_cmd(aggs(agg("values", "missing"), agg("count")), {"u"}), {ev({{"u", "a"}})});
    REQUIRE(rows.size() == 1);
    CHECK(names(rows[0]) == Strings{"u", "count"});
}

TEST_CASE("stats: errors are clear: unknown function, wildcard argument, unknown option") {
    CHECK_THROWS_AS(StatsOperator(stats_cmd(aggs(agg("frobnicate", "x"))), OpContext{}), SplError);
    // a wildcard only where a group without the field gives null: not avg, count or dc
    for (const char* fn : {"avg", "count", "dc", "sum"}) {
        CAPTURE(fn);
        try {
            StatsOperator op(stats_cmd(aggs(agg(fn, "tcp.*", "tcp.*"))), OpContext{});
            FAIL("expected an error");
        } catch (const SplError& e) {
            CHECK(e.diagnostic().rule == "unsupported");
        }
    }
    CHECK_THROWS_AS(StatsOperator(stats_cmd(aggs(agg("values", "*", "all"))), OpContext{}), SplError);  // * count
    CHECK_THROWS_AS(StatsOperator(stats_cmd(aggs(agg("count")), {}, {opt("bogus", "1")}), OpContext{}), SplError);
}

TEST_CASE("stats: state is per group (many events, few groups)") {
    std::vector<Event> in;
    for (int i = 0; i < 10000; ++i) in.push_back(ev({{"g", i % 3}, {"v", i}}));
    auto rows = stats(stats_cmd(aggs(agg("count"), agg("sum", "v")), {"g"}), std::move(in));
    CHECK(column(rows, "g") == Strings{"0", "1", "2"});
    CHECK(column(rows, "count") == Strings{"3334", "3333", "3333"});
    CHECK(rows[0].get("sum(v)").to_string() == "16668333");
}

TEST_CASE("stats: through the parser, names and aliases come out as written") {
    auto rows = stats(parsed<ast::StatsCmd>("| stats count, dc(x) as n, values(x), p50(v), exactperc50(v), "
                                            "upperperc50(v) by user"),
                      {ev({{"user", "u"}, {"x", "b"}, {"v", "1"}}), ev({{"user", "u"}, {"x", "a"}, {"v", "2"}})});
    REQUIRE(rows.size() == 1);
    CHECK(names(rows[0]) == Strings{"user", "count", "n", "values(x)", "p50(v)", "exactperc50(v)", "upperperc50(v)"});
    CHECK(rows[0].get("n").to_string() == "2");
    CHECK(rows[0].get("values(x)").to_string() == "a\nb");
    CHECK(rows[0].get("p50(v)").to_string() == "1.5");
    CHECK(rows[0].get("upperperc50(v)").to_string() == "2");
}

TEST_CASE("stats: through the parser, count(eval(...)) and min/max/earliest/latest by two fields") {
    auto cmd = parsed<ast::StatsCmd>(
        "| stats count(eval(action=\"failure\")) as failures min(_time) as firstTime max(_time) as lastTime "
        "latest(action) as last_action by src user");
    auto rows = stats(std::move(cmd), {ev({{"src", "1.2.3.4"}, {"user", "a"}, {"action", "failure"}, {"_time", "100"}}),
                                       ev({{"src", "1.2.3.4"}, {"user", "a"}, {"action", "success"}, {"_time", "160"}}),
                                       ev({{"src", "1.2.3.4"}, {"user", "a"}, {"action", "failure"}, {"_time", "130"}})});
    REQUIRE(rows.size() == 1);
    CHECK(names(rows[0]) == Strings{"src", "user", "failures", "firstTime", "lastTime", "last_action"});
    CHECK(rows[0].get("failures").to_string() == "2");
    CHECK(rows[0].get("firstTime").to_string() == "100");
    CHECK(rows[0].get("lastTime").to_string() == "160");
    CHECK(rows[0].get("last_action").to_string() == "success");
}

TEST_CASE("stats: span= on stats is reported as unsupported") {
    CHECK_THROWS_AS(StatsOperator(parsed<ast::StatsCmd>("| stats count by _time span=1h"), OpContext{}), SplError);
}

TEST_CASE("stats: values(*) as * gives one field per input field, by-fields and _fields excepted") {
    auto rows = stats(stats_cmd(aggs(agg("values", "*", "*")), {"user"}),
                      {ev({{"user", "a"}, {"src", "1.1.1.1"}, {"x", "p"}, {"_raw", "r1"}}),
                       ev({{"user", "a"}, {"src", "2.2.2.2"}, {"y", "q"}}), ev({{"user", "b"}, {"src", "3.3.3.3"}, {"x", "r"}})});
    REQUIRE(rows.size() == 2);
    CHECK(names(rows[0]) == Strings{"user", "src", "x", "y"});  // matched fields in name order
    CHECK(rows[0].get("src").mv_values() == Strings{"1.1.1.1", "2.2.2.2"});
    CHECK(rows[0].get("x").to_string() == "p");
    CHECK(rows[0].get("user").to_string() == "a");  // the group's value, not values(user)
    CHECK(names(rows[1]) == Strings{"user", "src", "x"});  // b never had y: no field
}

TEST_CASE("stats: wildcard naming: no alias keeps the call with the field, as prefix_* substitutes") {
    std::vector<Event> in = {ev({{"requestParameters.bucketName", "b1"}, {"requestParameters.key", "k"}, {"other", "o"}})};
    auto rows = stats(stats_cmd(aggs(agg("values", "requestParameters.*"))), in);
    REQUIRE(rows.size() == 1);
    CHECK(names(rows[0]) == Strings{"values(requestParameters.bucketName)", "values(requestParameters.key)"});
    rows = stats(stats_cmd(aggs(agg("latest", "requestParameters.*", "rp_*"), agg("count"))), in);
    REQUIRE(rows.size() == 1);
    CHECK(names(rows[0]) == Strings{"rp_bucketName", "rp_key", "count"});
    CHECK(rows[0].get("rp_key").to_string() == "k");
}
