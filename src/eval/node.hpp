#pragma once
// Internal to src/eval: the compiled expression tree, the per-event environment, and the
// function registry the functions_*.cpp files fill.
#include "minispl/core/diagnostic.hpp"
#include "minispl/eval/evaluator.hpp"
#include "minispl/eval/regex.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minispl::evalimpl {

//! What one evaluation sees: the event, "now", and (inside mvfilter/mvmap) one field bound
//! to a single value of a multivalue.
struct Env {
    const Event& event;
    double now = 0;
    std::string_view bound_name;
    const Value* bound_value = nullptr;
};

}  // namespace minispl::evalimpl

namespace minispl {

//! One compiled node: a constant, a field read, or an operation (operator or function call).
struct Evaluator::Node {
    using Fn = Value (*)(const Node&, evalimpl::Env&);
    enum class Kind : uint8_t { Const, Field, Op };

    Kind kind = Kind::Op;
    Value constant;                 //!< Const
    std::string name;               //!< Field: the field name; Op: the function/operator name
    Fn fn = nullptr;                //!< Op
    std::vector<Node> args;
    ast::BinaryOp op = ast::BinaryOp::Eq;
    uint32_t offset = 0;            //!< span begin, for messages
    std::unique_ptr<Regex> regex;   //!< a literal regex argument, compiled once
    std::string bound;              //!< mvfilter/mvmap: the field the body reads per value
    std::vector<std::string> strs;  //!< function-specific literal data (e.g. a literal format)
};

}  // namespace minispl

namespace minispl::evalimpl {

using Node = Evaluator::Node;

//! A field's value, honouring the mvfilter/mvmap binding; null Value when absent.
inline const Value& lookup(const Env& env, std::string_view name) {
    if (env.bound_value && name == env.bound_name) return *env.bound_value;
    return env.event.get(name);
}

//! Evaluates `n`, returning a reference to a constant or an event field without copying, or
//! to `scratch` holding a computed result.
inline const Value& ref(const Node& n, Env& env, Value& scratch) {
    switch (n.kind) {
        case Node::Kind::Const: return n.constant;
        case Node::Kind::Field: return lookup(env, n.name);
        default: scratch = n.fn(n, env); return scratch;
    }
}

inline Value eval(const Node& n, Env& env) {
    switch (n.kind) {
        case Node::Kind::Const: return n.constant;
        case Node::Kind::Field: return lookup(env, n.name);
        default: return n.fn(n, env);
    }
}

//! SPL truth: only a true boolean is true (null, strings, numbers are not).
inline bool truthy(const Value& v) { return v.is_bool() && v.as_bool(); }

//! The text of a single value (first element of a multivalue); empty for null.
std::string text_of(const Value& v);
//! A number read from a value the way eval functions read their arguments (nullopt: not one).
std::optional<double> number_of(const Value& v);

//! Three-way comparison with SPL's rule: numeric when both parse as numbers, else by bytes.
//! Returns <0, 0, >0.
int compare_scalars(std::string_view a, const double* an, std::string_view b, const double* bn);
//! `a op b` for comparison ops over possibly-multivalue operands (true if any pair matches);
//! null when either side is null.
Value compare_values(const Value& a, const Value& b, ast::BinaryOp op);

//! The regex for argument `i` of `n`: the precompiled one, or compiled now from the value.
//! Returns nullptr (and the caller yields null) when a runtime pattern does not compile.
const Regex* regex_arg(const Node& n, size_t i, Env& env, std::unique_ptr<Regex>& holder);

//! `a LIKE p` and like(a, p), one implementation: true when any value of `a` matches the SQL
//! LIKE pattern `p` (like_match), null when either side is null.
Value fn_like(const Node& n, Env& env);

//! The index of the first value of `v` (a single value is value 0) in which `re` finds a match;
//! nullopt when none does. match() and mvfind() both ask it.
std::optional<size_t> first_match(const Value& v, const Regex& re);

//! A function of the eval language.
struct FunctionDef {
    const char* name;
    int min_args;
    int max_args;  //!< -1: any number
    Node::Fn fn;
    //! Compile-time hook: precompile literal arguments, check literal options. May throw SplError.
    void (*prepare)(Node& node, const ast::Expr& call) = nullptr;
    //! Boolean: the result is always true, false or null (where/search may test it directly).
    enum class Yields : uint8_t { Any, Boolean } yields = Yields::Any;
    //! Reads fields its arguments do not name (as searchmatch() would read _raw), so field
    //! projection must keep every field when it is called. None of today's functions does.
    bool reads_other_fields = false;
};

void add_condition_functions(std::vector<FunctionDef>& out);
void add_string_functions(std::vector<FunctionDef>& out);
void add_multivalue_functions(std::vector<FunctionDef>& out);
void add_math_functions(std::vector<FunctionDef>& out);
void add_time_functions(std::vector<FunctionDef>& out);
void add_hash_functions(std::vector<FunctionDef>& out);

//! Looks a function up by lower-case name.
const FunctionDef* find_function(std::string_view lower_name);

//! prepare hook: argument 1 (the second) is a regex; precompile it when it is a literal.
void prepare_regex_arg1(Node& node, const ast::Expr& call);

//! Evaluates `body` once per value of `values` with field `name` bound to that value.
template <class F>
void for_each_bound(const Node& body, Env& env, std::string_view name, const Value& values, F&& f) {
    Env inner{env.event, env.now, name, nullptr};
    size_t n = values.mv_size();
    Value one;
    for (size_t i = 0; i < n; ++i) {
        one = values.is_multi() ? Value::string(values.multi_values()[i]) : values;
        inner.bound_value = &one;
        f(i, eval(body, inner));
    }
}

}  // namespace minispl::evalimpl
