#include "minispl/ops/inputlookup.hpp"
#include "minispl/ops/option_util.hpp"

#include "minispl/core/diagnostic.hpp"

#include <cctype>

namespace minispl {

namespace {

using opt::lower;

}  // namespace

InputlookupOperator::InputlookupOperator(const ast::LookupTableCmd& cmd, const OpContext& ctx)
    : table_(load_lookup(cmd.table, ctx.lookup_dirs, cmd.table_span, ctx.lookup_output_dir, "inputlookup")) {
    for (const auto& o : cmd.options) {
        std::string key = lower(o.key), v = lower(o.value);
        auto fail = [&](const std::string& m) {
            throw SplError("inputlookup", m, o.span.begin, o.span.end > o.span.begin ? o.span.end - o.span.begin : 1);
        };
        if (key == "append") {
            append_ = v == "t" || v == "true" || v == "1";
        } else if (key == "start" || key == "max") {
            auto n = parse_number(o.value);
            if (!n || *n < 0) fail(key + "= expects a whole number >= 0");
            (key == "start" ? start_ : max_) = static_cast<size_t>(*n);
        } else {
            fail("unknown inputlookup option " + o.key + "= (expected append, start, max)");
        }
    }
    if (cmd.where) where_.emplace(*cmd.where, ctx.eval);
}

void InputlookupOperator::push(Event event) {
    if (append_) emit(std::move(event));
}

void InputlookupOperator::finish() {
    size_t emitted = 0;
    for (size_t r = start_; r < table_->rows.size() && emitted < max_; ++r) {
        Event e;
        for (size_t c = 0; c < table_->columns.size(); ++c)
            if (!table_->rows[r][c].empty()) e.set(table_->columns[c], Value::string(table_->rows[r][c]));
        if (where_ && !where_->matches(e)) continue;
        emit(std::move(e));
        ++emitted;
    }
    Operator::finish();
}

}  // namespace minispl
