#pragma once
#include "minispl/eval/regex.hpp"
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <optional>
#include <string>

namespace minispl {

//! `makemv [delim=str | tokenizer=regex] [allowempty=bool] [setsv=bool] field`: splits the field's
//! value into a multivalue, on every occurrence of delim (default one space) or as the first
//! capture group (the whole match without one) of each tokenizer match. Empty values are dropped
//! unless allowempty=true. setsv=true keeps the field single-valued (the values joined by a
//! space), the way Splunk also sets the single value. Internal (`_`) fields are left alone.
class MakemvOperator : public Operator {
public:
    //! Throws SplError("makemv") for a bad option or field list, ("regex") for a bad tokenizer.
    MakemvOperator(const ast::FieldsCmd& cmd, const OpContext& ctx);
    void push(Event event) override;

private:
    std::string field_;
    std::string delim_ = " ";
    std::optional<Regex> tokenizer_;
    bool allow_empty_ = false;
    bool setsv_ = false;
};

}  // namespace minispl
