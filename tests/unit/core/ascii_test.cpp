#include "minispl/core/ascii.hpp"

#include <doctest/doctest.h>

using namespace minispl;

TEST_CASE("lower folds A-Z only") {
    CHECK(lower("") == "");
    CHECK(lower("Hello, World 42!") == "hello, world 42!");
    CHECK(lower("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "abcdefghijklmnopqrstuvwxyz");
    CHECK(lower("@[`{") == "@[`{");  // the neighbours of A-Z and a-z stay
    // Bytes of UTF-8 sequences pass through: "ÄÖ" is not folded, and no byte is broken.
    CHECK(lower("\xC3\x84\xC3\x96X") == "\xC3\x84\xC3\x96x");
    std::string s = "EventCode";
    lower_in_place(s);
    CHECK(s == "eventcode");
    for (int c = 0; c < 256; ++c) {
        const char ch = static_cast<char>(c);
        CHECK(ascii_lower(ch) == (c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : ch));
    }
}

TEST_CASE("upper folds a-z only") {
    CHECK(upper("Hello, world 42!") == "HELLO, WORLD 42!");
    CHECK(upper("\xC3\xA4x") == "\xC3\xA4X");  // "ä" stays as it is
    CHECK(upper("@[`{") == "@[`{");
}

TEST_CASE("iequals compares ignoring ASCII case") {
    CHECK(iequals("allnum", "AllNum"));
    CHECK(iequals("", ""));
    CHECK_FALSE(iequals("allnum", "allnu"));
    CHECK_FALSE(iequals("a[", "A{"));  // '[' and '{' are not a case pair
    static_assert(iequals("DELIM", "delim"));
}
