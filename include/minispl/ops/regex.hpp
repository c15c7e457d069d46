#pragma once
#include "minispl/eval/regex.hpp"
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <string>

namespace minispl {

//! `regex [field]="re"` keeps the results where some value of the field (default _raw) matches
//! the unanchored PCRE; `field!="re"` keeps the others, including results without the field.
class RegexOperator : public Operator {
public:
    RegexOperator(const ast::RegexCmd& cmd, const OpContext& ctx);
    void push(Event event) override;

private:
    std::string field_;
    bool negate_;
    Regex re_;
};

}  // namespace minispl
