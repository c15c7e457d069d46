#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <map>
#include <string>
#include <vector>

namespace minispl {

//! `join [type=inner|left|outer] [max=N] [overwrite=bool] [fields] [subsearch]`: each row is
//! matched with the subsearch's rows (already run, passed in) that have the same values of the
//! join fields (all of them present on both sides; with no field list, the fields the two sides
//! have in common). A match copies the subsearch row's fields onto the row (overwriting unless
//! overwrite=false); max=N (default 1, 0 unlimited) gives one output row per match up to N, in
//! subsearch order. inner drops unmatched rows; left/outer keep them unchanged.
class JoinOperator : public Operator {
public:
    //! Throws SplError("join") for a bad option.
    JoinOperator(const ast::SubsearchCmd& cmd, std::vector<Event> subsearch_rows, const OpContext& ctx);
    void push(Event event) override;

private:
    std::vector<std::string> fields_for(const Event& event) const;

    bool keep_unmatched_ = false;
    size_t max_ = 1;  //!< 0: unlimited
    bool overwrite_ = true;
    std::vector<std::string> fields_;
    std::vector<Event> right_;
    //! With a field list: key (the join field values) → right row indexes, in order.
    std::map<std::vector<std::string>, std::vector<size_t>> index_;
};

}  // namespace minispl
