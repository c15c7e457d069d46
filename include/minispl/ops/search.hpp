#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/eval/search_matcher.hpp"
#include "minispl/parse/ast.hpp"

#include <optional>

namespace minispl {

//! `search <expr>` (and the implicit first search): passes on the events the expression matches.
class SearchOperator : public Operator {
public:
    SearchOperator(const ast::SearchCmd& cmd, const OpContext& ctx);
    void push(Event event) override;
    const std::vector<Diagnostic>& warnings() const;

private:
    std::optional<SearchMatcher> matcher_;  //!< empty: `search` with no expression, or `search *`
};

}  // namespace minispl
