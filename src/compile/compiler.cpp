// AST → operator chain. What each command is (its builder, whether it reads the order) is its
// row in command_specs.cpp.
#include "minispl/compile/compiler.hpp"

#include "minispl/compile/command_spec.hpp"

#include "minispl/core/diagnostic.hpp"
#include "minispl/ops/aggregate.hpp"
#include "minispl/ops/time_order.hpp"
#include "minispl/parse/parser.hpp"

#include <fmt/format.h>

namespace minispl {

bool has_subsearch(const ast::SearchExpr* e) {
    if (!e) return false;
    if (e->kind == ast::SearchExpr::Kind::Subsearch) return true;
    for (const auto& c : e->children)
        if (has_subsearch(c.get())) return true;
    return false;
}

void CompiledPipeline::append(std::unique_ptr<Operator> op) {
    Operator* prev = ops_.empty() ? nullptr : ops_.back().get();
    if (prev) prev->set_next(op.get());
    op->set_next(&sink);
    ops_.push_back(std::move(op));
}

std::unique_ptr<CompiledPipeline> compile_pipeline(const ast::Pipeline& pipeline, const CompileContext& ctx) {
    auto out = std::make_unique<CompiledPipeline>();
    // Events arrive in file order; Splunk delivers them newest first. Streaming commands keep
    // order, so sorting can wait until the first command that depends on it, or the end.
    bool ordered = false;
    for (const ast::Command& cmd : pipeline.commands) {
        if (&cmd == ctx.done_while_reading) continue;
        if (!ordered && reads_input_order(cmd)) {
            out->append(std::make_unique<TimeOrderOperator>());
            ordered = true;
        }
        const CommandSpec* spec = find_command(cmd.name);
        if (spec && spec->first_only && &cmd != &pipeline.commands.front())
            throw SplError("command-position",
                           fmt::format("{} is a generating command: it must be the first command of a search "
                                       "(`| {} ...`)", cmd.name, cmd.name),
                           cmd.name_span.begin, std::max<uint32_t>(1, cmd.name_span.end - cmd.name_span.begin));
        if (spec && spec->build) {
            spec->build(*out, cmd, ctx);
        } else {
            // A command Splunk has but minispl does not run yet, or a name Splunk does not know.
            const bool known = spec != nullptr;
            throw SplError(known ? "unsupported" : "unknown-command",
                           known ? unsupported_reason(cmd.name)
                                 : fmt::format("unknown search command '{}'", cmd.name),
                           cmd.name_span.begin,
                           std::max<uint32_t>(1, cmd.name_span.end - cmd.name_span.begin));
        }
        if (spec && spec->replaces_order) {
            ordered = true;
            out->returns_events = false;
        }
    }
    if (!ordered) out->append(std::make_unique<TimeOrderOperator>());
    return out;
}

namespace {

void find_in_search_expr(const ast::SearchExpr* e, Unsupported& found);

void find_in_pipeline(const ast::Pipeline& p, Unsupported& found) {
    for (const ast::Command& cmd : p.commands) {
        if (!found.command.empty()) return;
        if (!is_supported_command(cmd.name)) {
            found = {cmd.name, cmd.name_span};
            return;
        }
        std::visit(
            [&](const auto& body) {
                using T = std::decay_t<decltype(body)>;
                if constexpr (std::is_same_v<T, ast::SearchCmd>) find_in_search_expr(body.expr.get(), found);
                if constexpr (std::is_same_v<T, ast::SubsearchCmd>)
                    if (body.subsearch) find_in_pipeline(*body.subsearch, found);
                if constexpr (std::is_same_v<T, ast::ForeachCmd>)
                    if (body.body) find_in_pipeline(*body.body, found);
                if constexpr (std::is_same_v<T, ast::StatsCmd>) {
                    // Aggregations over a field wildcard (`values(*)`) run in stats and eventstats
                    // for the functions wildcard_aggregation_supported() names; the others, and
                    // wildcard by-fields, are refused when the operator is built: say so before
                    // anything runs.
                    const CommandSpec* spec = find_command(cmd.name);
                    const bool wildcards_run = spec && spec->wildcard_aggregations;
                    for (const auto& a : body.aggregations)
                        if (found.command.empty() && a.field.find('*') != std::string::npos &&
                            !(wildcards_run && wildcard_aggregation_supported(a.function)))
                            found = {cmd.name + " " + a.written, a.span};
                    for (const auto& f : body.by)
                        if (found.command.empty() && f.name.find('*') != std::string::npos)
                            found = {cmd.name + " by " + f.name, f.span};
                    find_in_search_expr(body.where.get(), found);
                }
            },
            cmd.body);
    }
}

void find_in_search_expr(const ast::SearchExpr* e, Unsupported& found) {
    if (!e || !found.command.empty()) return;
    if (e->subsearch) find_in_pipeline(*e->subsearch, found);
    for (const auto& c : e->children) find_in_search_expr(c.get(), found);
}

}  // namespace

Unsupported find_unsupported(const ast::Pipeline& pipeline) {
    Unsupported found;
    find_in_pipeline(pipeline, found);
    return found;
}

}  // namespace minispl
