#include "minispl/ops/eventstats.hpp"

#include "minispl/core/ascii.hpp"
#include "minispl/core/diagnostic.hpp"

namespace minispl {

EventStatsOperator::EventStatsOperator(const ast::StatsCmd& cmd, const OpContext& ctx)
    : specs_(compile_aggregations(cmd.aggregations, ctx)) {
    for (const auto& o : cmd.options) {
        const std::string key = lower(o.key);
        if (key == "allnum") continue;
        throw SplError("unsupported", "eventstats option '" + o.key + "' is not supported",
                       o.span.begin, o.span.end > o.span.begin ? o.span.end - o.span.begin : 1);
    }
    if (specs_.empty()) throw SplError("syntax", "eventstats needs at least one aggregation", 0, 1);
    std::vector<std::string> by;
    for (const auto& f : cmd.by) by.push_back(f.name);
    table_ = std::make_unique<GroupTable>(std::move(by), specs_);
}

void EventStatsOperator::push(Event event) {
    const auto& groups = table_->groups_of(event);
    // A multivalue by-field puts the event in several groups; it is annotated from the first.
    size_t first = groups.empty() ? kNoGroup : groups.front();
    for (size_t g : groups) table_->add_to(g, event);
    events_.emplace_back(std::move(event), first);
}

void EventStatsOperator::finish() {
    // Results are computed once per group, then copied onto its events.
    std::vector<std::vector<std::pair<std::string, Value>>> results(table_->groups().size());
    for (size_t g = 0; g < results.size(); ++g) results[g] = table_->results(g);
    for (auto& [event, g] : events_) {
        if (g != kNoGroup)
            for (const auto& [name, value] : results[g]) event.set(name, value);
        emit(std::move(event));
    }
    events_.clear();
    table_->clear();
    Operator::finish();
}

}  // namespace minispl
