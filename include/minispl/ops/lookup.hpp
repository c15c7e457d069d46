#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/lookup_table.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace minispl {

//! `lookup table in [AS local] ... [OUTPUT|OUTPUTNEW out [AS local] ...]` adds the columns of the
//! rows whose input columns equal the event's fields (any value of a multivalue; WILDCARD(col)
//! columns as `*` patterns; caseless when case_sensitive_match is false). Several matching rows
//! (up to max_matches) give multivalues; fewer than min_matches add default_match. No output
//! clause: every column that is not an input. OUTPUT overwrites (and clears on no match),
//! OUTPUTNEW only fills fields the event lacks.
class LookupOperator : public Operator {
public:
    //! Throws SplError("lookup-missing") when the table is not found, ("lookup") for a column it lacks.
    LookupOperator(const ast::LookupCmd& cmd, const OpContext& ctx);
    void push(Event event) override;

private:
    struct Column { int index; std::string event_field; };
    bool row_matches(const std::vector<std::string>& row, const std::vector<std::vector<std::string>>& keys) const;
    std::vector<size_t> candidates(const std::vector<std::vector<std::string>>& keys) const;

    std::shared_ptr<const LookupTable> table_;
    std::vector<Column> inputs_, outputs_;
    bool output_new_ = false;
    bool indexed_ = false;  //!< inputs_[0] is an exact column: index_ maps its values to rows
    std::unordered_map<std::string, std::vector<size_t>> index_;
};

}  // namespace minispl
