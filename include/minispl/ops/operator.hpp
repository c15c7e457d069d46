#pragma once
// The physical operators of a pipeline: events are pushed through a chain of operators.
#include "minispl/core/event.hpp"

#include <memory>
#include <vector>

namespace minispl {

//! One command of a compiled pipeline. Events are pushed in; a streaming operator emits
//! them on as they come, a transforming one (stats, sort, ...) emits at finish().
//! What the planner must know before building (reads the input order, fields read) is the
//! command's CommandSpec row (compile/command_spec.hpp); what depends on the built operator's
//! arguments is a virtual here, as make_partial (whether its aggregations merge exactly).
class Operator {
public:
    virtual ~Operator() = default;
    virtual void push(Event event) = 0;
    //! End of input: flush buffered results, then finish the next operator.
    virtual void finish() { if (next_) next_->finish(); }
    void set_next(Operator* next) { next_ = next; }

    //! Parallel aggregation (Splunk's prestats): an operator that can be computed by parts
    //! returns a fresh partial copy for one reading thread to push its events into; nullptr
    //! otherwise. The partial copy may refer to this operator, which outlives it.
    virtual std::unique_ptr<Operator> make_partial() const { return nullptr; }
    //! Takes over the state of a partial copy (from make_partial, fed with some of the events).
    virtual void merge_partial(Operator& partial) {}
    Operator* next() const { return next_; }

protected:
    void emit(Event event) { next_->push(std::move(event)); }
    Operator* next_ = nullptr;
};

//! The end of a chain: collects the result rows.
class CollectSink : public Operator {
public:
    void push(Event event) override { rows.push_back(std::move(event)); }
    void finish() override {}
    std::vector<Event> rows;
};

}  // namespace minispl
