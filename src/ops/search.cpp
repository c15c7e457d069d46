#include "minispl/ops/search.hpp"

namespace minispl {

SearchOperator::SearchOperator(const ast::SearchCmd& cmd, const OpContext& ctx) {
    if (cmd.expr) matcher_.emplace(*cmd.expr, ctx.eval);
}

void SearchOperator::push(Event event) {
    if (!matcher_ || matcher_->matches(event)) emit(std::move(event));
}

const std::vector<Diagnostic>& SearchOperator::warnings() const {
    static const std::vector<Diagnostic> none;
    return matcher_ ? matcher_->warnings() : none;
}

}  // namespace minispl
