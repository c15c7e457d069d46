#include "minispl/ops/regex.hpp"

#include "minispl/core/diagnostic.hpp"

namespace minispl {

namespace {

Regex compile(const ast::RegexCmd& cmd) {
    try {
        return Regex(cmd.regex);
    } catch (SplError& e) {
        e.diagnostic().offset += cmd.regex_span.begin;  // pattern offset → search text offset
        throw;
    }
}

}  // namespace

RegexOperator::RegexOperator(const ast::RegexCmd& cmd, const OpContext&)
    : field_(cmd.field.empty() ? "_raw" : cmd.field), negate_(cmd.negate), re_(compile(cmd)) {}

void RegexOperator::push(Event event) {
    bool found = false;
    if (const Value* v = event.find(field_))
        for (size_t i = 0, n = v->mv_size(); i < n && !found; ++i) found = re_.search(v->mv_at(i));
    if (found != negate_) emit(std::move(event));
}

}  // namespace minispl
