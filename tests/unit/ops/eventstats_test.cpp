// eventstats: group aggregates added to every event, events kept in order.
#include "minispl/core/diagnostic.hpp"
#include "minispl/ops/eventstats.hpp"
#include "op_test_util.hpp"
#include "stats_test_util.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

namespace {

std::vector<Event> eventstats(ast::StatsCmd cmd, std::vector<Event> in) {
    return run_op(std::make_unique<EventStatsOperator>(cmd, OpContext{}), std::move(in));
}

}  // namespace

TEST_CASE("eventstats: adds the aggregates of its group to every event, in the original order") {
    auto rows = eventstats(stats_cmd(aggs(agg("count", "", "n"), agg("max", "v")), {"g"}),
                           {ev({{"g", "b"}, {"v", "1"}}), ev({{"g", "a"}, {"v", "5"}}), ev({{"g", "b"}, {"v", "3"}})});
    REQUIRE(rows.size() == 3);
    CHECK(column(rows, "g") == Strings{"b", "a", "b"});
    CHECK(column(rows, "v") == Strings{"1", "5", "3"});
    CHECK(column(rows, "n") == Strings{"2", "1", "2"});
    CHECK(column(rows, "max(v)") == Strings{"3", "5", "3"});
    CHECK(names(rows[0]) == Strings{"g", "v", "n", "max(v)"});
}

TEST_CASE("eventstats: without by, every event gets the whole-set aggregates (avg/stdev z-score idiom)") {
    auto rows = eventstats(stats_cmd(aggs(agg("avg", "count", "avg"), agg("stdev", "count", "stdev"))),
                           {ev({{"count", "2"}}), ev({{"count", "4"}}), ev({{"count", "6"}})});
    CHECK(column(rows, "avg") == Strings{"4", "4", "4"});
    CHECK(column(rows, "stdev") == Strings{"2", "2", "2"});
}

TEST_CASE("eventstats: events without the by-field are kept but get nothing") {
    auto rows = eventstats(stats_cmd(aggs(agg("count")), {"g"}), {ev({{"g", "a"}}), ev({{"x", "1"}}), ev({{"g", "a"}})});
    REQUIRE(rows.size() == 3);
    CHECK(column(rows, "count") == Strings{"2", "", "2"});
    CHECK_FALSE(rows[1].has("count"));
}

TEST_CASE("eventstats: an aggregate named like an existing field replaces it") {
    auto rows = eventstats(stats_cmd(aggs(agg("max", "enough_data", "enough_data"))),
                           {ev({{"enough_data", "0"}}), ev({{"enough_data", "1"}})});
    CHECK(column(rows, "enough_data") == Strings{"1", "1"});
}

TEST_CASE("eventstats: no events in, none out") {
    CHECK(eventstats(stats_cmd(aggs(agg("count"))), {}).empty());
}

TEST_CASE("eventstats: through the parser (eventstats avg(x) as a, stdev(x) as s by g)") {
    auto rows = eventstats(parsed<ast::StatsCmd>("* | eventstats avg(x) as a, stdev(x) as s by g"),
                           {ev({{"g", "1"}, {"x", "1"}}), ev({{"g", "1"}, {"x", "3"}}), ev({{"g", "2"}, {"x", "7"}})});
    CHECK(column(rows, "a") == Strings{"2", "2", "7"});
    CHECK(column(rows, "s") == Strings{"1.4142135623730951", "1.4142135623730951", "0"});
}

TEST_CASE("eventstats: values(x*) as all_x* adds one field per matched field of the group") {
    auto rows = eventstats(stats_cmd(aggs(agg("values", "x*", "all_x*")), {"g"}),
                           {ev({{"g", "a"}, {"x", "1"}}), ev({{"g", "a"}, {"x2", "2"}}), ev({{"g", "b"}, {"y", "3"}})});
    REQUIRE(rows.size() == 3);
    CHECK(column(rows, "all_x") == Strings{"1", "1", ""});
    CHECK(column(rows, "all_x2") == Strings{"2", "2", ""});
    CHECK_FALSE(rows[2].has("all_x"));
}
