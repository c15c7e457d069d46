// bin / bucket: time spans floored to the epoch / midnight, numeric ranges, bins=N.
#include "minispl/core/diagnostic.hpp"
#include "minispl/ops/bin.hpp"
#include "op_test_util.hpp"
#include "stats_test_util.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

namespace {

ast::BinCmd bin_cmd(std::string field, std::string span, std::string alias = "",
                    std::vector<ast::Option> options = {}) {
    ast::BinCmd c;
    c.field.name = std::move(field);
    c.alias = std::move(alias);
    if (!span.empty()) c.span = parse_time_span(span);
    c.options = std::move(options);
    return c;
}

std::vector<Event> bin(ast::BinCmd cmd, std::vector<Event> in) {
    return run_op(std::make_unique<BinOperator>(cmd, OpContext{}), std::move(in));
}

}  // namespace

TEST_CASE("bin: parse_time_span normalises units") {
    auto s = parse_time_span("5m");
    REQUIRE(s);
    CHECK(s->count == 5);
    CHECK(s->unit == "m");
    CHECK(parse_time_span("10min")->unit == "m");
    CHECK(parse_time_span("2hr")->unit == "h");
    CHECK(parse_time_span("3mon")->unit == "mon");
    CHECK(parse_time_span("1w")->unit == "w");
    CHECK(parse_time_span("30s")->unit == "s");
    CHECK(parse_time_span("10")->unit == "");
    CHECK_FALSE(parse_time_span("abc"));
    CHECK_FALSE(parse_time_span("5parsecs"));
    CHECK(span_seconds(*parse_time_span("4h")) == 14400);
}

TEST_CASE("bin: _time span=5m floors to the span, aligned to the epoch") {
    // 1700000123 = 2023-11-14T22:15:23Z → 22:15:00 = 1700000100.
    auto rows = bin(bin_cmd("_time", "5m"), {ev({{"_time", "1700000123"}}), ev({{"_time", "1700000399.5"}})});
    CHECK(column(rows, "_time") == Strings{"1700000100", "1700000100"});
    rows = bin(bin_cmd("_time", "1h"), {ev({{"_time", "1700000123"}})});
    CHECK(column(rows, "_time") == Strings{"1699999200"});
    rows = bin(bin_cmd("_time", "30s"), {ev({{"_time", "1700000123"}})});
    CHECK(column(rows, "_time") == Strings{"1700000100"});
}

TEST_CASE("bin: day spans floor to midnight UTC; months to the first of the month") {
    auto rows = bin(bin_cmd("_time", "1d"), {ev({{"_time", "1700000123"}})});
    CHECK(column(rows, "_time") == Strings{"1699920000"});  // 2023-11-14T00:00:00Z
    rows = bin(bin_cmd("_time", "1mon"), {ev({{"_time", "1700000123"}})});
    CHECK(column(rows, "_time") == Strings{"1698796800"});  // 2023-11-01T00:00:00Z
    rows = bin(bin_cmd("_time", "1y"), {ev({{"_time", "1700000123"}})});
    CHECK(column(rows, "_time") == Strings{"1672531200"});  // 2023-01-01T00:00:00Z
}

TEST_CASE("bin: a numeric field with a numeric span becomes a range \"lo-hi\"") {
    auto rows = bin(bin_cmd("size", "10"), {ev({{"size", "17"}}), ev({{"size", "20"}}), ev({{"size", "-3"}})});
    CHECK(column(rows, "size") == Strings{"10-20", "20-30", "-10-0"});
}

TEST_CASE("bin: as alias keeps the original field") {
    auto rows = bin(bin_cmd("_time", "10m", "window"), {ev({{"_time", "1700000123"}})});
    CHECK(column(rows, "_time") == Strings{"1700000123"});
    CHECK(column(rows, "window") == Strings{"1699999800"});
}

TEST_CASE("bin: a time span on another field floors it as a time (bin span=1h gtime)") {
    auto rows = bin(bin_cmd("gtime", "1h"), {ev({{"gtime", "1700000123"}})});
    CHECK(column(rows, "gtime") == Strings{"1699999200"});
}

TEST_CASE("bin: missing and non-numeric values are left alone") {
    auto rows = bin(bin_cmd("size", "10"), {ev({{"size", "big"}}), ev({{"other", "1"}})});
    CHECK(column(rows, "size") == Strings{"big", ""});
}

TEST_CASE("bin: span= given as an option is read too") {
    auto rows = bin(bin_cmd("_time", "", "", {opt("span", "2m")}), {ev({{"_time", "1700000123"}})});
    CHECK(column(rows, "_time") == Strings{"1700000040"});
}

TEST_CASE("bin: bins=N picks a power-of-ten span from the data") {
    std::vector<Event> in;
    for (int v : {3, 17, 45, 99}) in.push_back(ev({{"x", v}}));
    auto rows = bin(bin_cmd("x", "", "", {opt("bins", "10")}), std::move(in));
    CHECK(column(rows, "x") == Strings{"0-10", "10-20", "40-50", "90-100"});
}

TEST_CASE("bin: unsupported options are reported") {
    CHECK_THROWS_AS(BinOperator(bin_cmd("x", "", "", {opt("start", "0")}), OpContext{}), SplError);
    CHECK_THROWS_AS(BinOperator(bin_cmd("x", "", "", {opt("minspan", "5m")}), OpContext{}), SplError);
    CHECK_THROWS_AS(BinOperator(bin_cmd("x", "", "", {opt("span", "5parsecs")}), OpContext{}), SplError);
}

TEST_CASE("bin: through the parser (bucket span=5m _time, bin _time span=1h as t, bin x bins=10)") {
    auto rows = bin(parsed<ast::BinCmd>("* | bucket span=5m _time"), {ev({{"_time", "1700000123"}})});
    CHECK(column(rows, "_time") == Strings{"1700000100"});
    rows = bin(parsed<ast::BinCmd>("* | bin _time span=1h as t"), {ev({{"_time", "1700000123"}})});
    CHECK(column(rows, "t") == Strings{"1699999200"});
    rows = bin(parsed<ast::BinCmd>("* | bin x bins=10"), {ev({{"x", "5"}}), ev({{"x", "95"}})});
    CHECK(column(rows, "x") == Strings{"0-10", "90-100"});
    rows = bin(parsed<ast::BinCmd>("* | bin _time span=1q"), {ev({{"_time", "1700000123"}})});
    CHECK(column(rows, "_time") == Strings{"1696118400"});  // 2023-10-01T00:00:00Z
}
