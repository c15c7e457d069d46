// The lookup engine: row matching (exact, WILDCARD, CIDR, case rules, max_matches) and output
// writing (OUTPUT/OUTPUTNEW, min_matches/default_match, sourcetype defaults).
#include "minispl/sourcetypes/lookup_matcher.hpp"

#include "minispl/core/ascii.hpp"
#include "minispl/eval/cidr.hpp"
#include "minispl/eval/wildcard.hpp"

#include <algorithm>
#include <atomic>
#include <unordered_map>

namespace minispl {

struct LookupMatcher::Index {
    std::unordered_map<std::string, std::vector<size_t>> rows;
};

namespace {

//! A CIDR(col) cell against an event value: a network (`10.0.0.0/8`) or a single address, which
//! must be the same address; a cell that is not an address compares as text.
bool cidr_cell_matches(const std::string& cell, const std::string& value) {
    if (cidr_contains(cell, value)) return true;
    return cell == value;
}

//! Per thread: the rows of recent input keys of the last few matchers. Input values such as
//! eventName repeat endlessly; a memo per thread needs no lock. Few matchers live at once on a
//! thread (one per lookup of a pipeline or sourcetype), so the oldest memo is dropped past kMemos.
struct Memo {
    static constexpr size_t kMemos = 16, kEntries = 100000;
    std::vector<std::pair<uint64_t, std::unordered_map<std::string, std::vector<size_t>>>> memos;

    std::unordered_map<std::string, std::vector<size_t>>& of(uint64_t id) {
        for (auto& m : memos)
            if (m.first == id) return m.second;
        if (memos.size() >= kMemos) memos.erase(memos.begin());
        memos.emplace_back(id, std::unordered_map<std::string, std::vector<size_t>>{});
        return memos.back().second;
    }
};

}  // namespace

LookupMatcher::LookupMatcher(std::shared_ptr<const LookupTable> table, std::vector<Column> inputs,
                             std::vector<Column> outputs, bool output_new,
                             std::vector<std::pair<std::string, std::string>> defaults)
    : table_(std::move(table)), inputs_(std::move(inputs)), outputs_(std::move(outputs)), output_new_(output_new),
      defaults_(std::move(defaults)) {
    static std::atomic<uint64_t> next_id{1};
    id_ = next_id++;
    if (outputs_.empty())
        for (size_t i = 0; i < table_->columns.size(); ++i) {
            bool is_input = std::any_of(inputs_.begin(), inputs_.end(), [&](const Column& c) { return c.index == int(i); });
            if (!is_input) outputs_.push_back({static_cast<int>(i), table_->columns[i]});
        }
    for (const auto& in : inputs_) {
        const std::string& col = table_->columns[in.index];
        kind_.push_back(table_->wildcard_columns.count(col) ? 'w' : table_->cidr_columns.count(col) ? 'c' : 'e');
    }
    if (!inputs_.empty() && kind_[0] == 'e') {
        auto index = std::make_shared<Index>();
        for (size_t r = 0; r < table_->rows.size(); ++r) {
            const std::string& v = table_->rows[r][inputs_[0].index];
            index->rows[table_->case_sensitive ? v : lower(v)].push_back(r);
        }
        index_ = std::move(index);
    }
}

bool LookupMatcher::row_matches(const std::vector<std::string>& row,
                                const std::vector<std::vector<std::string>>& keys) const {
    const bool caseless = !table_->case_sensitive;
    for (size_t k = 0; k < inputs_.size(); ++k) {
        const std::string& cell = row[inputs_[k].index];
        bool any = false;
        for (const auto& v : keys[k]) {
            switch (kind_[k]) {
                case 'w': any = wildcard_match(cell, v, caseless); break;
                case 'c': any = cidr_cell_matches(cell, v); break;
                default: any = caseless ? lower(cell) == lower(v) : cell == v;
            }
            if (any) break;
        }
        if (!any) return false;
    }
    return true;
}

std::vector<size_t> LookupMatcher::find(const std::vector<std::vector<std::string>>& keys) const {
    std::vector<size_t> candidates;
    if (index_) {
        for (const auto& v : keys[0]) {
            auto it = index_->rows.find(table_->case_sensitive ? v : lower(v));
            if (it != index_->rows.end()) candidates.insert(candidates.end(), it->second.begin(), it->second.end());
        }
        std::sort(candidates.begin(), candidates.end());  // file order
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    } else {
        candidates.resize(table_->rows.size());
        for (size_t i = 0; i < candidates.size(); ++i) candidates[i] = i;
    }
    std::vector<size_t> matched;
    for (size_t r : candidates) {
        if (matched.size() >= table_->max_matches) break;
        if (row_matches(table_->rows[r], keys)) matched.push_back(r);
    }
    return matched;
}

std::vector<size_t> LookupMatcher::matches(const Event& event) const { return matched_rows(event); }

const std::vector<size_t>& LookupMatcher::matched_rows(const Event& event) const {
    static const std::vector<size_t> none;
    if (!table_ || inputs_.empty()) return none;
    // The memo key first, from the values in place (hot: every event of a sourcetype lookup);
    // the per-input value lists only on a miss.
    thread_local std::string key;
    key.clear();
    for (const auto& in : inputs_) {
        const Value* v = event.find(in.event_field);
        if (!v || v->mv_size() == 0) return none;
        if (v->is_string())
            (key += v->str()) += '\x1e';
        else
            for (size_t i = 0, n = v->mv_size(); i < n; ++i) (key += v->mv_at(i)) += '\x1e';
        key += '\x1f';
    }
    thread_local Memo memo;
    auto& rows = memo.of(id_);
    if (auto it = rows.find(key); it != rows.end()) return it->second;
    if (rows.size() >= Memo::kEntries) rows.clear();
    std::vector<std::vector<std::string>> keys;
    for (const auto& in : inputs_) keys.push_back(event.find(in.event_field)->mv_values());
    return rows.emplace(key, find(keys)).first->second;
}

void LookupMatcher::apply(Event& event) const {
    const std::vector<size_t>& matched = matched_rows(event);  // valid until this thread's next match
    for (const auto& out : outputs_) {
        if (output_new_ && event.has(out.event_field)) continue;
        std::vector<std::string> values;
        for (size_t r : matched) {
            const std::string& cell = table_->rows[r][out.index];
            if (!cell.empty()) values.push_back(cell);
        }
        if (matched.size() < table_->min_matches && !table_->default_match.empty())
            for (size_t i = matched.size(); i < table_->min_matches; ++i) values.push_back(table_->default_match);
        if (values.empty() && matched.empty())
            for (const auto& [field, value] : defaults_)
                if (field == out.event_field) values.push_back(value);
        if (values.empty())
            event.set(out.event_field, Value::null());
        else
            event.set(out.event_field, values.size() == 1 ? Value::string(values[0]) : Value::multi(values));
    }
}

}  // namespace minispl
