#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <string>

namespace minispl {

//! `mvexpand field [limit=N]`: one copy of the event per value of the multivalue field (the first
//! N values when limit is set), each copy holding that single value. An event without the field
//! passes through unchanged.
class MvexpandOperator : public Operator {
public:
    //! Throws SplError("mvexpand") unless exactly one field is named, or for a bad option.
    MvexpandOperator(const ast::FieldsCmd& cmd, const OpContext& ctx);
    void push(Event event) override;

private:
    std::string field_;
    size_t limit_ = 0;  //!< 0: every value
};

}  // namespace minispl
