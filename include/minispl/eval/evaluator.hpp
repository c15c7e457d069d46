#pragma once
// Evaluation of eval expressions (eval, where, fn(eval(...)), calculated fields).
#include "minispl/core/event.hpp"
#include "minispl/core/value.hpp"
#include "minispl/parse/ast.hpp"

#include <memory>
#include <string_view>

namespace minispl {

//! What an expression may read besides the event: the search's "now".
struct EvalContext {
    double now = 0;  //!< epoch seconds for now(); 0 means the wall clock at the search start
};

//! An eval expression compiled once (functions resolved, regexes compiled, literals parsed)
//! and evaluated per event with SPL's null and typing rules.
class Evaluator {
public:
    //! Throws SplError ("unknown-function", "function-arity", "regex") with the node's span.
    explicit Evaluator(const ast::Expr& expr, EvalContext ctx = {});
    ~Evaluator();
    Evaluator(Evaluator&&) noexcept;
    Evaluator& operator=(Evaluator&&) noexcept;

    Value operator()(const Event& event) const;
    //! `where` semantics: true only for a true boolean (null and errors are false).
    bool test(const Event& event) const;
    //! True when the expression's result is a boolean (a comparison, AND/OR/NOT, like(), match(),
    //! isnull(), ...). Splunk's `eval` refuses to assign one: "Fields cannot be assigned a boolean
    //! result. Instead, try if([bool expr], [expr], [expr])." — the eval command checks this.
    bool yields_boolean() const;
    //! The "now" this evaluator uses (EvalContext::now, or the wall clock at construction).
    double now() const { return now_; }

    struct Node;  // compiled tree, private to src/eval

private:
    std::unique_ptr<Node> root_;
    double now_ = 0;
};

//! True when `name` (any case) is an eval function minispl implements.
bool is_eval_function(std::string_view name);

//! True when `name` (any case) is an eval function that reads no field its arguments do not
//! name, so the fields of a call are those of its arguments (field projection relies on it).
bool eval_function_reads_only_arguments(std::string_view name);

}  // namespace minispl
