#include "minispl/ops/mvexpand.hpp"

#include "minispl/ops/option_util.hpp"

namespace minispl {

MvexpandOperator::MvexpandOperator(const ast::FieldsCmd& cmd, const OpContext&) {
    for (const auto& o : cmd.options) {
        if (opt::lower(o.key) == "limit") limit_ = static_cast<size_t>(opt::to_count(o, "mvexpand"));
        else opt::unknown(o, "mvexpand");
    }
    if (cmd.fields.size() != 1)
        throw SplError("mvexpand", "mvexpand takes exactly one field", cmd.fields.empty() ? 0 : cmd.fields[1].span.begin);
    field_ = cmd.fields[0].name;
}

void MvexpandOperator::push(Event event) {
    const Value* v = event.find(field_);
    if (!v || v->mv_size() <= 1) {
        emit(std::move(event));
        return;
    }
    std::vector<std::string> values = v->mv_values();
    size_t n = limit_ ? std::min(limit_, values.size()) : values.size();
    for (size_t i = 0; i < n; ++i) {
        Event copy = (i + 1 == n) ? std::move(event) : event;
        copy.set(field_, Value::string(values[i]));
        emit(std::move(copy));
    }
}

}  // namespace minispl
