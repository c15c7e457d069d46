#include "minispl/ops/eval.hpp"

namespace minispl {

EvalOperator::EvalOperator(const ast::EvalCmd& cmd, const OpContext& ctx) {
    for (const auto& a : cmd.assignments) assignments_.push_back({a.field, Evaluator(*a.expr, ctx.eval)});
}

void EvalOperator::push(Event event) {
    for (const auto& a : assignments_) event.set(a.field, a.expr(event));
    emit(std::move(event));
}

}  // namespace minispl
