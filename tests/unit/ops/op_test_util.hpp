#pragma once
// Helpers for operator unit tests: build events from key/value lists, run an operator chain,
// read the result rows.
#include "minispl/core/event.hpp"
#include "minispl/ops/operator.hpp"

#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace minispl::test {

//! A field value in an ev() list: text, a number, or mv("a", "b") for a multivalue.
struct FieldValue {
    Value value;
    FieldValue(const char* s) : value(Value::string(s)) {}
    FieldValue(std::string s) : value(Value::string(std::move(s))) {}
    FieldValue(int n) : value(Value::string(std::to_string(n))) {}
    FieldValue(Value v) : value(std::move(v)) {}
};

//! A multivalue: mv("a", "b", "c").
template <class... S>
Value mv(S... values) {
    return Value::multi(std::vector<std::string>{std::string(values)...});
}

//! An event from {{"name", "value"}, {"n", 5}, {"m", mv("a", "b")}} in field order.
inline Event ev(std::initializer_list<std::pair<const char*, FieldValue>> fields) {
    Event e;
    for (const auto& [name, v] : fields) e.set(name, v.value);
    return e;
}

//! Owns a chain of operators ending in a CollectSink.
struct Chain {
    std::vector<std::unique_ptr<Operator>> ops;
    CollectSink sink;

    Chain& add(std::unique_ptr<Operator> op) {
        if (!ops.empty()) ops.back()->set_next(op.get());
        ops.push_back(std::move(op));
        return *this;
    }
    template <class Op, class... Args>
    Chain& make(Args&&... args) {
        return add(std::make_unique<Op>(std::forward<Args>(args)...));
    }
    //! Pushes `input` through the chain, finishes it and returns the rows that came out.
    std::vector<Event> run(std::vector<Event> input) {
        sink.rows.clear();
        Operator* head = &sink;
        if (!ops.empty()) {
            ops.back()->set_next(&sink);
            head = ops.front().get();
        }
        for (auto& e : input) head->push(std::move(e));
        if (head == &sink) return std::move(sink.rows);
        head->finish();
        return std::move(sink.rows);
    }
};

//! One operator over `input`.
inline std::vector<Event> run_op(std::unique_ptr<Operator> op, std::vector<Event> input) {
    Chain c;
    c.add(std::move(op));
    return c.run(std::move(input));
}

//! The value of `field` in each row as text ("" where absent; multivalues joined by newline).
inline std::vector<std::string> column(const std::vector<Event>& rows, const std::string& field) {
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.get(field).to_string());
    return out;
}

//! The field names of one row, in order.
inline std::vector<std::string> names(const Event& e) {
    std::vector<std::string> out;
    for (const auto& f : e.fields()) out.push_back(f.first);
    return out;
}

using Strings = std::vector<std::string>;

}  // namespace minispl::test
