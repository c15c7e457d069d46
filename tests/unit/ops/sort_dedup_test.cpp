// sort, dedup, head, tail.
#include "spl_pipeline.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

namespace {

ast::SortCmd sort_cmd(std::optional<int64_t> limit, std::vector<ast::SortCmd::Key> keys, bool reverse = false) {
    ast::SortCmd c;
    c.limit = limit;
    c.keys = std::move(keys);
    c.reverse = reverse;
    return c;
}

ast::SortCmd::Key key(std::string field, bool desc = false, std::string as = "") {
    ast::SortCmd::Key k;
    k.field = std::move(field);
    k.descending = desc;
    k.as = std::move(as);
    return k;
}

std::vector<Event> vals(Strings v) {
    std::vector<Event> out;
    for (auto& s : v) out.push_back(ev({{"v", s}}));
    return out;
}

Strings sorted(const ast::SortCmd& c, Strings in) {
    return column(run_op(std::make_unique<SortOperator>(c, OpContext{}), vals(std::move(in))), "v");
}

}  // namespace

TEST_CASE("sort: numbers numerically, before strings; strings byte-wise (uppercase first)") {
    CHECK(sorted(sort_cmd({}, {key("v")}), {"10", "9", "b", "100", "B", "a", "-1.5"}) ==
          Strings{"-1.5", "9", "10", "100", "B", "a", "b"});
}

TEST_CASE("sort: - sorts descending; missing fields sort last either way") {
    std::vector<Event> in = {ev({{"v", "2"}}), ev({{"x", "no v"}}), ev({{"v", "10"}})};
    auto rows = run_op(std::make_unique<SortOperator>(sort_cmd({}, {key("v", true)}), OpContext{}), in);
    CHECK(column(rows, "v") == Strings{"10", "2", ""});
    rows = run_op(std::make_unique<SortOperator>(sort_cmd({}, {key("v")}), OpContext{}), in);
    CHECK(column(rows, "v") == Strings{"2", "10", ""});
}

TEST_CASE("sort: str() compares as text, num() as numbers, ip() as addresses") {
    CHECK(sorted(sort_cmd({}, {key("v", false, "str")}), {"10", "9", "100"}) == Strings{"10", "100", "9"});
    CHECK(sorted(sort_cmd({}, {key("v", false, "num")}), {"10", "9", "100"}) == Strings{"9", "10", "100"});
    CHECK(sorted(sort_cmd({}, {key("v", false, "ip")}), {"10.0.0.10", "10.0.0.9", "9.1.1.1"}) ==
          Strings{"9.1.1.1", "10.0.0.9", "10.0.0.10"});
    CHECK_THROWS_AS(SortOperator(sort_cmd({}, {key("v", false, "bogus")}), OpContext{}), SplError);
}

TEST_CASE("sort: several keys, stable for ties; trailing desc reverses") {
    std::vector<Event> in = {ev({{"a", "1"}, {"b", "x"}, {"id", "1"}}), ev({{"a", "2"}, {"b", "x"}, {"id", "2"}}),
                             ev({{"a", "1"}, {"b", "y"}, {"id", "3"}}), ev({{"a", "1"}, {"b", "y"}, {"id", "4"}})};
    auto rows = run_op(std::make_unique<SortOperator>(sort_cmd({}, {key("b", true), key("a")}), OpContext{}), in);
    CHECK(column(rows, "id") == Strings{"3", "4", "1", "2"});
    rows = run_op(std::make_unique<SortOperator>(sort_cmd({}, {key("id")}, true), OpContext{}), in);
    CHECK(column(rows, "id") == Strings{"4", "3", "2", "1"});
}

TEST_CASE("sort: default limit 10000, N keeps N, sort 0 keeps all") {
    std::vector<Event> many;
    for (int i = 0; i < 10005; ++i) many.push_back(ev({{"v", i}}));
    CHECK(run_op(std::make_unique<SortOperator>(sort_cmd({}, {key("v")}), OpContext{}), many).size() == 10000);
    CHECK(run_op(std::make_unique<SortOperator>(sort_cmd(0, {key("v")}), OpContext{}), many).size() == 10005);
    auto top = run_op(std::make_unique<SortOperator>(sort_cmd(3, {key("v", true)}), OpContext{}), many);
    CHECK(column(top, "v") == Strings{"10004", "10003", "10002"});
}

TEST_CASE("sort: SPL syntax (sort 0 -count, num(x) ... desc)") {
    std::vector<Event> in = {ev({{"count", "2"}, {"x", "b"}}), ev({{"count", "10"}, {"x", "a"}})};
    CHECK(column(run_spl("| sort 0 - count", in), "count") == Strings{"10", "2"});
    CHECK(column(run_spl("| sort str(count)", in), "count") == Strings{"10", "2"});
    CHECK(column(run_spl("| sort x desc", in), "x") == Strings{"b", "a"});
}

TEST_CASE("dedup: keeps the first result of each value combination, drops missing fields") {
    std::vector<Event> in = {ev({{"id", "1"}, {"u", "a"}, {"h", "x"}}), ev({{"id", "2"}, {"u", "a"}, {"h", "y"}}),
                             ev({{"id", "3"}, {"u", "a"}, {"h", "x"}}), ev({{"id", "4"}, {"h", "x"}}),
                             ev({{"id", "5"}, {"u", "A"}, {"h", "x"}})};
    CHECK(column(run_spl("| dedup u", in), "id") == Strings{"1", "5"});  // case-sensitive
    CHECK(column(run_spl("| dedup u h", in), "id") == Strings{"1", "2", "5"});
    CHECK(column(run_spl("| dedup 2 u", in), "id") == Strings{"1", "2", "5"});
    CHECK(column(run_spl("| dedup u keepempty=true", in), "id") == Strings{"1", "4", "5"});
}

TEST_CASE("dedup: consecutive=true removes only runs; keepevents keeps duplicates without the fields") {
    std::vector<Event> in = {ev({{"id", "1"}, {"u", "a"}}), ev({{"id", "2"}, {"u", "a"}}), ev({{"id", "3"}, {"u", "b"}}),
                             ev({{"id", "4"}, {"u", "a"}})};
    CHECK(column(run_spl("| dedup u consecutive=true", in), "id") == Strings{"1", "3", "4"});
    auto rows = run_spl("| dedup u keepevents=true", in);
    CHECK(column(rows, "id") == Strings{"1", "2", "3", "4"});
    CHECK(column(rows, "u") == Strings{"a", "", "b", ""});
}

TEST_CASE("dedup: sortby orders the kept results") {
    std::vector<Event> in = {ev({{"id", "1"}, {"u", "a"}, {"n", "5"}}), ev({{"id", "2"}, {"u", "b"}, {"n", "50"}}),
                             ev({{"id", "3"}, {"u", "a"}, {"n", "500"}}), ev({{"id", "4"}, {"u", "c"}, {"n", "7"}})};
    CHECK(column(run_spl("| dedup u sortby -n", in), "id") == Strings{"2", "4", "1"});
    CHECK(column(run_spl("| dedup u sortby +n", in), "id") == Strings{"1", "4", "2"});
}

TEST_CASE("dedup: bad options are errors") {
    CHECK_THROWS_AS(compile_spl("| dedup u keepempty=maybe"), SplError);
    CHECK_THROWS_AS(compile_spl("| dedup u frobnicate=true"), SplError);
}

TEST_CASE("head: first N (default 10), limit=, expression form") {
    std::vector<Event> in;
    for (int i = 1; i <= 20; ++i) in.push_back(ev({{"n", i}}));
    CHECK(run_spl("| head", in).size() == 10);
    CHECK(column(run_spl("| head 3", in), "n") == Strings{"1", "2", "3"});
    CHECK(run_spl("| head limit=4", in).size() == 4);
    CHECK(column(run_spl("| head (n<3)", in), "n") == Strings{"1", "2"});
    CHECK(column(run_spl("| head (n<3) keeplast=true", in), "n") == Strings{"1", "2", "3"});
}

TEST_CASE("tail: the last N (default 10), last result first") {
    std::vector<Event> in;
    for (int i = 1; i <= 20; ++i) in.push_back(ev({{"n", i}}));
    CHECK(column(run_spl("| tail 3", in), "n") == Strings{"20", "19", "18"});
    CHECK(run_spl("| tail", in).size() == 10);
    CHECK(run_spl("| tail 50", in).size() == 20);
}
