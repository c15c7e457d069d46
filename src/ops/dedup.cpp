#include "minispl/ops/dedup.hpp"
#include "minispl/ops/option_util.hpp"

#include "minispl/core/diagnostic.hpp"

#include <algorithm>
#include <cctype>

namespace minispl {

namespace {

using opt::lower;

bool parse_bool(const ast::Option& o) {
    std::string v = lower(o.value);
    if (v == "true" || v == "t" || v == "1" || v == "yes") return true;
    if (v == "false" || v == "f" || v == "0" || v == "no") return false;
    throw SplError("dedup", "option " + o.key + "= expects true or false, not '" + o.value + "'",
                   o.value_span.begin, o.value_span.end - o.value_span.begin);
}

// A sortby entry as written: [-|+]field or [-|+]num(field) / str(...) / ip(...) / auto(...).
SortKeySpec sort_key(std::string text) {
    SortKeySpec k;
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
        k.descending = text[0] == '-';
        text.erase(0, 1);
    }
    auto open = text.find('(');
    if (open != std::string::npos && text.back() == ')') {
        k.as = lower(text.substr(0, open));
        text = text.substr(open + 1, text.size() - open - 2);
    }
    k.field = text;
    return k;
}

}  // namespace

DedupOperator::DedupOperator(const ast::FieldsCmd& cmd, const OpContext&) {
    for (const auto& f : cmd.fields) fields_.push_back(f.name);
    if (fields_.empty()) throw SplError("dedup", "dedup needs at least one field");
    if (cmd.count) {
        if (*cmd.count < 1) throw SplError("dedup", "dedup count must be at least 1");
        count_ = *cmd.count;
    }
    for (const auto& o : cmd.options) {
        std::string key = lower(o.key);
        if (key == "keepempty") keepempty_ = parse_bool(o);
        else if (key == "keepevents") keepevents_ = parse_bool(o);
        else if (key == "consecutive") consecutive_ = parse_bool(o);
        else
            throw SplError("dedup", "unknown dedup option " + o.key + "= (expected keepempty, keepevents, consecutive)",
                           o.span.begin, o.span.end - o.span.begin);
    }
    if (!cmd.sortby.empty()) {
        std::vector<SortKeySpec> keys;
        for (const auto& f : cmd.sortby) keys.push_back(sort_key(f.name));
        sortby_.emplace(std::move(keys));
    }
}

void DedupOperator::out(Event event) {
    if (sortby_)
        sorted_.push_back(std::move(event));
    else
        emit(std::move(event));
}

void DedupOperator::push(Event event) {
    std::string key;
    for (const auto& f : fields_) {
        const Value* v = event.find(f);
        if (!v) {
            if (keepempty_) out(std::move(event));
            return;
        }
        key += v->to_string();
        key += '\x1f';
    }
    bool keep;
    if (consecutive_) {
        run_ = last_key_ == key ? run_ + 1 : 1;
        last_key_ = key;
        keep = run_ <= count_;
    } else {
        keep = ++seen_[key] <= count_;
    }
    if (keep) {
        out(std::move(event));
    } else if (keepevents_) {
        for (const auto& f : fields_) event.erase(f);
        out(std::move(event));
    }
}

void DedupOperator::finish() {
    if (sortby_) {
        std::stable_sort(sorted_.begin(), sorted_.end(), *sortby_);
        for (auto& e : sorted_) emit(std::move(e));
        sorted_.clear();
    }
    Operator::finish();
}

}  // namespace minispl
