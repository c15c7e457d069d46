// rex and regex.
#include "spl_pipeline.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

TEST_CASE("regex: field=\"re\" keeps matches, field!=\"re\" keeps the rest (missing field too)") {
    std::vector<Event> in = {ev({{"id", "1"}, {"p", "C:\\Windows\\cmd.exe"}}), ev({{"id", "2"}, {"p", "/bin/sh"}}),
                             ev({{"id", "3"}})};
    CHECK(column(run_spl("| regex p=\"(?i)\\.exe$\"", in), "id") == Strings{"1"});
    CHECK(column(run_spl("| regex p!=\"\\.exe$\"", in), "id") == Strings{"2", "3"});
}

TEST_CASE("regex: without a field it tests _raw; unanchored, case-sensitive; any value of a multivalue") {
    std::vector<Event> in = {ev({{"id", "1"}, {"_raw", "Error here"}}), ev({{"id", "2"}, {"_raw", "error"}}),
                             ev({{"id", "3"}, {"m", mv("x", "needle")}})};
    CHECK(column(run_spl("| regex \"Err\"", in), "id") == Strings{"1"});
    CHECK(column(run_spl("| regex m=\"^need\"", in), "id") == Strings{"3"});
}

TEST_CASE("rex: named groups (?<n>) and (?P<n>) become fields; default field _raw") {
    auto rows = run_spl("| rex \"user=(?<user>\\w+) id=(?P<uid>\\d+)\"", {ev({{"_raw", "x user=bob id=42 y"}})});
    CHECK(rows[0].get("user").to_string() == "bob");
    CHECK(rows[0].get("uid").to_string() == "42");
}

TEST_CASE("rex: field= and no match leaves the event (and existing fields) alone") {
    auto rows = run_spl("| rex field=cmd \"-(?<flag>\\w)\"", {ev({{"cmd", "ls -l"}}), ev({{"cmd", "ls"}, {"flag", "old"}})});
    CHECK(column(rows, "flag") == Strings{"l", "old"});
}

TEST_CASE("rex: max_match=N collects up to N matches, 0 means unlimited, into a multivalue") {
    Event e = ev({{"s", "a1 b22 c333 d4"}});
    auto one = run_spl("| rex field=s \"(?<n>\\d+)\"", {e});
    CHECK(one[0].get("n").to_string() == "1");
    auto two = run_spl("| rex field=s max_match=2 \"(?<n>\\d+)\"", {e});
    CHECK(two[0].get("n").mv_values() == Strings{"1", "22"});
    auto all = run_spl("| rex field=s max_match=0 \"(?<n>\\d+)\"", {e});
    CHECK(all[0].get("n").mv_values() == Strings{"1", "22", "333", "4"});
}

TEST_CASE("rex: offset_field records where each group matched") {
    auto rows = run_spl("| rex field=s offset_field=off \"(?<k>\\w+)=(?<v>\\w+)\"", {ev({{"s", "xx ab=cd"}})});
    CHECK(rows[0].get("off").to_string() == "k=3-4&v=6-7");
}

TEST_CASE("rex: mode=sed s/// replaces the first match, g all, N the Nth; \\1 references") {
    Event e = ev({{"s", "a-b-c"}});
    CHECK(run_spl("| rex field=s mode=sed \"s/-/+/\"", {e})[0].get("s").to_string() == "a+b-c");
    CHECK(run_spl("| rex field=s mode=sed \"s/-/+/g\"", {e})[0].get("s").to_string() == "a+b+c");
    CHECK(run_spl("| rex field=s mode=sed \"s/-/+/2\"", {e})[0].get("s").to_string() == "a-b+c");
    CHECK(run_spl("| rex field=s mode=sed \"s/(\\w)-(\\w)/\\2_\\1/\"", {e})[0].get("s").to_string() == "b_a-c");
}

TEST_CASE("rex: mode=sed y/// transliterates; bad sed expressions are errors") {
    Event e = ev({{"s", "abcabc"}});
    CHECK(run_spl("| rex field=s mode=sed \"y/abc/xyz/\"", {e})[0].get("s").to_string() == "xyzxyz");
    CHECK_THROWS_AS(compile_spl("| rex field=s mode=sed \"q/a/b/\""), SplError);
    CHECK_THROWS_AS(compile_spl("| rex field=s mode=sed \"y/ab/x/\""), SplError);
    CHECK_THROWS_AS(compile_spl("| rex field=s mode=sed \"s/a/b/zz\""), SplError);
}

TEST_CASE("rex: a bad pattern is a regex error") {
    try {
        compile_spl("| rex \"(?<x>unclosed\"");
        FAIL("expected an error");
    } catch (const SplError& e) {
        CHECK(e.diagnostic().rule == "regex");
    }
}
