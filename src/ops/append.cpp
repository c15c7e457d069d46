#include "minispl/ops/append.hpp"

#include "minispl/ops/option_util.hpp"

namespace minispl {

AppendOperator::AppendOperator(const ast::SubsearchCmd& cmd, std::vector<Event> rows, const OpContext& ctx)
    : appended_(std::move(rows)) {
    size_t maxout = ctx.limits.append_maxout;
    for (const auto& o : cmd.options) {
        std::string k = opt::lower(o.key);
        if (k == "maxout") maxout = static_cast<size_t>(opt::to_count(o, "append"));
        // Time limits of Splunk's subsearch machinery: minispl runs subsearches to completion,
        // so results do not depend on the machine's speed (docs/limits.md).
        else if (k != "extendtimerange" && k != "maxtime" && k != "timeout") opt::unknown(o, "append");
    }
    ctx.cap_rows(appended_, maxout, "append subsearch", "append maxout=, default limit append.maxout");
}

void AppendOperator::finish() {
    for (auto& e : appended_) emit(std::move(e));
    appended_.clear();
    Operator::finish();
}

}  // namespace minispl
