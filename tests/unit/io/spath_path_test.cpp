// spath paths (the one parser and walker of the spath command and spath()): syntax, JSON values
// as written, XML paths with entities decoded, broken input giving nothing.
#include "minispl/io/spath_path.hpp"
#include "minispl/io/xml_fields.hpp"

#include <doctest/doctest.h>

using namespace minispl;

namespace {
using Strings = std::vector<std::string>;
Strings at(std::string_view doc, std::string_view path) {
    std::string error;
    auto p = SpathPath::parse(path, error);
    REQUIRE_MESSAGE(p, error);
    Strings out;
    spath_values(doc, *p, out);
    return out;
}
}  // namespace

TEST_CASE("spath path: syntax errors are reported, not guessed") {
    std::string error;
    CHECK_FALSE(SpathPath::parse("a{1", error));
    CHECK(error.find("unclosed {") != std::string::npos);
    CHECK_FALSE(SpathPath::parse("a{0}", error));
    CHECK_FALSE(SpathPath::parse("a{x}", error));
    auto p = SpathPath::parse("a.b{}{2}.c{@id}", error);
    REQUIRE(p);
    CHECK(p->steps.size() == 4);
    CHECK(p->xml_name() == "a.b.c{@id}");
}

TEST_CASE("spath path over JSON: strings unescaped, other values as written, null nothing") {
    const std::string j = R"({"n":1.50,"s":"a\"b","o":{ "k" : [1, 2] },"z":null,"t":true,"l":[{"k":"x"},{"k":"y"}]})";
    CHECK(at(j, "n") == Strings{"1.50"});
    CHECK(at(j, "s") == Strings{"a\"b"});
    CHECK(at(j, "o") == Strings{R"({ "k" : [1, 2] })"});
    CHECK(at(j, "o.k{2}") == Strings{"2"});
    CHECK(at(j, "z").empty());
    CHECK(at(j, "t") == Strings{"true"});
    CHECK(at(j, "l{}.k") == Strings{"x", "y"});
    CHECK(at(j, "o{}.k{}") == Strings{"1", "2"});  // {} on an object: the object itself
    CHECK(at(R"({"a":[1,)", "a{}").empty());       // broken JSON: nothing, not the values before the break
}

TEST_CASE("spath path over XML: element text and attributes, entities decoded, positions ignored") {
    const std::string x = "<Event><Data Name='User'>a &amp; b</Data><Data Name='Host'>h</Data></Event>";
    CHECK(at(x, "Event.Data") == Strings{"a & b", "h"});
    CHECK(at(x, "Event.Data{@Name}") == Strings{"User", "Host"});
    CHECK(at(x, "Event.Data{2}") == Strings{"a & b", "h"});
    CHECK(at("not a document", "a").empty());
}

TEST_CASE("xml leaf elements (xmlkv): innermost elements in document order, a fragment too") {
    auto leaves = xml_leaf_elements("text before <a><b>1</b><c x='y'>2 &lt; 3</c></a><d>4</d><e/>");
    REQUIRE(leaves.size() == 3);
    CHECK(leaves[0] == std::pair<std::string, std::string>{"b", "1"});
    CHECK(leaves[1] == std::pair<std::string, std::string>{"c", "2 < 3"});
    CHECK(leaves[2] == std::pair<std::string, std::string>{"d", "4"});
}
