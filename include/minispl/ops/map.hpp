#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/ops/subpipeline.hpp"
#include "minispl/parse/ast.hpp"

#include <string>

namespace minispl {

//! `map search="..." [maxsearches=N]`: for each of the first N (default 10) input rows, the
//! search text with every `$field$` replaced by that row's value of field (empty when the row
//! has no such field; `$$` is a literal `$`) runs as a new search over the inputs, macros
//! expanded then; the output is every search's results, in input-row order.
class MapOperator : public Operator {
public:
    //! Throws SplError("map") without search= or for a bad option.
    MapOperator(const ast::MapCmd& cmd, SearchTextRunner run, const OpContext& ctx);
    void push(Event event) override;
    //! Splunk says when rows were left without a search ("A message is generated if there are
    //! more search results than the maximum"): a notice.
    void finish() override;

    //! The search text for one row (exposed for tests).
    std::string substitute(const Event& row) const;

private:
    SearchTextRunner run_;
    std::string search_;
    size_t max_searches_ = 10;
    size_t done_ = 0;
    size_t left_out_ = 0;
    OpContext ctx_;
};

}  // namespace minispl
