#include "minispl/ops/mvcombine.hpp"

#include "minispl/ops/option_util.hpp"

namespace minispl {

MvcombineOperator::MvcombineOperator(const ast::FieldsCmd& cmd, const OpContext&) {
    for (const auto& o : cmd.options)
        if (opt::lower(o.key) != "delim") opt::unknown(o, "mvcombine");
    if (cmd.fields.size() != 1)
        throw SplError("mvcombine", "mvcombine takes exactly one field", cmd.fields.empty() ? 0 : cmd.fields[1].span.begin);
    field_ = cmd.fields[0].name;
}

void MvcombineOperator::push(Event event) {
    const Value* v = event.find(field_);
    if (!v) {
        rows_.push_back(std::move(event));
        values_.emplace_back();
        return;
    }
    // The group key: every other non-internal field, name and value, in a fixed order.
    std::map<std::string, std::string> others;
    for (const auto& [name, value] : event.fields())
        if (name != field_ && !name.empty() && name[0] != '_') others[name] = value.to_string();
    std::string key;
    for (const auto& [name, value] : others) {
        key += name;
        key += '\x1f';
        key += value;
        key += '\x1e';
    }
    auto [it, fresh] = groups_.emplace(key, rows_.size());
    std::vector<std::string> vals = v->mv_values();
    if (fresh) {
        rows_.push_back(std::move(event));
        values_.push_back(std::move(vals));
    } else {
        auto& into = values_[it->second];
        into.insert(into.end(), vals.begin(), vals.end());
    }
}

void MvcombineOperator::finish() {
    for (size_t i = 0; i < rows_.size(); ++i) {
        if (!values_[i].empty()) rows_[i].set(field_, Value::multi(std::move(values_[i])));
        emit(std::move(rows_[i]));
    }
    rows_.clear();
    values_.clear();
    groups_.clear();
    Operator::finish();
}

}  // namespace minispl
