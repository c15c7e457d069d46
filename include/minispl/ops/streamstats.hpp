#pragma once
// streamstats: running aggregates added to each event in arrival order.
#include "minispl/ops/aggregate.hpp"
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace minispl {

//! streamstats [window=N] [current=t|f] [global=t|f] [reset_on_change=t|f] [time_window=S]
//! fn(x) [as y] ... [by a b]: each event gets the aggregates of the events before it (and itself
//! unless current=f) in its group. window=N keeps the last N events (over all events when
//! global=t, the default; per group when global=f); time_window keeps the events within that
//! span of the current one. Events with a null by-field pass through unchanged.
class StreamStatsOperator : public Operator {
public:
    StreamStatsOperator(const ast::StatsCmd& cmd, const OpContext& ctx);
    void push(Event event) override;

private:
    //! What a windowed aggregation remembers of one event: its arguments, _time and group.
    struct Entry {
        size_t group;
        double time;
        std::vector<std::optional<Value>> args;
    };
    void push_windowed(Event& event, const std::vector<size_t>& groups);
    void reset();

    std::vector<AggregateSpec> specs_;
    std::unique_ptr<GroupTable> table_;
    size_t window_ = 0;                       //!< 0: no count window
    std::optional<double> time_window_;       //!< seconds
    bool current_ = true, global_ = true, reset_on_change_ = false;
    std::string last_key_;                    //!< by-values of the previous event (reset_on_change)
    bool have_last_ = false;
    std::deque<Entry> entries_;               //!< global window (or all per-group windows)
};

}  // namespace minispl
