#include "minispl/ops/addtotals.hpp"

#include "minispl/ops/option_util.hpp"
#include "minispl/eval/wildcard.hpp"

namespace minispl {

AddtotalsOperator::AddtotalsOperator(const ast::FieldsCmd& cmd, const OpContext&) {
    for (const auto& o : cmd.options) {
        std::string k = opt::lower(o.key);
        if (k == "row") row_ = opt::to_bool(o, "addtotals");
        else if (k == "col") col_ = opt::to_bool(o, "addtotals");
        else if (k == "fieldname") fieldname_ = o.value;
        else if (k == "labelfield") labelfield_ = o.value;
        else if (k == "label") label_ = o.value;
        else opt::unknown(o, "addtotals");
    }
    for (const auto& f : cmd.fields) patterns_.push_back(f.name);
}

bool AddtotalsOperator::selected(const std::string& name) const {
    if (name.empty() || name == fieldname_) return false;
    if (patterns_.empty()) return name[0] != '_';
    for (const auto& p : patterns_)
        if (wildcard_match(p, name)) return true;
    return false;
}

void AddtotalsOperator::push(Event event) {
    double total = 0;
    for (const auto& [name, value] : event.fields()) {
        if (!selected(name) || value.mv_size() != 1) continue;
        auto n = value.as_number();
        if (!n) continue;
        total += *n;
        if (col_) {
            auto [it, fresh] = col_sums_.emplace(name, 0.0);
            if (fresh) col_order_.push_back(name);
            it->second += *n;
        }
    }
    if (row_) {
        event.set(fieldname_, Value::string(format_number(total)));
        if (col_) {
            auto [it, fresh] = col_sums_.emplace(fieldname_, 0.0);
            if (fresh) col_order_.push_back(fieldname_);
            it->second += total;
        }
    }
    emit(std::move(event));
}

void AddtotalsOperator::finish() {
    if (col_) {
        Event sums;
        if (!labelfield_.empty()) sums.set(labelfield_, Value::string(label_));
        for (const auto& name : col_order_) sums.set(name, Value::string(format_number(col_sums_[name])));
        emit(std::move(sums));
    }
    Operator::finish();
}

}  // namespace minispl
