#pragma once
// Test-only: parse an SPL pipeline and run it through the operators of this test binary.
// (The real command → operator mapping lives in src/compile; this covers the commands the
// filter/field operators implement, so their tests can be written in SPL.)
#include "op_test_util.hpp"

#include "minispl/ops/convert.hpp"
#include "minispl/ops/dedup.hpp"
#include "minispl/ops/eval.hpp"
#include "minispl/ops/fields.hpp"
#include "minispl/ops/fillnull.hpp"
#include "minispl/ops/head.hpp"
#include "minispl/ops/regex.hpp"
#include "minispl/ops/rename.hpp"
#include "minispl/ops/rex.hpp"
#include "minispl/ops/search.hpp"
#include "minispl/ops/sort.hpp"
#include "minispl/ops/table.hpp"
#include "minispl/ops/tail.hpp"
#include "minispl/ops/where.hpp"
#include "minispl/ops/addtotals.hpp"
#include "minispl/ops/makemv.hpp"
#include "minispl/ops/mvcombine.hpp"
#include "minispl/ops/mvexpand.hpp"
#include "minispl/ops/replace.hpp"
#include "minispl/ops/top.hpp"
#include "minispl/ops/transaction.hpp"
#include "minispl/parse/parser.hpp"

#include <stdexcept>
#include <string_view>

namespace minispl::test {

inline std::unique_ptr<Operator> make_operator(const ast::Command& c, const OpContext& ctx) {
    const std::string& n = c.name;
    auto& b = c.body;
    if (n == "search") return std::make_unique<SearchOperator>(std::get<ast::SearchCmd>(b), ctx);
    if (n == "where") return std::make_unique<WhereOperator>(std::get<ast::WhereCmd>(b), ctx);
    if (n == "eval") return std::make_unique<EvalOperator>(std::get<ast::EvalCmd>(b), ctx);
    if (n == "fillnull") return std::make_unique<FillnullOperator>(std::get<ast::FillnullCmd>(b), ctx);
    if (n == "rename") return std::make_unique<RenameOperator>(std::get<ast::RenameCmd>(b), ctx);
    if (n == "convert") return std::make_unique<ConvertOperator>(std::get<ast::ConvertCmd>(b), ctx);
    if (n == "table") return std::make_unique<TableOperator>(std::get<ast::FieldsCmd>(b), ctx);
    if (n == "fields") return std::make_unique<FieldsOperator>(std::get<ast::FieldsCmd>(b), ctx);
    if (n == "dedup") return std::make_unique<DedupOperator>(std::get<ast::FieldsCmd>(b), ctx);
    if (n == "sort") return std::make_unique<SortOperator>(std::get<ast::SortCmd>(b), ctx);
    if (n == "head") return std::make_unique<HeadOperator>(std::get<ast::HeadCmd>(b), ctx);
    if (n == "tail") return std::make_unique<TailOperator>(std::get<ast::HeadCmd>(b), ctx);
    if (n == "regex") return std::make_unique<RegexOperator>(std::get<ast::RegexCmd>(b), ctx);
    if (n == "rex") return std::make_unique<RexOperator>(std::get<ast::RexCmd>(b), ctx);
    if (n == "mvexpand") return std::make_unique<MvexpandOperator>(std::get<ast::FieldsCmd>(b), ctx);
    if (n == "makemv") return std::make_unique<MakemvOperator>(std::get<ast::FieldsCmd>(b), ctx);
    if (n == "mvcombine") return std::make_unique<MvcombineOperator>(std::get<ast::FieldsCmd>(b), ctx);
    if (n == "addtotals") return std::make_unique<AddtotalsOperator>(std::get<ast::FieldsCmd>(b), ctx);
    if (n == "replace") return std::make_unique<ReplaceOperator>(std::get<ast::ReplaceCmd>(b), ctx);
    if (n == "transaction") return std::make_unique<TransactionOperator>(std::get<ast::TransactionCmd>(b), ctx);
    if (n == "top") return std::make_unique<TopOperator>(std::get<ast::TopCmd>(b), ctx);
    if (n == "rare") return std::make_unique<TopOperator>(std::get<ast::TopCmd>(b), ctx, true);
    throw std::runtime_error("spl_pipeline.hpp: no operator for " + n);
}

//! Parses `spl` and runs `input` through it. Throws what the parser or an operator throws.
inline std::vector<Event> run_spl(std::string_view spl, std::vector<Event> input, const OpContext& ctx = {}) {
    auto p = parse_search(spl);
    Chain chain;
    for (const auto& c : p->commands) chain.add(make_operator(c, ctx));
    return chain.run(std::move(input));
}

//! Builds the operators of `spl` without running them (for constructor errors).
inline void compile_spl(std::string_view spl, const OpContext& ctx = {}) {
    auto p = parse_search(spl);
    for (const auto& c : p->commands) make_operator(c, ctx);
}

}  // namespace minispl::test
