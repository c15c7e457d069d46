// join (Splunk Search Reference, join): the subsearch rows are given to the operator.
#include "spl_pipeline.hpp"

#include "minispl/ops/join.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

namespace {
std::vector<Event> joined(std::string_view spl, std::vector<Event> left, std::vector<Event> right) {
    auto p = parse_search(spl);
    return run_op(std::make_unique<JoinOperator>(std::get<ast::SubsearchCmd>(p->commands.at(0).body), std::move(right),
                                                 OpContext{}),
                  std::move(left));
}
std::vector<Event> left() {
    return {ev({{"id", "1"}, {"k", "a"}}), ev({{"id", "2"}, {"k", "b"}}), ev({{"id", "3"}})};
}
std::vector<Event> right() {
    return {ev({{"k", "a"}, {"v", "x"}}), ev({{"k", "a"}, {"v", "y"}}), ev({{"k", "c"}, {"v", "z"}})};
}
}  // namespace

TEST_CASE("join: inner by default, max=1 takes the first subsearch match") {
    auto rows = joined("| join k [search x]", left(), right());
    CHECK(column(rows, "id") == Strings{"1"});
    CHECK(column(rows, "v") == Strings{"x"});
}

TEST_CASE("join max=0: every match") {
    auto rows = joined("| join max=0 k [search x]", left(), right());
    CHECK(column(rows, "v") == Strings{"x", "y"});
}

TEST_CASE("join type=left / outer keep unmatched rows unchanged") {
    CHECK(column(joined("| join type=left k [search x]", left(), right()), "id") == Strings{"1", "2", "3"});
    auto rows = joined("| join type=outer k [search x]", left(), right());
    CHECK(column(rows, "v") == Strings{"x", "", ""});
}

TEST_CASE("join: subsearch fields overwrite unless overwrite=false; no field list: common fields") {
    std::vector<Event> l = {ev({{"k", "a"}, {"v", "mine"}})};
    CHECK(column(joined("| join k [search x]", l, right()), "v") == Strings{"x"});
    l = {ev({{"k", "a"}, {"v", "mine"}})};
    CHECK(column(joined("| join overwrite=false k [search x]", l, right()), "v") == Strings{"mine"});
    l = {ev({{"k", "c"}, {"id", "9"}})};
    CHECK(column(joined("| join [search x]", l, right()), "v") == Strings{"z"});
}

TEST_CASE("join: a bad type is an error") {
    auto p = parse_search("| join type=sideways k [search x]");
    CHECK_THROWS_AS(JoinOperator(std::get<ast::SubsearchCmd>(p->commands.at(0).body), {}, OpContext{}), SplError);
}
