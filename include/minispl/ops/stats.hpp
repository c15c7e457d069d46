#pragma once
// stats: aggregate all events into one row per group of `by` values.
#include "minispl/ops/aggregate.hpp"
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <memory>
#include <vector>

namespace minispl {

//! stats fn(x) [as y] ... [by a b]: one row per combination of by-values, sorted by them;
//! by-fields first, then the aggregations in order. State grows with the number of groups.
class StatsOperator : public Operator {
public:
    StatsOperator(const ast::StatsCmd& cmd, const OpContext& ctx);
    void push(Event event) override;
    void finish() override;
    //! A partial stats when every aggregation merges exactly (count, dc, values, percentiles).
    std::unique_ptr<Operator> make_partial() const override;
    void merge_partial(Operator& partial) override;

private:
    StatsOperator() = default;
    std::vector<AggregateSpec> specs_;
    std::unique_ptr<GroupTable> table_;
};

}  // namespace minispl
