#include "minispl/ops/fields.hpp"

#include "minispl/eval/wildcard.hpp"

namespace minispl {

FieldsOperator::FieldsOperator(const ast::FieldsCmd& cmd, const OpContext&) : remove_(cmd.remove) {
    for (const auto& f : cmd.fields) patterns_.push_back(f.name);
}

void FieldsOperator::push(Event event) {
    auto listed = [&](const std::string& name) {
        for (const auto& p : patterns_)
            if (wildcard_match(p, name)) return true;
        return false;
    };
    auto& fields = event.fields();
    if (remove_) {
        std::erase_if(fields, [&](const Event::Field& f) { return listed(f.first); });
        emit(std::move(event));
        return;
    }
    // Keep: listed fields in list order, then _raw and _time, which `fields` never drops
    // unless told to with `fields - _raw`.
    Event out;
    std::vector<bool> taken(fields.size(), false);
    for (const auto& p : patterns_)
        for (size_t i = 0; i < fields.size(); ++i)
            if (!taken[i] && wildcard_match(p, fields[i].first)) {
                taken[i] = true;
                out.fields().push_back(std::move(fields[i]));
            }
    for (size_t i = 0; i < fields.size(); ++i)
        if (!taken[i] && (fields[i].first == "_raw" || fields[i].first == "_time"))
            out.fields().push_back(std::move(fields[i]));
    emit(std::move(out));
}

}  // namespace minispl
