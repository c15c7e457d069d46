// append and appendpipe (Splunk Search Reference): rows added after the results.
#include "spl_pipeline.hpp"

#include "minispl/ops/append.hpp"
#include "minispl/ops/appendpipe.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

TEST_CASE("append: the subsearch rows come after the main rows") {
    auto p = parse_search("| append [search x]");
    const auto& body = std::get<ast::SubsearchCmd>(p->commands.at(0).body);
    auto rows = run_op(std::make_unique<AppendOperator>(body, std::vector<Event>{ev({{"id", "s"}})}, OpContext{}),
                       {ev({{"id", "1"}}), ev({{"id", "2"}})});
    CHECK(column(rows, "id") == Strings{"1", "2", "s"});
}

TEST_CASE("appendpipe: the subpipeline runs over all results so far; its output follows them") {
    auto p = parse_search("| appendpipe [| eval id=\"total\"]");
    const auto& body = std::get<ast::SubsearchCmd>(p->commands.at(0).body);
    size_t seen = 0;
    RowsRunner run = [&](std::vector<Event> rows) {
        seen = rows.size();
        return run_spl("| head 1 | eval id=\"sum\"", std::move(rows));
    };
    auto rows = run_op(std::make_unique<AppendpipeOperator>(body, run, OpContext{}), {ev({{"id", "1"}}), ev({{"id", "2"}})});
    CHECK(seen == 2);
    CHECK(column(rows, "id") == Strings{"1", "2", "sum"});
}
