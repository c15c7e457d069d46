#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/ops/sort_order.hpp"
#include "minispl/parse/ast.hpp"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace minispl {

//! `dedup [N] fields [keepevents=b] [keepempty=b] [consecutive=b] [sortby ...]`: keeps the first
//! N results (in arrival order) of each combination of the fields' values (compared as text,
//! case-sensitively). Results missing a field are dropped unless keepempty=true; keepevents=true
//! keeps duplicates but removes the fields from them; consecutive=true only removes runs of
//! duplicates; sortby sorts the kept results (so it buffers until finish).
class DedupOperator : public Operator {
public:
    //! Throws SplError("dedup") for an unknown option or a bad value.
    DedupOperator(const ast::FieldsCmd& cmd, const OpContext& ctx);
    void push(Event event) override;
    void finish() override;

private:
    void out(Event event);

    std::vector<std::string> fields_;
    int64_t count_ = 1;
    bool keepempty_ = false, keepevents_ = false, consecutive_ = false;
    std::optional<SortComparator> sortby_;
    std::vector<Event> sorted_;
    std::unordered_map<std::string, int64_t> seen_;
    std::optional<std::string> last_key_;
    int64_t run_ = 0;
};

}  // namespace minispl
