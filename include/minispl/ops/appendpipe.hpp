#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/ops/subpipeline.hpp"
#include "minispl/parse/ast.hpp"

#include <vector>

namespace minispl {

//! `appendpipe [run_in_preview=bool] [subpipeline]`: the rows pass through; at the end the
//! subpipeline runs over all of them (a copy) and its output is appended after them.
class AppendpipeOperator : public Operator {
public:
    //! Throws SplError("appendpipe") for a bad option.
    AppendpipeOperator(const ast::SubsearchCmd& cmd, RowsRunner run, const OpContext& ctx);
    void push(Event event) override;
    void finish() override;

private:
    RowsRunner run_;
    std::vector<Event> seen_;
};

}  // namespace minispl
