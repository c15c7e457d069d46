// xmlkv, fromjson, extract.
#include "extraction_pipeline.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

TEST_CASE("xmlkv: innermost <key>value</key> pairs of _raw or a field; entities decoded; repeats multivalue") {
    auto rows = run_x("| xmlkv", {ev({{"_raw", "<doc><id>7</id><name>a &amp; b</name><id>8</id><e/></doc>"}})});
    CHECK(rows[0].get("id").mv_values() == Strings{"7", "8"});
    CHECK(rows[0].get("name").to_string() == "a & b");
    CHECK_FALSE(rows[0].has("doc"));
    rows = run_x("| xmlkv Message", {ev({{"Message", "<Data Name='CommandLine'>cmd /c x</Data>"}})});
    CHECK(rows[0].get("Data").to_string() == "cmd /c x");
}

TEST_CASE("fromjson: top-level keys become fields; prefix=; arrays multivalue; objects stay JSON") {
    auto rows = run_x("| fromjson object", {ev({{"object", R"({"name":"Albert","age":63})"}})});
    CHECK(rows[0].get("name").to_string() == "Albert");
    CHECK(rows[0].get("age").to_string() == "63");
    rows = run_x("| fromjson object prefix=json_", {ev({{"object", R"({"name":"Albert","l":[1,"x"],"o":{"k":true}})"}})});
    CHECK(rows[0].get("json_name").to_string() == "Albert");
    CHECK(rows[0].get("json_l").mv_values() == Strings{"1", "x"});
    CHECK(rows[0].get("json_o").to_string() == R"({"k":true})");
    rows = run_x("| fromjson object", {ev({{"object", "nope"}})});
    CHECK(names(rows[0]) == Strings{"object"});
}

TEST_CASE("extract: pairdelim/kvdelim split _raw; existing fields are kept; default is key=value") {
    auto rows = run_x("| extract pairdelim=\";\" kvdelim=\":\"", {ev({{"_raw", "user:bob;host:h1; pid : 42"}, {"host", "keep"}})});
    CHECK(rows[0].get("user").to_string() == "bob");
    CHECK(rows[0].get("pid").to_string() == "42");
    CHECK(rows[0].get("host").to_string() == "keep");
    rows = run_x("| extract", {ev({{"_raw", "a=1 b=\"two words\" c-d=3"}})});
    CHECK(rows[0].get("a").to_string() == "1");
    CHECK(rows[0].get("b").to_string() == "two words");
    CHECK(rows[0].get("c_d").to_string() == "3");
}

TEST_CASE("extract: a named extractor is reported as unsupported") {
    CHECK_THROWS_AS(compile_x("| extract access-extractions"), SplError);
}
