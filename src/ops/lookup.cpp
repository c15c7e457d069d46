#include "minispl/ops/lookup.hpp"

#include "minispl/core/diagnostic.hpp"

namespace minispl {

namespace {

[[noreturn]] void fail(const std::string& msg, const ast::Span& s) {
    throw SplError("lookup", msg, s.begin, s.end > s.begin ? s.end - s.begin : 1);
}

}  // namespace

LookupOperator::LookupOperator(const ast::LookupCmd& cmd, const OpContext& ctx) {
    auto table = load_lookup(cmd.table, ctx.lookup_dirs, cmd.table_span, ctx.lookup_output_dir);
    auto columns = [&](const auto& mappings) {
        std::vector<LookupMatcher::Column> out;
        for (const auto& m : mappings) {
            int i = table->column(m.field.name);
            if (i < 0) fail("lookup table '" + cmd.table + "' has no column " + m.field.name, m.field.span);
            out.push_back({i, m.as.name.empty() ? m.field.name : m.as.name});
        }
        return out;
    };
    std::vector<LookupMatcher::Column> inputs = columns(cmd.inputs);
    if (inputs.empty()) fail("lookup needs at least one input field", cmd.table_span);
    matcher_ = LookupMatcher(table, std::move(inputs), columns(cmd.outputs), cmd.output_mode == "OUTPUTNEW");
}

void LookupOperator::push(Event event) {
    matcher_.apply(event);
    emit(std::move(event));
}

}  // namespace minispl
