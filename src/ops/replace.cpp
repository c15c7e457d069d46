#include "minispl/ops/replace.hpp"

#include "minispl/eval/wildcard.hpp"

namespace minispl {

ReplaceOperator::ReplaceOperator(const ast::ReplaceCmd& cmd, const OpContext&) {
    for (const auto& p : cmd.pairs) pairs_.emplace_back(p.from.text, p.to.text);
    for (const auto& f : cmd.fields) fields_.push_back(f.name);
}

bool ReplaceOperator::applies_to(const std::string& field) const {
    if (fields_.empty()) return !field.empty() && field[0] != '_';
    for (const auto& p : fields_)
        if (wildcard_match(p, field)) return true;
    return false;
}

bool ReplaceOperator::rewrite(std::string& value) const {
    for (const auto& [from, to] : pairs_) {
        if (!has_wildcard(from)) {
            if (value != from) continue;
            value = to;
            return true;
        }
        if (auto caps = wildcard_captures(from, value)) {
            value = wildcard_substitute(to, *caps);
            return true;
        }
    }
    return false;
}

void ReplaceOperator::push(Event event) {
    for (auto& [name, value] : event.fields()) {
        if (!applies_to(name) || value.is_null()) continue;
        std::vector<std::string> vals = value.mv_values();
        bool changed = false;
        for (auto& v : vals) changed |= rewrite(v);
        if (changed) value = vals.size() == 1 ? Value::string(vals[0]) : Value::multi(std::move(vals));
    }
    emit(std::move(event));
}

}  // namespace minispl
