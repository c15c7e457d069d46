#pragma once
#include "minispl/ops/operator.hpp"

namespace minispl {

//! Puts events in the order Splunk's event search returns them: newest first (stable for
//! equal _time). The compiler inserts it before the first command that depends on event order,
//! or at the end of a pipeline that returns events; it buffers only what reaches it.
class TimeOrderOperator : public Operator {
public:
    void push(Event event) override { buffer_.push_back(std::move(event)); }
    void finish() override;

private:
    std::vector<Event> buffer_;
};

}  // namespace minispl
