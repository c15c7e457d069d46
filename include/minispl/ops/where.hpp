#pragma once
#include "minispl/eval/evaluator.hpp"
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

namespace minispl {

//! `where <expr>`: passes on the events for which the eval expression is true (null is false).
class WhereOperator : public Operator {
public:
    WhereOperator(const ast::WhereCmd& cmd, const OpContext& ctx);
    void push(Event event) override;

private:
    Evaluator test_;
};

}  // namespace minispl
