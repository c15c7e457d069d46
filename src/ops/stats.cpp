#include "minispl/ops/stats.hpp"

#include "minispl/core/ascii.hpp"
#include "minispl/core/diagnostic.hpp"

namespace minispl {
namespace {

}  // namespace

StatsOperator::StatsOperator(const ast::StatsCmd& cmd, const OpContext& ctx)
    : specs_(compile_aggregations(cmd.aggregations, ctx)) {
    for (const auto& o : cmd.options) {
        // partitions/allnum/delim change performance or rare corner cases only.
        if (iequals(o.key, "partitions") || iequals(o.key, "allnum") || iequals(o.key, "delim")) continue;
        throw SplError("unsupported", "stats option '" + o.key + "' is not supported",
                       o.span.begin, o.span.end > o.span.begin ? o.span.end - o.span.begin : 1);
    }
    if (cmd.span)
        throw SplError("unsupported", "stats does not take span=; bin _time first (bin _time span=...)",
                       cmd.span->span.begin, 1);
    if (specs_.empty()) throw SplError("syntax", "stats needs at least one aggregation", 0, 1);
    std::vector<std::string> by;
    for (const auto& f : cmd.by) {
        if (f.name.find('*') != std::string::npos)
            throw SplError("unsupported", "wildcard by-field '" + f.name + "' is not supported",
                           f.span.begin, f.span.end > f.span.begin ? f.span.end - f.span.begin : 1);
        by.push_back(f.name);
    }
    table_ = std::make_unique<GroupTable>(std::move(by), specs_);
}

void StatsOperator::push(Event event) { table_->add(event); }

std::unique_ptr<Operator> StatsOperator::make_partial() const {
    if (!table_->mergeable()) return nullptr;
    std::unique_ptr<StatsOperator> p(new StatsOperator());
    p->table_ = std::make_unique<GroupTable>(table_->by(), specs_);  // specs_ are read-only while running
    return p;
}

void StatsOperator::merge_partial(Operator& partial) {
    table_->merge(*static_cast<StatsOperator&>(partial).table_);
}

void StatsOperator::finish() {
    if (table_->groups().empty() && table_->by().empty()) {
        // No events and no by-clause: still one row (count 0, dc 0, others null).
        Event row;
        for (const auto& s : specs_) row.set(s.output(), s.empty_result());
        emit(std::move(row));
    } else {
        for (size_t g : table_->sorted()) emit(table_->row(g));
    }
    table_->clear();
    Operator::finish();
}

}  // namespace minispl
