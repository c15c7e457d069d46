#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <string>

namespace minispl {

//! `xmlkv [field] [maxinputs=N]` extracts `<key>value</key>` pairs (innermost elements: a value
//! with no tags inside) from `field` (default _raw) into fields named key; entities decoded;
//! a key seen several times gives a multivalue in document order. maxinputs is accepted (it
//! limits how many results Splunk's script handles; minispl handles all).
class XmlkvOperator : public Operator {
public:
    //! Throws SplError("xmlkv") for more than one field or an unknown option.
    XmlkvOperator(const ast::FieldsCmd& cmd, const OpContext& ctx);
    void push(Event event) override;

private:
    std::string field_ = "_raw";
};

}  // namespace minispl
