#include "minispl/ops/append.hpp"

#include "minispl/ops/option_util.hpp"

namespace minispl {

AppendOperator::AppendOperator(const ast::SubsearchCmd& cmd, std::vector<Event> rows, const OpContext&)
    : appended_(std::move(rows)) {
    for (const auto& o : cmd.options) {
        std::string k = opt::lower(o.key);
        // Limits of Splunk's subsearch machinery; minispl runs subsearches to completion.
        if (k != "extendtimerange" && k != "maxtime" && k != "maxout" && k != "timeout") opt::unknown(o, "append");
    }
}

void AppendOperator::finish() {
    for (auto& e : appended_) emit(std::move(e));
    appended_.clear();
    Operator::finish();
}

}  // namespace minispl
