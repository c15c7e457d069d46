#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <string>

namespace minispl {

//! `fromjson field [prefix=p]` turns the top-level keys of the JSON object in `field` into fields
//! (named prefix+key): strings and numbers as text, arrays as multivalues (elements that are
//! objects or arrays as their JSON text), nested objects as JSON text, null as absent.
//! A value that is not a JSON object leaves the event unchanged.
class FromjsonOperator : public Operator {
public:
    //! Throws SplError("fromjson") without exactly one field or with an unknown option.
    FromjsonOperator(const ast::FieldsCmd& cmd, const OpContext& ctx);
    void push(Event event) override;

private:
    std::string field_, prefix_;
};

}  // namespace minispl
