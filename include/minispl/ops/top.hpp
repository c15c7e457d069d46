#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <map>
#include <string>
#include <vector>

namespace minispl {

//! `top` / `rare [N] [limit=N] [countfield=c] [percentfield=p] [showcount=b] [showperc=b]
//! [useother=b] [otherstr=s] fields [by fields]`: the N (default 10, 0 = all) most (top) or
//! least (rare) common value combinations of the fields, per by-group, as rows
//! `by..., fields..., count, percent`, count descending (top) or ascending (rare), ties in order
//! of first appearance. percent is the share of the group's events that have every field, with
//! six decimals. Events missing a field or a by field are not counted; each value of a
//! multivalue counts. useother=true adds a row with otherstr ("OTHER") for the rest.
class TopOperator : public Operator {
public:
    //! Throws SplError("top"/"rare") for a bad option or a missing field list.
    TopOperator(const ast::TopCmd& cmd, const OpContext& ctx, bool rare = false);
    void push(Event event) override;
    void finish() override;

private:
    struct Group {
        uint64_t total = 0;
        std::vector<std::vector<std::string>> combos;  //!< first-appearance order
        std::map<std::vector<std::string>, uint64_t> counts;
    };
    bool rare_;
    size_t limit_ = 10;
    std::string countfield_ = "count", percentfield_ = "percent", otherstr_ = "OTHER";
    bool showcount_ = true, showperc_ = true, useother_ = false;
    std::vector<std::string> fields_, by_;
    std::vector<std::vector<std::string>> group_order_;
    std::map<std::vector<std::string>, Group> groups_;
};

}  // namespace minispl
