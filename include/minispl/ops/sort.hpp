#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/ops/sort_order.hpp"
#include "minispl/parse/ast.hpp"

#include <cstdint>
#include <vector>

namespace minispl {

//! `sort [N] [-|+]field, num(x), ... [desc]`: buffers all results, sorts them stably by the keys
//! (see SortComparator) and emits at most N (default 10000, `sort 0`: all).
class SortOperator : public Operator {
public:
    static constexpr int64_t kDefaultLimit = 10000;
    SortOperator(const ast::SortCmd& cmd, const OpContext& ctx);
    void push(Event event) override { buffer_.push_back(std::move(event)); }
    void finish() override;

private:
    SortComparator less_;
    int64_t limit_;
    std::vector<Event> buffer_;
};

}  // namespace minispl
