#include "minispl/io/json_flatten.hpp"

#include <doctest/doctest.h>

using namespace minispl;

namespace {
Event flat(std::string_view json) {
    Event e;
    REQUIRE(flatten_json(json, e));
    return e;
}
std::vector<std::string> names(const Event& e) {
    std::vector<std::string> n;
    for (const auto& f : e.fields()) n.push_back(f.first);
    return n;
}
}  // namespace

TEST_CASE("flatten: nested objects join keys with dots") {
    Event e = flat(R"({"userIdentity":{"arn":"arn:aws:iam::1:user/bob","sessionContext":{"attributes":{"mfaAuthenticated":"true"}}},"x":"y"})");
    CHECK(e.get("userIdentity.arn").str() == "arn:aws:iam::1:user/bob");
    CHECK(e.get("userIdentity.sessionContext.attributes.mfaAuthenticated").str() == "true");
    CHECK(e.get("x").str() == "y");
    CHECK(names(e) == std::vector<std::string>{"userIdentity.arn", "userIdentity.sessionContext.attributes.mfaAuthenticated", "x"});
}

TEST_CASE("flatten: arrays of scalars are a{} multivalues in document order") {
    Event e = flat(R"({"userAgent":["b","a","b"],"one":["only"]})");
    const Value& v = e.get("userAgent{}");
    REQUIRE(v.is_multi());
    CHECK(v.mv_values() == std::vector<std::string>{"b", "a", "b"});
    CHECK(!e.has("userAgent"));
    CHECK(e.get("one{}").str() == "only");  // one value: a single value
}

TEST_CASE("flatten: paths through arrays of objects") {
    Event e = flat(R"({"requestParameters":{"createVolumePermission":{"add":{"items":[{"userId":"111"},{"userId":"222"},{"group":"all"}]}}},
                      "resources":[{"ARN":"a1","type":"t"},{"ARN":"a2"}]})");
    CHECK(e.get("requestParameters.createVolumePermission.add.items{}.userId").mv_values() ==
          std::vector<std::string>{"111", "222"});
    CHECK(e.get("requestParameters.createVolumePermission.add.items{}.group").str() == "all");
    CHECK(e.get("resources{}.ARN").mv_values() == std::vector<std::string>{"a1", "a2"});
    CHECK(e.get("resources{}.type").str() == "t");
}

TEST_CASE("flatten: nested arrays add one {} per level") {
    Event e = flat(R"({"m":[[1,2],[3]],"o":[{"p":[{"q":"x"},{"q":"y"}]},{"p":[{"q":"z"}]}]})");
    CHECK(e.get("m{}{}").mv_values() == std::vector<std::string>{"1", "2", "3"});
    CHECK(e.get("o{}.p{}.q").mv_values() == std::vector<std::string>{"x", "y", "z"});
}

TEST_CASE("flatten: booleans, numbers keep their text, null and empty produce nothing") {
    Event e = flat(R"({"t":true,"f":false,"n":1.50,"e":-2E+3,"big":123456789012345678901234,"z":null,
                      "eo":{},"ea":[],"s":"","mixed":[1,null,"a",true]})");
    CHECK(e.get("t").str() == "true");
    CHECK(e.get("f").str() == "false");
    CHECK(e.get("n").str() == "1.50");
    CHECK(e.get("e").str() == "-2E+3");
    CHECK(e.get("big").str() == "123456789012345678901234");
    CHECK(!e.has("z"));
    CHECK(!e.has("eo"));
    CHECK(!e.has("ea"));
    CHECK(!e.has("ea{}"));
    CHECK(e.has("s"));  // an empty string is a value
    CHECK(e.get("s").str() == "");
    CHECK(e.get("mixed{}").mv_values() == std::vector<std::string>{"1", "a", "true"});
}

TEST_CASE("flatten: string escapes are decoded") {
    Event e = flat(R"({"a":"x\"y\\z\n\u00e9"})");
    CHECK(e.get("a").str() == "x\"y\\z\n\xc3\xa9");
}

TEST_CASE("flatten: rejects non-objects and truncated text, adding nothing") {
    Event e;
    CHECK_FALSE(flatten_json(R"([1,2])", e));
    CHECK_FALSE(flatten_json(R"("s")", e));
    CHECK_FALSE(flatten_json(R"({"a":1)", e));
    CHECK_FALSE(flatten_json(R"({"a":"b)", e));
    CHECK_FALSE(flatten_json(R"({"a":1} x)", e));
    CHECK_FALSE(flatten_json("", e));
    CHECK_FALSE(flatten_json(R"({"a":1,"b":[1,2)", e));
    CHECK(e.size() == 0);
}

TEST_CASE("flatten: merges into an existing event") {
    Event e;
    e.set("source", Value::string("f.json"));
    REQUIRE(flatten_json(R"({"a":"1"})", e));
    CHECK(e.get("source").str() == "f.json");
    CHECK(e.get("a").str() == "1");
}

TEST_CASE("flatten: a repeated key gives one multivalue field") {
    Event e = flat(R"({"a":"1","b":"x","a":"2"})");
    CHECK(e.size() == 2);
    CHECK(e.get("a").mv_values() == std::vector<std::string>{"1", "2"});
}
