#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <string>
#include <vector>

namespace minispl {

//! `replace "a" WITH "b", ... [IN fields]`: a field value (each value of a multivalue) equal to
//! a pattern, case-sensitively, becomes its replacement; `*` in the pattern matches any text and
//! the replacement's `*`s take what they matched ("::ffff:*" WITH *). The first matching pair
//! wins. Without IN, every non-internal field is rewritten; IN field names may use wildcards.
class ReplaceOperator : public Operator {
public:
    ReplaceOperator(const ast::ReplaceCmd& cmd, const OpContext& ctx);
    void push(Event event) override;

private:
    bool applies_to(const std::string& field) const;
    bool rewrite(std::string& value) const;

    std::vector<std::pair<std::string, std::string>> pairs_;
    std::vector<std::string> fields_;
};

}  // namespace minispl
