// convert (the security_content_ctime macro and the other conversion functions).
#include "spl_pipeline.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

namespace {

struct Conv { std::string fn, field, alias; };

ast::ConvertCmd convert_cmd(std::vector<Conv> convs, std::string timeformat = "") {
    ast::ConvertCmd c;
    if (!timeformat.empty()) c.options.push_back(ast::Option{"timeformat", timeformat, true, {}, {}});
    for (auto& v : convs) {
        ast::ConvertCmd::Conversion x;
        x.function = v.fn;
        x.field.name = v.field;
        x.alias = v.alias;
        c.conversions.push_back(std::move(x));
    }
    return c;
}

Event convert1(const ast::ConvertCmd& c, Event e) {
    auto rows = run_op(std::make_unique<ConvertOperator>(c, OpContext{}), {std::move(e)});
    REQUIRE(rows.size() == 1);
    return rows[0];
}

}  // namespace

TEST_CASE("convert: ctime with the default format %m/%d/%Y %H:%M:%S (UTC)") {
    auto e = convert1(convert_cmd({{"ctime", "t", ""}}), ev({{"t", "1700000000"}}));
    CHECK(e.get("t").to_string() == "11/14/2023 22:13:20");
}

TEST_CASE("convert: timeformat= and as alias keep the original (security_content_ctime)") {
    auto e = convert1(convert_cmd({{"ctime", "firstTime", "first"}}, "%Y-%m-%dT%H:%M:%S"),
                      ev({{"firstTime", "1700000000"}}));
    CHECK(e.get("first").to_string() == "2023-11-14T22:13:20");
    CHECK(e.get("firstTime").to_string() == "1700000000");
}

TEST_CASE("convert: ctime leaves values that are not numbers alone; multivalues convert each value") {
    auto e = convert1(convert_cmd({{"ctime", "t", ""}, {"ctime", "m", ""}}, "%Y"),
                      ev({{"t", "soon"}, {"m", mv("0", "1700000000")}}));
    CHECK(e.get("t").to_string() == "soon");
    CHECK(e.get("m").mv_values() == Strings{"1970", "2023"});
}

TEST_CASE("convert: wildcard field names") {
    auto e = convert1(convert_cmd({{"ctime", "*Time", ""}}, "%Y"), ev({{"firstTime", "0"}, {"lastTime", "1700000000"}, {"n", "5"}}));
    CHECK(e.get("firstTime").to_string() == "1970");
    CHECK(e.get("lastTime").to_string() == "2023");
    CHECK(e.get("n").to_string() == "5");
}

TEST_CASE("convert: mktime reads text with timeformat back into epoch seconds") {
    auto e = convert1(convert_cmd({{"mktime", "t", ""}}, "%Y-%m-%dT%H:%M:%S"), ev({{"t", "2023-11-14T22:13:20"}}));
    CHECK(e.get("t").to_string() == "1700000000");
    auto d = convert1(convert_cmd({{"mktime", "t", ""}}), ev({{"t", "11/14/2023 22:13:20"}}));
    CHECK(d.get("t").to_string() == "1700000000");
}

TEST_CASE("convert: dur2sec, mstime, memk, rmcomma, rmunit") {
    auto e = convert1(convert_cmd({{"dur2sec", "d", ""}, {"dur2sec", "d2", ""}, {"mstime", "ms", ""}, {"memk", "k", ""},
                                   {"memk", "m", ""}, {"memk", "g", ""}, {"rmcomma", "c", ""}, {"rmunit", "u", ""}}),
                      ev({{"d", "01:02:03"}, {"d2", "1+00:00:10"}, {"ms", "01:02.5"}, {"k", "10"}, {"m", "2m"},
                          {"g", "1g"}, {"c", "1,234,567"}, {"u", "42MB"}}));
    CHECK(e.get("d").to_string() == "3723");
    CHECK(e.get("d2").to_string() == "86410");
    CHECK(e.get("ms").to_string() == "62.5");
    CHECK(e.get("k").to_string() == "10");
    CHECK(e.get("m").to_string() == "2048");
    CHECK(e.get("g").to_string() == "1048576");
    CHECK(e.get("c").to_string() == "1234567");
    CHECK(e.get("u").to_string() == "42");
}

TEST_CASE("convert: auto converts or leaves the field alone; num removes what does not convert") {
    auto e = convert1(convert_cmd({{"auto", "a", ""}, {"auto", "b", ""}, {"num", "c", ""}, {"num", "d", ""}}),
                      ev({{"a", "1,000"}, {"b", "hello"}, {"c", "5"}, {"d", "hello"}}));
    CHECK(e.get("a").to_string() == "1000");
    CHECK(e.get("b").to_string() == "hello");
    CHECK(e.get("c").to_string() == "5");
    CHECK_FALSE(e.has("d"));
}

TEST_CASE("convert: none() exempts fields from wildcard conversions") {
    auto e = convert1(convert_cmd({{"auto", "*", ""}, {"none", "keep", ""}}), ev({{"x", "1,5"}, {"keep", "2,5"}}));
    CHECK(e.get("x").to_string() == "15");
    CHECK(e.get("keep").to_string() == "2,5");
}

TEST_CASE("convert: unknown function or option is an error") {
    CHECK_THROWS_AS(ConvertOperator(convert_cmd({{"frob", "x", ""}}), OpContext{}), SplError);
    ast::ConvertCmd bad = convert_cmd({{"ctime", "x", ""}});
    bad.options.push_back(ast::Option{"zone", "UTC", false, {}, {}});
    CHECK_THROWS_AS(ConvertOperator(bad, OpContext{}), SplError);
}

TEST_CASE("convert: SPL syntax (security_content_ctime expansion)") {
    auto rows = run_spl("| convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(firstTime)", {ev({{"firstTime", "0"}})});
    CHECK(rows[0].get("firstTime").to_string() == "1970-01-01T00:00:00");
}
