// Runs the subsearches of a search expression and puts their results in their place.
#include "minispl/compile/compiler.hpp"
#include "minispl/core/diagnostic.hpp"

namespace minispl {

ast::SearchExprPtr substitute_subsearches(const ast::SearchExpr& expr, const CompileContext& ctx) {
    if (expr.kind == ast::SearchExpr::Kind::Subsearch) {
        if (!ctx.run_subsearch || !expr.subsearch)
            throw SplError("unsupported", "subsearch cannot run here", expr.span.begin,
                           std::max<uint32_t>(1, expr.span.end - expr.span.begin));
        std::vector<Event> rows = ctx.run_subsearch(*expr.subsearch);
        ctx.op.cap_rows(rows, ctx.op.limits.subsearch_maxout, "subsearch", "limits.conf [subsearch] maxout, subsearch.maxout");
        auto formatted = format_subsearch_results(std::move(rows));
        formatted->span = expr.span;
        return formatted;
    }
    auto copy = std::make_unique<ast::SearchExpr>();
    copy->kind = expr.kind;
    copy->span = expr.span;
    copy->field = expr.field;
    copy->op = expr.op;
    copy->values = expr.values;
    for (const auto& c : expr.children) copy->children.push_back(substitute_subsearches(*c, ctx));
    return copy;
}

}  // namespace minispl
