#pragma once
#include "minispl/eval/evaluator.hpp"
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <cstdint>
#include <optional>

namespace minispl {

//! `head [N] [limit=N]` passes on the first N results (default 10); `head (expr) [keeplast=b]
//! [null=b]` passes results while the expression is true, then stops.
class HeadOperator : public Operator {
public:
    HeadOperator(const ast::HeadCmd& cmd, const OpContext& ctx);
    void push(Event event) override;

private:
    int64_t limit_ = 10;
    int64_t seen_ = 0;
    std::optional<Evaluator> expr_;
    bool keeplast_ = false, null_ = false, stopped_ = false;
};

}  // namespace minispl
