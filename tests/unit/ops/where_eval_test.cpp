// where and eval operators (spl-semantics.md, "eval and where").
#include "spl_pipeline.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

TEST_CASE("eval: assignments run left to right, b sees the new a") {
    auto rows = run_spl("| eval a=1, b=a+1, a=b*10", {ev({{"x", "y"}})});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].get("a").to_string() == "20");
    CHECK(rows[0].get("b").to_string() == "2");
}

TEST_CASE("eval: a null result removes the field") {
    auto rows = run_spl("| eval user=null(), n=missing", {ev({{"user", "bob"}, {"n", "1"}})});
    CHECK_FALSE(rows[0].has("user"));
    CHECK_FALSE(rows[0].has("n"));
}

TEST_CASE("eval: string comparisons are case-sensitive (unlike search)") {
    auto rows = run_spl("| eval same=if(user==\"BOB\", 1, 0)", {ev({{"user", "bob"}})});
    CHECK(rows[0].get("same").to_string() == "0");
}

TEST_CASE("where: keeps events whose expression is true; null counts as false") {
    std::vector<Event> in = {ev({{"id", "1"}, {"n", "5"}}), ev({{"id", "2"}, {"n", "50"}}), ev({{"id", "3"}})};
    CHECK(column(run_spl("| where n > 10", in), "id") == Strings{"2"});
    CHECK(column(run_spl("| where NOT n > 10", in), "id") == Strings{"1"});
    CHECK(column(run_spl("| where isnull(n)", in), "id") == Strings{"3"});
}

TEST_CASE("where: a bare word is a field, so a=b compares two fields") {
    std::vector<Event> in = {ev({{"id", "1"}, {"a", "x"}, {"b", "x"}}), ev({{"id", "2"}, {"a", "x"}, {"b", "y"}})};
    CHECK(column(run_spl("| where a=b", in), "id") == Strings{"1"});
}
