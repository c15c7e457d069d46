#include "minispl/ops/lookup.hpp"
#include "minispl/ops/option_util.hpp"

#include "minispl/core/diagnostic.hpp"
#include "minispl/ops/wildcard.hpp"

#include <algorithm>
#include <cctype>

namespace minispl {

namespace {

using opt::lower;

[[noreturn]] void fail(const std::string& msg, const ast::Span& s) {
    throw SplError("lookup", msg, s.begin, s.end > s.begin ? s.end - s.begin : 1);
}

}  // namespace

LookupOperator::LookupOperator(const ast::LookupCmd& cmd, const OpContext& ctx)
    : table_(load_lookup(cmd.table, ctx.lookup_dirs, cmd.table_span, ctx.lookup_output_dir)) {
    output_new_ = cmd.output_mode == "OUTPUTNEW";
    for (const auto& m : cmd.inputs) {
        int i = table_->column(m.field.name);
        if (i < 0) fail("lookup table '" + cmd.table + "' has no column " + m.field.name, m.field.span);
        inputs_.push_back({i, m.as.name.empty() ? m.field.name : m.as.name});
    }
    if (inputs_.empty()) fail("lookup needs at least one input field", cmd.table_span);
    if (cmd.outputs.empty()) {
        for (size_t i = 0; i < table_->columns.size(); ++i) {
            bool is_input = std::any_of(inputs_.begin(), inputs_.end(), [&](const Column& c) { return c.index == int(i); });
            if (!is_input) outputs_.push_back({static_cast<int>(i), table_->columns[i]});
        }
    } else {
        for (const auto& m : cmd.outputs) {
            int i = table_->column(m.field.name);
            if (i < 0) fail("lookup table '" + cmd.table + "' has no column " + m.field.name, m.field.span);
            outputs_.push_back({i, m.as.name.empty() ? m.field.name : m.as.name});
        }
    }
    const auto& first = table_->columns[inputs_[0].index];
    indexed_ = !table_->wildcard_columns.count(first);
    if (indexed_)
        for (size_t r = 0; r < table_->rows.size(); ++r) {
            const std::string& v = table_->rows[r][inputs_[0].index];
            index_[table_->case_sensitive ? v : lower(v)].push_back(r);
        }
}

bool LookupOperator::row_matches(const std::vector<std::string>& row,
                                 const std::vector<std::vector<std::string>>& keys) const {
    const bool caseless = !table_->case_sensitive;
    for (size_t k = 0; k < inputs_.size(); ++k) {
        const std::string& cell = row[inputs_[k].index];
        bool wild = table_->wildcard_columns.count(table_->columns[inputs_[k].index]) > 0;
        bool any = false;
        for (const auto& v : keys[k]) {
            if (wild ? wildcard_match(cell, v, caseless)
                     : (caseless ? lower(cell) == lower(v) : cell == v)) {
                any = true;
                break;
            }
        }
        if (!any) return false;
    }
    return true;
}

std::vector<size_t> LookupOperator::candidates(const std::vector<std::vector<std::string>>& keys) const {
    std::vector<size_t> rows;
    if (!indexed_) {
        rows.resize(table_->rows.size());
        for (size_t i = 0; i < rows.size(); ++i) rows[i] = i;
        return rows;
    }
    for (const auto& v : keys[0]) {
        auto it = index_.find(table_->case_sensitive ? v : lower(v));
        if (it != index_.end()) rows.insert(rows.end(), it->second.begin(), it->second.end());
    }
    std::sort(rows.begin(), rows.end());  // file order
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}

void LookupOperator::push(Event event) {
    std::vector<std::vector<std::string>> keys;
    bool complete = true;
    for (const auto& in : inputs_) {
        const Value* v = event.find(in.event_field);
        if (!v) {
            complete = false;
            break;
        }
        keys.push_back(v->mv_values());
    }
    std::vector<size_t> matched;
    if (complete)
        for (size_t r : candidates(keys)) {
            if (matched.size() >= table_->max_matches) break;
            if (row_matches(table_->rows[r], keys)) matched.push_back(r);
        }
    for (const auto& out : outputs_) {
        if (output_new_ && event.has(out.event_field)) continue;
        std::vector<std::string> values;
        for (size_t r : matched) {
            const std::string& cell = table_->rows[r][out.index];
            if (!cell.empty()) values.push_back(cell);
        }
        if (matched.size() < table_->min_matches && !table_->default_match.empty())
            for (size_t i = matched.size(); i < table_->min_matches; ++i) values.push_back(table_->default_match);
        if (values.empty())
            event.set(out.event_field, Value::null());
        else
            event.set(out.event_field, values.size() == 1 ? Value::string(values[0]) : Value::multi(values));
    }
    emit(std::move(event));
}

}  // namespace minispl
