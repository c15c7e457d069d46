// top and rare: one operator, rare counts from the other end.
#include "minispl/ops/top.hpp"

#include "minispl/ops/option_util.hpp"

#include <algorithm>
#include <cstdio>

namespace minispl {

namespace {

// Every combination of the values of `fields` in `e` (a multivalue contributes each value);
// empty when a field is missing.
std::vector<std::vector<std::string>> combinations(const Event& e, const std::vector<std::string>& fields) {
    std::vector<std::vector<std::string>> out(1);
    for (const auto& f : fields) {
        const Value* v = e.find(f);
        if (!v || v->mv_size() == 0) return {};
        std::vector<std::vector<std::string>> next;
        for (const auto& prefix : out)
            for (const auto& val : v->mv_values()) {
                next.push_back(prefix);
                next.back().push_back(val);
            }
        out = std::move(next);
    }
    return out;
}

std::string percent(uint64_t n, uint64_t total) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6f", total ? 100.0 * static_cast<double>(n) / static_cast<double>(total) : 0.0);
    return buf;
}

}  // namespace

TopOperator::TopOperator(const ast::TopCmd& cmd, const OpContext&, bool rare) : rare_(rare) {
    const char* rule = rare ? "rare" : "top";
    if (cmd.limit) limit_ = static_cast<size_t>(std::max<int64_t>(0, *cmd.limit));
    for (const auto& o : cmd.options) {
        std::string k = opt::lower(o.key);
        if (k == "limit") limit_ = static_cast<size_t>(opt::to_count(o, rule));
        else if (k == "countfield") countfield_ = o.value;
        else if (k == "percentfield") percentfield_ = o.value;
        else if (k == "showcount") showcount_ = opt::to_bool(o, rule);
        else if (k == "showperc") showperc_ = opt::to_bool(o, rule);
        else if (k == "useother") useother_ = opt::to_bool(o, rule);
        else if (k == "otherstr") otherstr_ = o.value;
        else opt::unknown(o, rule);
    }
    if (cmd.fields.empty()) throw SplError(rule, std::string(rule) + " needs at least one field");
    for (const auto& f : cmd.fields) fields_.push_back(f.name);
    for (const auto& f : cmd.by) by_.push_back(f.name);
}

void TopOperator::push(Event event) {
    auto keys = combinations(event, by_);
    auto combos = combinations(event, fields_);
    if (combos.empty()) return;
    for (const auto& key : keys) {
        auto [it, fresh] = groups_.try_emplace(key);
        if (fresh) group_order_.push_back(key);
        Group& g = it->second;
        ++g.total;
        for (const auto& c : combos)
            if (g.counts[c]++ == 0) g.combos.push_back(c);
    }
}

void TopOperator::finish() {
    std::vector<std::vector<std::string>> order = group_order_;
    std::sort(order.begin(), order.end());
    for (const auto& key : order) {
        Group& g = groups_[key];
        std::vector<std::vector<std::string>> combos = g.combos;
        std::stable_sort(combos.begin(), combos.end(), [&](const auto& a, const auto& b) {
            return rare_ ? g.counts[a] < g.counts[b] : g.counts[a] > g.counts[b];
        });
        size_t n = limit_ ? std::min(limit_, combos.size()) : combos.size();
        auto row = [&](const std::vector<std::string>* combo, uint64_t count) {
            Event r;
            for (size_t i = 0; i < by_.size(); ++i) r.set(by_[i], Value::string(key[i]));
            for (size_t i = 0; i < fields_.size(); ++i)
                r.set(fields_[i], Value::string(combo ? (*combo)[i] : otherstr_));
            if (showcount_) r.set(countfield_, Value::string(std::to_string(count)));
            if (showperc_) r.set(percentfield_, Value::string(percent(count, g.total)));
            emit(std::move(r));
        };
        for (size_t i = 0; i < n; ++i) row(&combos[i], g.counts[combos[i]]);
        if (useother_ && n < combos.size()) {
            uint64_t rest = 0;
            for (size_t i = n; i < combos.size(); ++i) rest += g.counts[combos[i]];
            row(nullptr, rest);
        }
    }
    groups_.clear();
    group_order_.clear();
    Operator::finish();
}

}  // namespace minispl
