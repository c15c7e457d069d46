#include "minispl/ops/where.hpp"

namespace minispl {

WhereOperator::WhereOperator(const ast::WhereCmd& cmd, const OpContext& ctx) : test_(*cmd.expr, ctx.eval) {}

void WhereOperator::push(Event event) {
    if (test_.test(event)) emit(std::move(event));
}

}  // namespace minispl
