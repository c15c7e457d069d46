#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <cstdint>
#include <deque>

namespace minispl {

//! `tail [N]`: the last N results (default 10), emitted in reverse order, last result first,
//! as Splunk's tail returns them.
class TailOperator : public Operator {
public:
    TailOperator(const ast::HeadCmd& cmd, const OpContext& ctx);
    void push(Event event) override;
    void finish() override;

private:
    size_t limit_ = 10;
    std::deque<Event> last_;
};

}  // namespace minispl
