#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <map>
#include <string>
#include <vector>

namespace minispl {

//! `mvcombine [delim=str] field`: rows identical in every other non-internal field become one
//! row whose field holds all their values (in arrival order) as a multivalue. Rows without the
//! field pass through. Output at finish, groups in order of first appearance. delim= only
//! changes how Splunk renders the single-value form, which minispl does not keep.
class MvcombineOperator : public Operator {
public:
    //! Throws SplError("mvcombine") unless exactly one field is named, or for a bad option.
    MvcombineOperator(const ast::FieldsCmd& cmd, const OpContext& ctx);
    void push(Event event) override;
    void finish() override;

private:
    std::string field_;
    std::vector<Event> rows_;                      //!< one per group (or pass-through row)
    std::vector<std::vector<std::string>> values_;  //!< per row: the combined values
    std::map<std::string, size_t> groups_;
};

}  // namespace minispl
