#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <map>
#include <string>
#include <vector>

namespace minispl {

//! `addtotals [row=bool] [col=bool] [fieldname=F] [labelfield=L] [label=S] [fields]`:
//! row=true (default) sets F (default "Total") on each row to the sum of its numeric fields
//! (those matching the field list, `*` wildcards allowed; every non-internal field when none is
//! given). col=true appends a row holding each numeric column's sum, with S (default "Total")
//! in L when labelfield is given.
class AddtotalsOperator : public Operator {
public:
    //! Throws SplError("addtotals") for a bad option.
    AddtotalsOperator(const ast::FieldsCmd& cmd, const OpContext& ctx);
    void push(Event event) override;
    void finish() override;

private:
    bool selected(const std::string& name) const;

    bool row_ = true, col_ = false;
    std::string fieldname_ = "Total", labelfield_, label_ = "Total";
    std::vector<std::string> patterns_;
    std::vector<std::string> col_order_;
    std::map<std::string, double> col_sums_;
};

}  // namespace minispl
