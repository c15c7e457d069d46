// The PCRE2 wrapper: search, find with groups, named groups, replace with back-references, errors.
#include "minispl/core/diagnostic.hpp"
#include "minispl/eval/like.hpp"
#include "minispl/eval/regex.hpp"

#include <doctest/doctest.h>

#include <initializer_list>

using minispl::Regex;

TEST_CASE("Regex::search is unanchored; caseless option") {
    Regex r("cmd\\.exe");
    CHECK(r.search("C:\\Windows\\cmd.exe /c whoami"));
    CHECK_FALSE(r.search("CMD.EXE"));
    CHECK(Regex("cmd\\.exe", true).search("CMD.EXE"));
    CHECK(Regex("^$").search(""));
}

TEST_CASE("Regex::find returns groups and offsets") {
    Regex r("(\\w+)@(\\w+)?\\.com");
    auto m = r.find("mail bob@.com and al@x.com");
    REQUIRE(m);
    CHECK(*m->groups[0] == "bob@.com");
    CHECK(*m->groups[1] == "bob");
    CHECK_FALSE(m->groups[2].has_value());  // unset group
    CHECK(m->begin == 5);
    CHECK(m->end == 13);
    auto m2 = r.find("mail bob@.com and al@x.com", m->end);
    REQUIRE(m2);
    CHECK(*m2->groups[2] == "x");
    CHECK_FALSE(r.find("nothing here"));
}

TEST_CASE("named groups: (?<n>...) and (?P<n>...), in pattern order") {
    Regex r("(?<user>\\w+)\\\\(?P<domain>\\w+)-(?<n>\\d)");
    auto names = r.named_groups();
    REQUIRE(names.size() == 3);
    CHECK(names[0] == std::pair<std::string, int>{"user", 1});
    CHECK(names[1] == std::pair<std::string, int>{"domain", 2});
    CHECK(names[2] == std::pair<std::string, int>{"n", 3});
    auto m = r.find("CORP\\alice-7");
    REQUIRE(m);
    CHECK(*m->groups[2] == "alice");
}

TEST_CASE("Regex::replace with back-references, global or first only") {
    Regex r("(\\d+)-(\\d+)");
    CHECK(r.replace("1-2 and 3-4", "\\2-\\1") == "2-1 and 4-3");
    CHECK(r.replace("1-2 and 3-4", "\\2-\\1", false) == "2-1 and 3-4");
    CHECK(r.replace("1-2", "[\\0]") == "[1-2]");
    CHECK(r.replace("1-2", "a\\\\b") == "a\\b");
    CHECK(Regex("x*").replace("ab", "-") == "-a-b-");
    CHECK(Regex("\\s+").replace("a  b\tc", " ") == "a b c");
}

TEST_CASE("bad pattern: SplError with rule regex and the offset in the message") {
    try {
        Regex r("abc(def");
        FAIL("no error");
    } catch (const minispl::SplError& e) {
        CHECK(e.diagnostic().rule == "regex");
        CHECK(e.diagnostic().message.find("offset") != std::string::npos);
    }
    CHECK_THROWS_AS(Regex("[z-a]"), minispl::SplError);
}

TEST_CASE("invalid UTF-8 in the subject does not break matching") {
    Regex r("b");
    CHECK(r.search(std::string("a\xff" "b")));
}

TEST_CASE("like_match: SQL LIKE") {
    using minispl::like_match;
    CHECK(like_match("abc", "abc"));
    CHECK(like_match("abc", "a%"));
    CHECK(like_match("abc", "%c"));
    CHECK(like_match("abc", "%b%"));
    CHECK(like_match("abc", "a_c"));
    CHECK(like_match("", "%"));
    CHECK_FALSE(like_match("abc", "a_"));
    CHECK_FALSE(like_match("abc", "ABC"));
    CHECK(like_match("a%c", "a\\%c"));
    CHECK_FALSE(like_match("abc", "a\\%c"));
    CHECK(like_match("\xc3\xa9t\xc3\xa9", "_t_"));  // _ is one UTF-8 character
    CHECK(like_match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "%a%a%a%a%a%b"));
    CHECK_FALSE(like_match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "%a%a%a%a%a%b"));
}

TEST_CASE("Regex::expand: group references; other escapes kept (replace) or dropped (sed)") {
    Regex r("(a)(x)?(b)");
    auto m = r.find("zab");
    REQUIRE(m);
    auto expand = [&](std::string_view rep, Regex::OtherEscapes other) {
        std::string out = ">";
        Regex::expand(out, rep, *m, other);
        return out;
    };
    using E = Regex::OtherEscapes;
    for (E other : {E::Keep, E::Drop}) {
        CHECK(expand("\\3\\1", other) == ">ba");
        CHECK(expand("\\0!", other) == ">ab!");
        CHECK(expand("[\\2]", other) == ">[]");   // a group that did not take part is empty
        CHECK(expand("\\9", other) == ">");       // so is one the pattern does not have
        CHECK(expand("a\\\\1", other) == ">a\\1");  // \\ is one backslash, not a reference
        CHECK(expand("end\\", other) == ">end\\");  // a trailing backslash stays
    }
    CHECK(expand("\\t\\/", E::Keep) == ">\\t\\/");
    CHECK(expand("\\t\\/", E::Drop) == ">t/");
    // The same expansion through both users: eval replace() and Regex::replace keep, rex sed drops.
    CHECK(r.replace("zab", "<\\3\\1\\q>") == "z<ba\\q>");
}
