// The aggregation functions, one case per function family (spl-semantics.md, Search Reference).
#include "minispl/core/diagnostic.hpp"
#include "minispl/ops/aggregate.hpp"
#include "minispl/ops/stats.hpp"
#include "op_test_util.hpp"
#include "stats_test_util.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

namespace {

//! One aggregation over events with field x (and _time when given), no by clause.
std::string agg1(ast::Aggregation a, std::vector<Event> in) {
    std::string out = a.alias.empty() ? a.written : a.alias;
    auto rows = run_op(std::make_unique<StatsOperator>(stats_cmd(aggs(std::move(a))), OpContext{}),
                       std::move(in));
    REQUIRE(rows.size() == 1);
    return rows[0].get(out).to_string();
}

std::vector<Event> xs(std::initializer_list<const char*> values) {
    std::vector<Event> out;
    for (const char* v : values) out.push_back(ev({{"x", v}}));
    return out;
}

}  // namespace

TEST_CASE("aggregate: count(x) counts each value of a multivalue field") {
    CHECK(agg1(agg("count", "x"), {ev({{"x", mv("a", "b", "c")}}), ev({{"x", "d"}})}) == "4");
    CHECK(agg1(agg("c", "x"), xs({"a", "b"})) == "2");
}

TEST_CASE("aggregate: dc counts distinct values as strings") {
    CHECK(agg1(agg("dc", "x"), xs({"1", "1.0", "01", "1", "a", "A"})) == "5");
    CHECK(agg1(agg("distinct_count", "x"), xs({"a", "a"})) == "1");
    CHECK(agg1(agg("estdc", "x"), xs({"a", "b"})) == "2");
}

TEST_CASE("aggregate: values are distinct and sorted lexicographically by bytes") {
    // Numbers sort by their first digit; uppercase before lowercase.
    CHECK(agg1(agg("values", "x"), xs({"b", "10", "a", "9", "B", "a", "100"})) == "10\n100\n9\nB\na\nb");
    CHECK(agg1(agg("values", "x"), {ev({{"x", mv("z", "y")}}), ev({{"x", "y"}})}) == "y\nz");
}

TEST_CASE("aggregate: list keeps event order and duplicates, up to 100 values") {
    CHECK(agg1(agg("list", "x"), xs({"b", "a", "b"})) == "b\na\nb");
    std::vector<Event> in;
    for (int i = 0; i < 150; ++i) in.push_back(ev({{"x", i}}));
    auto rows = run_op(std::make_unique<StatsOperator>(stats_cmd(aggs(agg("list", "x"))), OpContext{}), std::move(in));
    CHECK(rows[0].get("list(x)").mv_size() == 100);
    CHECK(rows[0].get("list(x)").mv_at(99) == "99");
}

TEST_CASE("aggregate: min and max compare numerically when values are numbers, else as strings") {
    CHECK(agg1(agg("max", "x"), xs({"9", "10", "2"})) == "10");
    CHECK(agg1(agg("min", "x"), xs({"9", "10", "2"})) == "2");
    CHECK(agg1(agg("max", "x"), xs({"apple", "Banana", "cherry"})) == "cherry");
    CHECK(agg1(agg("min", "x"), xs({"apple", "Banana", "cherry"})) == "Banana");
    // Mixed: the numbers win (values are processed as numbers if possible).
    CHECK(agg1(agg("max", "x"), xs({"5", "zzz", "7"})) == "7");
    CHECK(agg1(agg("min", "x"), xs({"-1.5", "3"})) == "-1.5");
}

TEST_CASE("aggregate: sum keeps integers as integers; non-numbers are ignored") {
    CHECK(agg1(agg("sum", "x"), xs({"1", "2", "3", "abc"})) == "6");
    CHECK(agg1(agg("sum", "x"), xs({"0.5", "0.25"})) == "0.75");
    CHECK(agg1(agg("sum", "x"), {ev({{"x", mv("1", "2")}})}) == "3");
    CHECK(agg1(agg("sum", "x"), xs({"abc"})) == "");
}

TEST_CASE("aggregate: avg prints the shortest text of the double (as Splunk: 3.9900000000000055)") {
    CHECK(agg1(agg("avg", "x"), xs({"1", "2"})) == "1.5");
    CHECK(agg1(agg("avg", "x"), xs({"1", "2", "4"})) == "2.3333333333333335");
    CHECK(agg1(agg("mean", "x"), xs({"2", "4"})) == "3");
    std::vector<Event> in;
    for (int i = 0; i < 100; ++i) in.push_back(ev({{"x", "3.99"}}));
    CHECK(agg1(agg("avg", "x"), std::move(in)) == "3.9900000000000055");
}

TEST_CASE("aggregate: stdev/var are sample statistics, stdevp/varp population; range is max-min") {
    auto data = [] { return xs({"2", "4", "4", "4", "5", "5", "7", "9"}); };
    CHECK(agg1(agg("varp", "x"), data()) == "4");
    CHECK(agg1(agg("stdevp", "x"), data()) == "2");
    CHECK(agg1(agg("var", "x"), data()) == "4.571428571428571");
    CHECK(agg1(agg("stdev", "x"), data()) == "2.138089935299395");
    CHECK(agg1(agg("range", "x"), data()) == "7");
    CHECK(agg1(agg("stdev", "x"), xs({"5"})) == "0");
    CHECK(agg1(agg("sumsq", "x"), xs({"1", "2", "3"})) == "14");
}

TEST_CASE("aggregate: median is the middle value, the higher of the two for an even count") {
    CHECK(agg1(agg("median", "x"), xs({"3", "1", "2"})) == "2");
    CHECK(agg1(agg("median", "x"), xs({"4", "1", "3", "2"})) == "3");
}

TEST_CASE("aggregate: percentiles pNN / percNN / exactpercNN / upperpercNN") {
    auto data = [] { return xs({"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}); };
    CHECK(agg1(agg("perc", "x", "", 50), data()) == "5.5");
    CHECK(agg1(agg("p", "x", "", 90), data()) == "9.1");
    CHECK(agg1(agg("exactperc", "x", "", 100), data()) == "10");
    CHECK(agg1(agg("upperperc", "x", "", 50), data()) == "6");
    CHECK(agg1(agg("p", "x", "", 0), data()) == "1");
    // A name with the percentile folded in (p95) is read too.
    ast::Aggregation a = agg("p95", "x");
    CHECK(agg1(std::move(a), data()) == "9.55");
}

TEST_CASE("aggregate: mode is the most frequent value; ties go to the first seen") {
    CHECK(agg1(agg("mode", "x"), xs({"a", "b", "b", "c"})) == "b");
    CHECK(agg1(agg("mode", "x"), xs({"z", "y", "y", "z"})) == "z");
}

TEST_CASE("aggregate: first/last by arrival order, earliest/latest by _time") {
    std::vector<Event> in = {ev({{"x", "mid"}, {"_time", "200"}}), ev({{"x", "old"}, {"_time", "100"}}),
                             ev({{"x", "new"}, {"_time", "300"}}), ev({{"x", "mid2"}, {"_time", "250"}})};
    CHECK(agg1(agg("first", "x"), in) == "mid");
    CHECK(agg1(agg("last", "x"), in) == "mid2");
    CHECK(agg1(agg("earliest", "x"), in) == "old");
    CHECK(agg1(agg("latest", "x"), in) == "new");
    CHECK(agg1(agg("earliest_time", "x"), in) == "100");
    CHECK(agg1(agg("latest_time", "x"), in) == "300");
}

TEST_CASE("aggregate: first keeps a multivalue whole") {
    CHECK(agg1(agg("first", "x"), {ev({{"x", mv("a", "b")}}), ev({{"x", "c"}})}) == "a\nb");
}

TEST_CASE("aggregate: fn(eval(expr)) aggregates the expression's value") {
    ast::Aggregation a = agg_eval("values", field_expr("user"), "users");
    CHECK(agg1(std::move(a), {ev({{"user", "b"}}), ev({{"user", "a"}}), ev({{"x", "1"}})}) == "a\nb");
}

TEST_CASE("aggregate: a percentile function without a percentile is an error") {
    CHECK_THROWS_AS(AggregateSpec(agg("perc", "x"), OpContext{}), SplError);
    CHECK_THROWS_AS(AggregateSpec(agg("avg"), OpContext{}), SplError);
}

TEST_CASE("aggregate: group_value_less and stat_number") {
    CHECK(group_value_less("9", "10"));
    CHECK(group_value_less("10", "a"));
    CHECK_FALSE(group_value_less("a", "10"));
    CHECK(group_value_less("A", "a"));
    CHECK(stat_number(3).to_string() == "3");
    CHECK(stat_number(0.1 + 0.2).to_string() == "0.30000000000000004");
}

TEST_CASE("is_stats_function: the aggregate table and Splunk's functions it does not run, any case") {
    using minispl::is_stats_function;
    for (const char* f : {"count", "C", "dc", "Distinct_Count", "values", "avg", "mean", "p95", "perc99.9",
                          "exactperc50", "upperperc10", "earliest_time", "latest"})
        CHECK_MESSAGE(is_stats_function(f), f);
    for (const char* f : {"per_day", "rate", "sparkline", "estdc_error"})  // lint knows them; stats refuses
        CHECK_MESSAGE(is_stats_function(f), f);
    for (const char* f : {"", "counts", "lower", "count5", "pfoo", "strftime"})
        CHECK_MESSAGE(!is_stats_function(f), f);
}
