#include "minispl/ops/fillnull.hpp"

#include <unordered_set>

namespace minispl {

namespace {

// Splunk's results keep no empty values: an empty string is as null as a missing field
// (the docs describe `fillnull` as filling "all empty field values").
bool is_empty(const Event& e, const std::string& name) {
    const Value* v = e.find(name);
    return !v || (v->is_string() && v->str().empty());
}

}  // namespace

FillnullOperator::FillnullOperator(const ast::FillnullCmd& cmd, const OpContext&) : value_(cmd.value) {
    for (const auto& f : cmd.fields) fields_.push_back(f.name);
}

void FillnullOperator::push(Event event) {
    if (fields_.empty()) {
        buffer_.push_back(std::move(event));
        return;
    }
    for (const auto& f : fields_)
        if (is_empty(event, f)) event.set(f, Value::string(value_));
    emit(std::move(event));
}

void FillnullOperator::finish() {
    if (fields_.empty()) {
        // Every field present in any result, in the order first seen.
        std::vector<std::string> all;
        std::unordered_set<std::string> seen;
        for (const auto& e : buffer_)
            for (const auto& f : e.fields())
                if (!f.first.starts_with('_') && seen.insert(f.first).second) all.push_back(f.first);
        for (auto& e : buffer_) {
            for (const auto& name : all)
                if (is_empty(e, name)) e.set(name, Value::string(value_));
            emit(std::move(e));
        }
        buffer_.clear();
    }
    Operator::finish();
}

}  // namespace minispl
