// foreach (Splunk Search Reference, foreach): template substitution per matching field.
#include "spl_pipeline.hpp"

#include "minispl/ops/foreach.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

namespace {
std::vector<std::string> bodies;
std::vector<Event> run_foreach(std::string_view spl, std::vector<Event> in) {
    bodies.clear();
    auto p = parse_search(spl);
    TextOverRowsRunner run = [](const std::string& text, std::vector<Event> rows) {
        bodies.push_back(text);
        return run_spl("| " + text, std::move(rows));
    };
    return run_op(std::make_unique<ForeachOperator>(std::get<ast::ForeachCmd>(p->commands.at(0).body), run, OpContext{}),
                  std::move(in));
}
}  // namespace

TEST_CASE("foreach: <<FIELD>> per field matching the wildcard, body parsed after substitution") {
    auto rows = run_foreach("| foreach *_count [eval <<FIELD>>=<<FIELD>>*2]",
                            {ev({{"a_count", "1"}, {"b_count", "5"}, {"c", "7"}})});
    CHECK(rows[0].get("a_count").to_string() == "2");
    CHECK(rows[0].get("b_count").to_string() == "10");
    CHECK(rows[0].get("c").to_string() == "7");
    CHECK(bodies == Strings{"eval a_count=a_count*2", "eval b_count=b_count*2"});
}

TEST_CASE("foreach: <<MATCHSTR>> is what the wildcard matched (documented example)") {
    auto rows = run_foreach("| foreach test* [eval new_<<MATCHSTR>> = <<FIELD>> * 2]", {ev({{"test1", "3"}, {"testx", "4"}})});
    CHECK(rows[0].get("new_1").to_string() == "6");
    CHECK(rows[0].get("new_x").to_string() == "8");
}

TEST_CASE("foreach: fields created by the body are not visited; internal fields skipped by *") {
    auto rows = run_foreach("| foreach * [eval x_<<FIELD>>=1]", {ev({{"a", "1"}, {"_time", "5"}})});
    CHECK(bodies == Strings{"eval x_a=1"});
    CHECK(rows[0].has("x_a"));
}

TEST_CASE("foreach mode=multivalue: <<ITEM>> per value") {
    auto rows = run_foreach("| foreach mode=multivalue v [eval total=if(isnull(total),0,total)+<<ITEM>>]",
                            {ev({{"v", mv("1", "2", "3")}})});
    CHECK(rows[0].get("total").to_string() == "6");
}

TEST_CASE("foreach: json_array mode is not supported") {
    auto p = parse_search("| foreach mode=json_array v [eval x=1]");
    CHECK_THROWS_AS(ForeachOperator(std::get<ast::ForeachCmd>(p->commands.at(0).body), TextOverRowsRunner([](const std::string&, std::vector<Event> r) { return r; }), OpContext{}),
                    SplError);
}
