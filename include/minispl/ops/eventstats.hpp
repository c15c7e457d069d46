#pragma once
// eventstats: stats over all events, written back onto every event of each group.
#include "minispl/ops/aggregate.hpp"
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <memory>
#include <vector>

namespace minispl {

//! eventstats fn(x) [as y] ... [by a b]: buffers the events, then emits them in their original
//! order with their group's aggregates added. Events with a null by-field pass through unchanged.
class EventStatsOperator : public Operator {
public:
    EventStatsOperator(const ast::StatsCmd& cmd, const OpContext& ctx);
    void push(Event event) override;
    void finish() override;

private:
    static constexpr size_t kNoGroup = size_t(-1);
    std::vector<AggregateSpec> specs_;
    std::unique_ptr<GroupTable> table_;
    std::vector<std::pair<Event, size_t>> events_;  //!< each event with its (first) group
};

}  // namespace minispl
