#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <string>
#include <vector>

namespace minispl {

//! keeps only the listed fields, in list order (wildcards expand in event order); _raw and other internal fields go unless listed.
class TableOperator : public Operator {
public:
    TableOperator(const ast::FieldsCmd& cmd, const OpContext& ctx);
    void push(Event event) override;

private:
    std::vector<std::string> patterns_;
    bool remove_ = false;
};

}  // namespace minispl
