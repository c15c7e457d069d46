#include "minispl/ops/appendpipe.hpp"

#include "minispl/ops/option_util.hpp"

namespace minispl {

AppendpipeOperator::AppendpipeOperator(const ast::SubsearchCmd& cmd, RowsRunner run, const OpContext&)
    : run_(std::move(run)) {
    for (const auto& o : cmd.options)
        if (opt::lower(o.key) != "run_in_preview") opt::unknown(o, "appendpipe");
    if (!run_) throw SplError("appendpipe", "appendpipe needs a [subpipeline]");
}

void AppendpipeOperator::push(Event event) {
    seen_.push_back(event);
    emit(std::move(event));
}

void AppendpipeOperator::finish() {
    for (auto& e : run_(std::move(seen_))) emit(std::move(e));
    seen_.clear();
    Operator::finish();
}

}  // namespace minispl
