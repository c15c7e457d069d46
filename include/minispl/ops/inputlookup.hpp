#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/sourcetypes/lookup_table.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/eval/search_matcher.hpp"
#include "minispl/parse/ast.hpp"

#include <memory>
#include <optional>

namespace minispl {

//! `| inputlookup [append=t] [start=N] [max=N] table [where <search>]` generates one row per CSV
//! record (empty cells absent) that the where clause matches, at the end of the input. Without
//! append=t it is a generating command: events pushed into it are dropped; with it they pass first.
class InputlookupOperator : public Operator {
public:
    //! Throws SplError("lookup-missing") when the table is not found, ("inputlookup") for a bad option.
    InputlookupOperator(const ast::LookupTableCmd& cmd, const OpContext& ctx);
    void push(Event event) override;
    void finish() override;

private:
    std::shared_ptr<const LookupTable> table_;
    std::optional<SearchMatcher> where_;
    bool append_ = false;
    size_t start_ = 0;
    size_t max_ = 1000000000;
};

}  // namespace minispl
