#include "minispl/ops/head.hpp"
#include "minispl/ops/option_util.hpp"

#include "minispl/core/diagnostic.hpp"

#include <cctype>

namespace minispl {

namespace {

using opt::lower;

bool parse_bool(const ast::Option& o) {
    std::string v = lower(o.value);
    if (v == "true" || v == "t" || v == "1") return true;
    if (v == "false" || v == "f" || v == "0") return false;
    throw SplError("head", "option " + o.key + "= expects true or false", o.value_span.begin,
                   o.value_span.end - o.value_span.begin);
}

}  // namespace

HeadOperator::HeadOperator(const ast::HeadCmd& cmd, const OpContext& ctx) {
    if (cmd.count) limit_ = *cmd.count;
    for (const auto& o : cmd.options) {
        std::string key = lower(o.key);
        if (key == "limit") {
            auto v = parse_number(o.value);
            if (!v) throw SplError("head", "limit= expects a number", o.value_span.begin, o.value_span.end - o.value_span.begin);
            limit_ = static_cast<int64_t>(*v);
        } else if (key == "keeplast") {
            keeplast_ = parse_bool(o);
        } else if (key == "null") {
            null_ = parse_bool(o);
        } else {
            throw SplError("head", "unknown head option " + o.key + "= (expected limit, keeplast, null)",
                           o.span.begin, o.span.end - o.span.begin);
        }
    }
    if (limit_ < 0) throw SplError("head", "head count must not be negative");
    if (cmd.expr) expr_.emplace(*cmd.expr, ctx.eval);
}

void HeadOperator::push(Event event) {
    if (stopped_) return;
    if (expr_) {
        Value v = (*expr_)(event);
        bool pass = v.is_null() ? null_ : (v.is_bool() ? v.as_bool() : false);
        if (!pass) {
            stopped_ = true;
            if (keeplast_) emit(std::move(event));
            return;
        }
        emit(std::move(event));
        return;
    }
    if (seen_ >= limit_) {
        stopped_ = true;
        return;
    }
    ++seen_;
    emit(std::move(event));
}

}  // namespace minispl
