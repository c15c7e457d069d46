#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <vector>

namespace minispl {

//! `append [options] [subsearch]`: the rows pass through, then the subsearch's rows (already
//! run over the same inputs, passed in) follow at the end.
class AppendOperator : public Operator {
public:
    //! Throws SplError("append") for an option other than extendtimerange/maxtime/maxout/timeout.
    AppendOperator(const ast::SubsearchCmd& cmd, std::vector<Event> subsearch_rows, const OpContext& ctx);
    void push(Event event) override { emit(std::move(event)); }
    void finish() override;

private:
    std::vector<Event> appended_;
};

}  // namespace minispl
