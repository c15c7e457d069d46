// table, fields, rename, fillnull (spl-semantics.md, "Other commands").
#include "spl_pipeline.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

namespace {
Event row() {
    return ev({{"_time", "10"}, {"_raw", "raw text"}, {"b", "2"}, {"a", "1"}, {"c1", "x"}, {"c2", "y"}, {"d", "4"}});
}
}  // namespace

TEST_CASE("table: keeps the named fields in the order listed, drops _raw and _time") {
    auto rows = run_spl("| table d, a b", {row()});
    CHECK(names(rows[0]) == Strings{"d", "a", "b"});
}

TEST_CASE("table: wildcards expand in event order; missing fields are skipped") {
    auto rows = run_spl("| table c* nosuch a _time", {row()});
    CHECK(names(rows[0]) == Strings{"c1", "c2", "a", "_time"});
}

TEST_CASE("fields: + keeps the listed fields (and _raw, _time); - drops them") {
    auto kept = run_spl("| fields a, c*", {row()});
    CHECK(names(kept[0]) == Strings{"a", "c1", "c2", "_time", "_raw"});
    auto dropped = run_spl("| fields - a c*", {row()});
    CHECK(names(dropped[0]) == Strings{"_time", "_raw", "b", "d"});
    auto internal = run_spl("| fields - _*", {row()});
    CHECK(names(internal[0]) == Strings{"b", "a", "c1", "c2", "d"});
}

TEST_CASE("rename: a AS b, the new name replaces an existing field") {
    auto rows = run_spl("| rename a AS b", {row()});
    CHECK_FALSE(rows[0].has("a"));
    CHECK(rows[0].get("b").to_string() == "1");
    CHECK(names(rows[0]) == Strings{"_time", "_raw", "b", "c1", "c2", "d"});  // renamed in place
}

TEST_CASE("rename: wildcards carry the matched text (Processes.* AS *, *_x AS y_*)") {
    auto rows = run_spl("| rename Processes.* AS *",
                        {ev({{"Processes.user", "u"}, {"Processes.dest", "h"}, {"user", "old"}, {"count", "3"}})});
    CHECK(rows[0].get("user").to_string() == "u");
    CHECK(rows[0].get("dest").to_string() == "h");
    CHECK(rows[0].get("count").to_string() == "3");
    CHECK_FALSE(rows[0].has("Processes.user"));
    CHECK(rows[0].size() == 3);
    auto both = run_spl("| rename *_x AS y_*", {ev({{"a_x", "1"}, {"b_x", "2"}, {"c", "3"}})});
    CHECK(names(both[0]) == Strings{"y_a", "y_b", "c"});
}

TEST_CASE("rename: quoted names with spaces; several pairs apply left to right") {
    auto rows = run_spl("| rename a AS \"Field A\", \"Field A\" AS z", {row()});
    CHECK(rows[0].get("z").to_string() == "1");
    CHECK_FALSE(rows[0].has("Field A"));
}

TEST_CASE("rename: renaming a missing field clears the target name") {
    auto rows = run_spl("| rename nosuch AS a", {row()});
    CHECK_FALSE(rows[0].has("a"));
}

TEST_CASE("rename: different wildcard counts are an error") {
    CHECK_THROWS_AS(compile_spl("| rename a* AS b"), SplError);
}

TEST_CASE("fillnull: default value 0 for the listed fields") {
    auto rows = run_spl("| fillnull a z", {ev({{"a", "1"}}), ev({{"b", "2"}})});
    CHECK(column(rows, "a") == Strings{"1", "0"});
    CHECK(column(rows, "z") == Strings{"0", "0"});
    CHECK_FALSE(rows[0].has("b"));
}

TEST_CASE("fillnull: empty values count as null") {
    auto rows = run_spl("| fillnull a", {ev({{"a", ""}})});
    CHECK(rows[0].get("a").to_string() == "0");
    auto all = run_spl("| fillnull", {ev({{"a", ""}, {"b", "1"}})});
    CHECK(all[0].get("a").to_string() == "0");
}

TEST_CASE("fillnull: value= sets the filler") {
    auto rows = run_spl("| fillnull value=\"N/A\" user", {ev({{"a", "1"}})});
    CHECK(rows[0].get("user").to_string() == "N/A");
}

TEST_CASE("fillnull: without fields fills every field seen in any result") {
    auto rows = run_spl("| fillnull value=-", {ev({{"_time", "1"}, {"a", "1"}}), ev({{"b", "2"}}), ev({{"c", "3"}})});
    REQUIRE(rows.size() == 3);
    CHECK(column(rows, "a") == Strings{"1", "-", "-"});
    CHECK(column(rows, "b") == Strings{"-", "2", "-"});
    CHECK(column(rows, "c") == Strings{"-", "-", "3"});
    CHECK_FALSE(rows[1].has("_time"));  // internal fields are not filled
}
