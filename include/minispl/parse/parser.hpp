#pragma once
// Entry points of the SPL parser (grammar in grammar/spl.hpp, AST in parse/ast.hpp).
//
// Which ast body each command gets:
//   search -> SearchCmd; where -> WhereCmd; eval -> EvalCmd;
//   stats eventstats streamstats tstats mstats timechart chart -> StatsCmd; rename -> RenameCmd;
//   convert -> ConvertCmd; table fields dedup mvcombine mvexpand makemv xmlkv iplocation addtotals
//   fromjson uniq reverse -> FieldsCmd; sort -> SortCmd; head tail -> HeadCmd; lookup -> LookupCmd;
//   inputlookup outputlookup inputcsv outputcsv -> LookupTableCmd; rex -> RexCmd; regex -> RegexCmd;
//   bin bucket discretize -> BinCmd; fillnull -> FillnullCmd; foreach -> ForeachCmd;
//   join append appendpipe appendcols -> SubsearchCmd; map -> MapCmd; transaction -> TransactionCmd;
//   replace -> ReplaceCmd; top rare -> TopCmd; anything else (spath, apply, from, ...) -> GenericCmd.
// A stage named by an unexpanded macro (`get_asset(x)`) is a GenericCmd named "`get_asset(x)`".
#include "minispl/core/diagnostic.hpp"
#include "minispl/parse/ast.hpp"

#include <string>
#include <string_view>

namespace minispl {

//! Parses a whole (macro-expanded) search into a pipeline.
//! Throws SplError with rule "syntax" and the offset of the first error in `text`.
ast::PipelinePtr parse_search(std::string_view text);

//! Parses one eval expression (the right side of `eval x=`, or a `where` body).
ast::ExprPtr parse_eval_expression(std::string_view text);

//! Parses one search expression (what follows `search`).
ast::SearchExprPtr parse_search_expression(std::string_view text);

//! A readable, indented dump of the AST for `minispl parse --explain`.
std::string dump_ast(const ast::Pipeline& pipeline);

}  // namespace minispl
