#pragma once
#include "minispl/eval/evaluator.hpp"
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <string>
#include <vector>

namespace minispl {

//! `eval a=expr, b=expr`: assigns left to right (b sees the new a); a null result removes the field.
class EvalOperator : public Operator {
public:
    EvalOperator(const ast::EvalCmd& cmd, const OpContext& ctx);
    void push(Event event) override;

private:
    struct Assignment { std::string field; Evaluator expr; };
    std::vector<Assignment> assignments_;
};

}  // namespace minispl
