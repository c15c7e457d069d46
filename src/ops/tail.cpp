#include "minispl/ops/tail.hpp"

#include "minispl/core/diagnostic.hpp"
#include "minispl/core/value.hpp"

namespace minispl {

TailOperator::TailOperator(const ast::HeadCmd& cmd, const OpContext&) {
    std::optional<int64_t> n = cmd.count;
    for (const auto& o : cmd.options) {
        if (o.key == "limit" || o.key == "LIMIT") {
            auto v = parse_number(o.value);
            if (!v) throw SplError("tail", "limit= expects a number", o.value_span.begin, o.value_span.end - o.value_span.begin);
            n = static_cast<int64_t>(*v);
        } else {
            throw SplError("tail", "unknown tail option " + o.key + "=", o.span.begin, o.span.end - o.span.begin);
        }
    }
    if (cmd.expr) throw SplError("tail", "tail takes a count, not an expression");
    if (n) {
        if (*n < 0) throw SplError("tail", "tail count must not be negative");
        limit_ = static_cast<size_t>(*n);
    }
}

void TailOperator::push(Event event) {
    if (limit_ == 0) return;
    if (last_.size() == limit_) last_.pop_front();
    last_.push_back(std::move(event));
}

void TailOperator::finish() {
    while (!last_.empty()) {
        emit(std::move(last_.back()));
        last_.pop_back();
    }
    Operator::finish();
}

}  // namespace minispl
