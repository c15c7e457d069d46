#include "minispl/ops/table.hpp"

#include "minispl/eval/wildcard.hpp"

namespace minispl {

TableOperator::TableOperator(const ast::FieldsCmd& cmd, const OpContext&) {
    for (const auto& f : cmd.fields) patterns_.push_back(f.name);
}

void TableOperator::push(Event event) {
    Event out;
    auto& fields = event.fields();
    std::vector<bool> taken(fields.size(), false);
    for (const auto& p : patterns_) {
        if (!has_wildcard(p)) {
            for (size_t i = 0; i < fields.size(); ++i)
                if (!taken[i] && fields[i].first == p) {
                    taken[i] = true;
                    out.fields().push_back(std::move(fields[i]));
                }
            continue;
        }
        for (size_t i = 0; i < fields.size(); ++i)
            if (!taken[i] && wildcard_match(p, fields[i].first)) {
                taken[i] = true;
                out.fields().push_back(std::move(fields[i]));
            }
    }
    emit(std::move(out));
}

}  // namespace minispl
