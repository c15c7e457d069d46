// Builders for the commands that run other pipelines: join/append (subsearch run over the
// inputs at compile time), appendpipe and foreach (pipelines over in-memory rows), map (SPL
// text with macros, run per row over the inputs). Their rows are in command_specs.cpp.
#include "minispl/compile/compiler.hpp"
#include "minispl/core/diagnostic.hpp"
#include "minispl/macros/expander.hpp"
#include "minispl/ops/append.hpp"
#include "minispl/ops/appendpipe.hpp"
#include "minispl/ops/foreach.hpp"
#include "minispl/ops/join.hpp"
#include "minispl/ops/map.hpp"
#include "minispl/parse/parser.hpp"

#include <memory>

namespace minispl {

namespace {

const ast::SubsearchCmd& subsearch_body(const ast::Command& cmd) {
    const auto* b = std::get_if<ast::SubsearchCmd>(&cmd.body);
    if (!b) throw SplError("internal", "parser gave an unexpected shape for " + cmd.name, cmd.span.begin);
    if (!b->subsearch)
        throw SplError(cmd.name, cmd.name + " needs a [subsearch]", cmd.name_span.begin,
                       std::max<uint32_t>(1, cmd.name_span.end - cmd.name_span.begin));
    return *b;
}

std::vector<Event> run_now(const ast::Command& cmd, const ast::SubsearchCmd& body, const CompileContext& ctx) {
    if (!ctx.run_subsearch)
        throw SplError("unsupported", cmd.name + ": subsearch cannot run here", cmd.span.begin,
                       std::max<uint32_t>(1, cmd.name_span.end - cmd.name_span.begin));
    return ctx.run_subsearch(*body.subsearch);
}

}  // namespace

void add_join(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx) {
    const auto& body = subsearch_body(cmd);
    out.append(std::make_unique<JoinOperator>(body, run_now(cmd, body, ctx), ctx.op));
}

void add_append(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx) {
    const auto& body = subsearch_body(cmd);
    out.append(std::make_unique<AppendOperator>(body, run_now(cmd, body, ctx), ctx.op));
}

void add_appendpipe(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx) {
    const auto& body = subsearch_body(cmd);
    // The AST outlives the compiled pipeline; the context is copied.
    const ast::Pipeline* sub = body.subsearch.get();
    RowsRunner run = [sub, ctx](std::vector<Event> rows) { return run_pipeline_over(*sub, std::move(rows), ctx); };
    out.append(std::make_unique<AppendpipeOperator>(body, std::move(run), ctx.op));
}

void add_foreach(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx) {
    const auto* body = std::get_if<ast::ForeachCmd>(&cmd.body);
    if (!body) throw SplError("internal", "parser gave an unexpected shape for foreach", cmd.span.begin);
    const uint32_t body_offset = body->body_span.begin;
    TextOverRowsRunner run = [ctx, body_offset](const std::string& spl, std::vector<Event> rows) {
        try {
            return run_text_over("| " + spl, std::move(rows), ctx);  // the body starts with a command
        } catch (SplError& e) {
            // Offsets are within the substituted body; point at the body in the search.
            e.diagnostic().offset = body_offset;
            e.diagnostic().message = "foreach body `" + spl + "`: " + e.diagnostic().message;
            throw;
        }
    };
    out.append(std::make_unique<ForeachOperator>(*body, std::move(run), ctx.op));
}

void add_map(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx) {
    const auto* body = std::get_if<ast::MapCmd>(&cmd.body);
    if (!body) throw SplError("internal", "parser gave an unexpected shape for map", cmd.span.begin);
    SearchTextRunner run;
    if (ctx.run_subsearch) {
        const uint32_t at = body->search_span.begin;
        run = [ctx, at](const std::string& spl) {
            static const MacroTable no_macros;
            ExpandOptions opts;
            opts.filter_macro = ctx.filter_macro;
            try {
                Expansion x = expand_macros(spl, ctx.macros ? *ctx.macros : no_macros, opts);
                for (const Diagnostic& d : x.diagnostics)
                    if (d.severity == Severity::Error) throw SplError(d);
                auto pipeline = parse_search(x.text);
                return ctx.run_subsearch(*pipeline);
            } catch (SplError& e) {
                e.diagnostic().offset = at;  // offsets are within the substituted text
                e.diagnostic().message = "map search `" + spl + "`: " + e.diagnostic().message;
                throw;
            }
        };
    }
    out.append(std::make_unique<MapOperator>(*body, std::move(run), ctx.op));
}

}  // namespace minispl
