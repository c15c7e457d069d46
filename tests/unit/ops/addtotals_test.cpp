// addtotals: row and column totals (Splunk Search Reference, addtotals; examples there).
#include "spl_pipeline.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

TEST_CASE("addtotals: Total is the sum of the row's numeric fields") {
    auto rows = run_spl("| addtotals", {ev({{"a", "1"}, {"b", "2.5"}, {"c", "x"}, {"_time", "100"}})});
    CHECK(rows[0].get("Total").to_string() == "3.5");
}

TEST_CASE("addtotals fieldname=Score with a field list (corpus form, commas allowed)") {
    auto rows = run_spl("| addtotals fieldname=Score is_a, is_b",
                        {ev({{"is_a", "1"}, {"is_b", "1"}, {"other", "10"}}), ev({{"is_a", "0"}})});
    CHECK(column(rows, "Score") == Strings{"2", "0"});
}

TEST_CASE("addtotals: wildcard field list") {
    auto rows = run_spl("| addtotals fieldname=sum *_count", {ev({{"x_count", "3"}, {"y_count", "4"}, {"z", "100"}})});
    CHECK(rows[0].get("sum").to_string() == "7");
}

TEST_CASE("addtotals col=true labelfield=name label=ALL appends a column-sum row") {
    auto rows = run_spl("| addtotals row=false col=true labelfield=name label=ALL",
                        {ev({{"name", "a"}, {"n", "1"}}), ev({{"name", "b"}, {"n", "2"}})});
    REQUIRE(rows.size() == 3);
    CHECK(rows[2].get("name").to_string() == "ALL");
    CHECK(rows[2].get("n").to_string() == "3");
    CHECK_FALSE(rows[0].has("Total"));
}
