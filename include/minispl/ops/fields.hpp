#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <string>
#include <vector>

namespace minispl {

//! `fields [+] a b*` keeps the listed fields (and _raw, _time, as Splunk does); `fields - a b*` drops them.
class FieldsOperator : public Operator {
public:
    FieldsOperator(const ast::FieldsCmd& cmd, const OpContext& ctx);
    void push(Event event) override;

private:
    std::vector<std::string> patterns_;
    bool remove_ = false;
};

}  // namespace minispl
