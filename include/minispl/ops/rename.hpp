#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <string>
#include <vector>

namespace minispl {

//! `rename a AS b, "x.*" AS *`: renames fields left to right; `*` wildcards carry the matched
//! text over; the new name replaces a field that already has it.
class RenameOperator : public Operator {
public:
    //! Throws SplError("rename") when the two sides of a pair have different wildcard counts.
    RenameOperator(const ast::RenameCmd& cmd, const OpContext& ctx);
    void push(Event event) override;

private:
    struct Pair { std::string from, to; bool wildcard; };
    std::vector<Pair> pairs_;
};

}  // namespace minispl
