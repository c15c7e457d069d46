#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"
#include "minispl/sourcetypes/lookup_matcher.hpp"

namespace minispl {

//! `lookup table in [AS local] ... [OUTPUT|OUTPUTNEW out [AS local] ...]`: adds the columns of the
//! matching rows with the rules of LookupMatcher (the same engine as sourcetypes' automatic
//! lookups). No output clause: every column that is not an input.
class LookupOperator : public Operator {
public:
    //! Throws SplError("lookup-missing") when the table is not found, ("lookup") for a column it lacks.
    LookupOperator(const ast::LookupCmd& cmd, const OpContext& ctx);
    void push(Event event) override;

private:
    LookupMatcher matcher_;
};

}  // namespace minispl
