#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <string>
#include <vector>

namespace minispl {

//! `fillnull [value=V] [fields]`: gives missing or empty fields the value V (default "0"). With a field
//! list it streams; without one it fills every field that any result has, so it buffers the
//! results and emits them at finish (internal `_` fields are not filled).
class FillnullOperator : public Operator {
public:
    FillnullOperator(const ast::FillnullCmd& cmd, const OpContext& ctx);
    void push(Event event) override;
    void finish() override;

private:
    std::string value_;
    std::vector<std::string> fields_;
    std::vector<Event> buffer_;
};

}  // namespace minispl
