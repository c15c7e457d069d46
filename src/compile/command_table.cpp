// The commands the engine runs: command name → operator. A reader finds each command's
// code in src/ops/<command>.cpp.
#include "minispl/compile/compiler.hpp"
#include "minispl/core/diagnostic.hpp"
#include "minispl/ops/bin.hpp"
#include "minispl/ops/convert.hpp"
#include "minispl/ops/dedup.hpp"
#include "minispl/ops/eval.hpp"
#include "minispl/ops/eventstats.hpp"
#include "minispl/ops/fields.hpp"
#include "minispl/ops/fillnull.hpp"
#include "minispl/ops/head.hpp"
#include "minispl/ops/regex.hpp"
#include "minispl/ops/rename.hpp"
#include "minispl/ops/rex.hpp"
#include "minispl/ops/search.hpp"
#include "minispl/ops/sort.hpp"
#include "minispl/ops/stats.hpp"
#include "minispl/ops/streamstats.hpp"
#include "minispl/ops/table.hpp"
#include "minispl/ops/tail.hpp"
#include "minispl/ops/where.hpp"
#include "minispl/ops/extract.hpp"
#include "minispl/ops/fromjson.hpp"
#include "minispl/ops/inputlookup.hpp"
#include "minispl/ops/iplocation.hpp"
#include "minispl/ops/lookup.hpp"
#include "minispl/ops/outputlookup.hpp"
#include "minispl/ops/spath.hpp"
#include "minispl/ops/xmlkv.hpp"
#include "minispl/ops/addtotals.hpp"
#include "minispl/ops/makemv.hpp"
#include "minispl/ops/mvcombine.hpp"
#include "minispl/ops/mvexpand.hpp"
#include "minispl/ops/replace.hpp"
#include "minispl/ops/top.hpp"
#include "minispl/ops/transaction.hpp"

#include <functional>
#include <map>
#include <set>

namespace minispl {

ast::SearchExprPtr substitute_subsearches(const ast::SearchExpr& expr, const CompileContext& ctx);
// subpipeline_builders.cpp: commands that run other pipelines.
void add_join(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx);
void add_append(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx);
void add_appendpipe(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx);
void add_foreach(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx);
void add_map(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx);

namespace {

template <typename Body>
const Body& body_of(const ast::Command& cmd, const char* what) {
    if (const Body* b = std::get_if<Body>(&cmd.body)) return *b;
    throw SplError("internal", std::string("parser gave an unexpected shape for ") + what, cmd.span.begin);
}

template <typename Op, typename Body>
void add(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx) {
    out.append(std::make_unique<Op>(body_of<Body>(cmd, cmd.name.c_str()), ctx.op));
}

void add_search(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx) {
    const auto& body = body_of<ast::SearchCmd>(cmd, "search");
    if (!has_subsearch(body.expr.get())) {
        out.append(std::make_unique<SearchOperator>(body, ctx.op));
        return;
    }
    ast::SearchCmd resolved;
    resolved.expr = substitute_subsearches(*body.expr, ctx);
    out.append(std::make_unique<SearchOperator>(resolved, ctx.op));
}

using Builder = std::function<void(CompiledPipeline&, const ast::Command&, const CompileContext&)>;

const std::map<std::string, Builder>& builders() {
    static const std::map<std::string, Builder> table = {
        {"search", add_search},
        {"where", add<WhereOperator, ast::WhereCmd>},
        {"eval", add<EvalOperator, ast::EvalCmd>},
        {"stats", add<StatsOperator, ast::StatsCmd>},
        {"eventstats", add<EventStatsOperator, ast::StatsCmd>},
        {"streamstats", add<StreamStatsOperator, ast::StatsCmd>},
        {"bin", add<BinOperator, ast::BinCmd>},
        {"bucket", add<BinOperator, ast::BinCmd>},
        {"fillnull", add<FillnullOperator, ast::FillnullCmd>},
        {"rename", add<RenameOperator, ast::RenameCmd>},
        {"convert", add<ConvertOperator, ast::ConvertCmd>},
        {"table", add<TableOperator, ast::FieldsCmd>},
        {"fields", add<FieldsOperator, ast::FieldsCmd>},
        {"dedup", add<DedupOperator, ast::FieldsCmd>},
        {"sort", add<SortOperator, ast::SortCmd>},
        {"head", add<HeadOperator, ast::HeadCmd>},
        {"tail", add<TailOperator, ast::HeadCmd>},
        {"regex", add<RegexOperator, ast::RegexCmd>},
        {"rex", add<RexOperator, ast::RexCmd>},
        {"spath", add<SpathOperator, ast::GenericCmd>},
        {"xmlkv", add<XmlkvOperator, ast::FieldsCmd>},
        {"fromjson", add<FromjsonOperator, ast::FieldsCmd>},
        {"extract", add<ExtractOperator, ast::GenericCmd>},
        {"lookup", add<LookupOperator, ast::LookupCmd>},
        {"inputlookup", add<InputlookupOperator, ast::LookupTableCmd>},
        {"outputlookup", add<OutputlookupOperator, ast::LookupTableCmd>},
        {"iplocation", add<IplocationOperator, ast::FieldsCmd>},
        {"mvexpand", add<MvexpandOperator, ast::FieldsCmd>},
        {"makemv", add<MakemvOperator, ast::FieldsCmd>},
        {"mvcombine", add<MvcombineOperator, ast::FieldsCmd>},
        {"addtotals", add<AddtotalsOperator, ast::FieldsCmd>},
        {"replace", add<ReplaceOperator, ast::ReplaceCmd>},
        {"transaction", add<TransactionOperator, ast::TransactionCmd>},
        {"top", add<TopOperator, ast::TopCmd>},
        {"rare", [](CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx) {
             out.append(std::make_unique<TopOperator>(body_of<ast::TopCmd>(cmd, "rare"), ctx.op, true));
         }},
        {"join", add_join},
        {"append", add_append},
        {"appendpipe", add_appendpipe},
        {"foreach", add_foreach},
        {"map", add_map},
    };
    return table;
}

bool aggregates_in_order(const ast::StatsCmd& s) {
    for (const auto& a : s.aggregations)
        if (a.function == "first" || a.function == "last" || a.function == "list") return true;
    return false;
}

}  // namespace

bool has_subsearch(const ast::SearchExpr* e) {
    if (!e) return false;
    if (e->kind == ast::SearchExpr::Kind::Subsearch) return true;
    for (const auto& c : e->children)
        if (has_subsearch(c.get())) return true;
    return false;
}

bool build_operator(const ast::Command& cmd, const CompileContext& ctx, CompiledPipeline& out) {
    auto it = builders().find(cmd.name);
    if (it == builders().end()) return false;
    it->second(out, cmd, ctx);
    return true;
}

bool is_supported_command(const std::string& name) { return builders().count(name) > 0; }

bool is_order_sensitive(const ast::Command& cmd) {
    // append/appendpipe: what they add goes after the (ordered) results, so the results are
    // ordered before them and not re-sorted after. map: maxsearches takes the first rows.
    // table/fields may drop _time, after which the order could no longer be restored.
    static const std::set<std::string> always = {"dedup",     "head",   "tail",       "streamstats", "transaction",
                                                 "mvcombine", "append", "appendpipe", "map",         "top",
                                                 "rare",      "table",  "fields"};
    if (always.count(cmd.name)) return true;
    if (const auto* s = std::get_if<ast::StatsCmd>(&cmd.body)) return aggregates_in_order(*s);
    return false;
}

bool makes_order_irrelevant(const ast::Command& cmd) {
    static const std::set<std::string> transforming = {"stats", "chart", "timechart", "top", "rare", "tstats",
                                                       "sort", "inputlookup", "mstats"};
    return transforming.count(cmd.name) > 0;
}

}  // namespace minispl
