// streamstats: running aggregates in event order, windows, current=, global=, reset_on_change.
#include "minispl/core/diagnostic.hpp"
#include "minispl/ops/streamstats.hpp"
#include "op_test_util.hpp"
#include "stats_test_util.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

namespace {

std::vector<Event> streamstats(ast::StatsCmd cmd, std::vector<Event> in) {
    return run_op(std::make_unique<StreamStatsOperator>(cmd, OpContext{}), std::move(in));
}

// The Search Reference's example data: host, bytes.
std::vector<Event> hosts() {
    return {ev({{"host", "x"}, {"bytes", "100"}}), ev({{"host", "y"}, {"bytes", "200"}}),
            ev({{"host", "x"}, {"bytes", "400"}}), ev({{"host", "x"}, {"bytes", "50"}}),
            ev({{"host", "y"}, {"bytes", "150"}}), ev({{"host", "x"}, {"bytes", "100"}})};
}

}  // namespace

TEST_CASE("streamstats: a running count, including the current event") {
    auto rows = streamstats(stats_cmd(aggs(agg("count"))), hosts());
    CHECK(column(rows, "count") == Strings{"1", "2", "3", "4", "5", "6"});
}

TEST_CASE("streamstats: by host keeps a running count per host") {
    auto rows = streamstats(stats_cmd(aggs(agg("count", "", "rank")), {"host"}), hosts());
    CHECK(column(rows, "rank") == Strings{"1", "1", "2", "3", "2", "4"});
}

TEST_CASE("streamstats: window=3 avg(bytes) is a moving average (Search Reference example)") {
    auto rows = streamstats(stats_cmd(aggs(agg("avg", "bytes")), {}, {opt("window", "3")}), hosts());
    CHECK(column(rows, "avg(bytes)") ==
          Strings{"100", "150", "233.33333333333334", "216.66666666666666", "200", "100"});
}

TEST_CASE("streamstats: current=f leaves the current event out") {
    auto rows = streamstats(stats_cmd(aggs(agg("sum", "bytes", "prev_total"), agg("count")), {}, {opt("current", "f")}),
                            hosts());
    CHECK(column(rows, "prev_total") == Strings{"", "100", "300", "700", "750", "900"});
    CHECK(column(rows, "count") == Strings{"0", "1", "2", "3", "4", "5"});
}

TEST_CASE("streamstats: window=2 current=1 range(_time) by session (detection idiom)") {
    std::vector<Event> in = {ev({{"s", "a"}, {"_time", "100"}}), ev({{"s", "a"}, {"_time", "130"}}),
                             ev({{"s", "b"}, {"_time", "140"}}), ev({{"s", "a"}, {"_time", "200"}})};
    auto rows = streamstats(stats_cmd(aggs(agg("range", "_time", "TimeDelta")), {"s"},
                                      {opt("window", "2"), opt("current", "1"), opt("global", "f")}),
                            std::move(in));
    CHECK(column(rows, "TimeDelta") == Strings{"0", "30", "0", "70"});
}

TEST_CASE("streamstats: global=t (default) applies the window over all events, then the group") {
    std::vector<Event> in = {ev({{"s", "a"}, {"v", "1"}}), ev({{"s", "b"}, {"v", "2"}}), ev({{"s", "a"}, {"v", "4"}})};
    auto rows = streamstats(stats_cmd(aggs(agg("sum", "v")), {"s"}, {opt("window", "2")}), std::move(in));
    // At the third event the window holds events 2 and 3: group a sees only 4.
    CHECK(column(rows, "sum(v)") == Strings{"1", "2", "4"});
}

TEST_CASE("streamstats: reset_on_change restarts the aggregates when the by-values change") {
    std::vector<Event> in = {ev({{"s", "a"}}), ev({{"s", "a"}}), ev({{"s", "b"}}), ev({{"s", "a"}})};
    auto rows = streamstats(stats_cmd(aggs(agg("count")), {"s"}, {opt("reset_on_change", "true")}), std::move(in));
    CHECK(column(rows, "count") == Strings{"1", "2", "1", "1"});
}

TEST_CASE("streamstats: time_window keeps the events within the span of the current one") {
    std::vector<Event> in = {ev({{"_time", "0"}}), ev({{"_time", "30"}}), ev({{"_time", "70"}}), ev({{"_time", "200"}})};
    auto rows = streamstats(stats_cmd(aggs(agg("count")), {}, {opt("time_window", "1m")}), std::move(in));
    CHECK(column(rows, "count") == Strings{"1", "2", "2", "1"});
}

TEST_CASE("streamstats: events without the by-field pass through unchanged") {
    auto rows = streamstats(stats_cmd(aggs(agg("count")), {"s"}), {ev({{"x", "1"}}), ev({{"s", "a"}})});
    CHECK(column(rows, "count") == Strings{"", "1"});
}

TEST_CASE("streamstats: unsupported options are reported") {
    CHECK_THROWS_AS(StreamStatsOperator(stats_cmd(aggs(agg("count")), {}, {opt("reset_after", "x>1")}), OpContext{}),
                    SplError);
    CHECK_THROWS_AS(StreamStatsOperator(stats_cmd(aggs(agg("count")), {}, {opt("current", "maybe")}), OpContext{}),
                    SplError);
    // a wildcard field (stats and eventstats take one) is refused, not silently empty
    try {
        StreamStatsOperator op(stats_cmd(aggs(agg("values", "*", "*"))), OpContext{});
        FAIL("expected an error");
    } catch (const SplError& e) {
        CHECK(e.diagnostic().rule == "unsupported");
    }
}

TEST_CASE("streamstats: through the parser (streamstats count as rank by src query)") {
    auto rows = streamstats(parsed<ast::StatsCmd>("* | streamstats count as rank by src query"),
                            {ev({{"src", "a"}, {"query", "q"}}), ev({{"src", "a"}, {"query", "q"}}),
                             ev({{"src", "b"}, {"query", "q"}})});
    CHECK(column(rows, "rank") == Strings{"1", "2", "1"});
}
