#pragma once
#include "minispl/eval/regex.hpp"
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <optional>
#include <string>
#include <vector>

namespace minispl {

//! `rex [field=f] [max_match=N] [offset_field=o] "(?<name>re)"` extracts named groups of the
//! unanchored PCRE from f (default _raw) into fields; max_match>1 (0: unlimited) collects every
//! match into multivalues; no match leaves the fields as they were.
//! `rex [field=f] mode=sed "s/re/repl/[g|N]"` or `"y/abc/xyz/"` rewrites f in place.
class RexOperator : public Operator {
public:
    //! Throws SplError("rex") for a bad option or sed expression, ("regex") for a bad pattern.
    RexOperator(const ast::RexCmd& cmd, const OpContext& ctx);
    void push(Event event) override;

private:
    void extract(Event& event) const;
    std::string sed(const std::string& text) const;

    std::string field_ = "_raw";
    size_t max_match_ = 1;  //!< 0: unlimited
    std::string offset_field_;
    std::optional<Regex> re_;
    std::vector<std::pair<std::string, int>> groups_;
    // mode=sed
    bool sed_mode_ = false;
    bool transliterate_ = false;    //!< y/from/to/
    std::string replacement_, from_chars_, to_chars_;
    size_t occurrence_ = 1;         //!< s///N; 0 with global
    bool global_ = false;
};

}  // namespace minispl
