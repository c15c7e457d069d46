// Comparison, conditional and informational functions: if, case, coalesce, isnull, like, match, ...
#include "minispl/eval/cidr.hpp"
#include "minispl/eval/like.hpp"
#include "node.hpp"

#include <cmath>
#include <cstring>

namespace minispl::evalimpl {

Value fn_like(const Node& n, Env& env) {
    Value s1, s2;
    const Value& a = ref(n.args[0], env, s1);
    const Value& p = ref(n.args[1], env, s2);
    if (a.is_null() || p.is_null()) return Value();
    std::string owned;
    std::string_view pattern = p.is_string() ? std::string_view(p.str()) : std::string_view(owned = text_of(p));
    for (size_t i = 0; i < a.mv_size(); ++i)
        if (like_match(a.is_multi() ? std::string_view(a.multi_values()[i])
                                    : a.is_string() ? std::string_view(a.str()) : std::string_view(text_of(a)),
                       pattern))
            return Value::boolean(true);
    return Value::boolean(false);
}

namespace {

Value fn_if(const Node& n, Env& env) {
    Value s;
    return truthy(ref(n.args[0], env, s)) ? eval(n.args[1], env) : eval(n.args[2], env);
}

//! case(c1, v1, c2, v2, ...): the value of the first true condition; null when none is.
Value fn_case(const Node& n, Env& env) {
    Value s;
    for (size_t i = 0; i + 1 < n.args.size(); i += 2)
        if (truthy(ref(n.args[i], env, s))) return eval(n.args[i + 1], env);
    return Value();
}

Value fn_coalesce(const Node& n, Env& env) {
    for (const auto& a : n.args) {
        Value v = eval(a, env);
        if (!v.is_null()) return v;
    }
    return Value();
}

Value fn_isnull(const Node& n, Env& env) {
    Value s;
    return Value::boolean(ref(n.args[0], env, s).is_null());
}

Value fn_isnotnull(const Node& n, Env& env) {
    Value s;
    return Value::boolean(!ref(n.args[0], env, s).is_null());
}

Value fn_null(const Node&, Env&) { return Value(); }
Value fn_true(const Node&, Env&) { return Value::boolean(true); }
Value fn_false(const Node&, Env&) { return Value::boolean(false); }

//! nullif(a, b): null when a equals b, else a.
Value fn_nullif(const Node& n, Env& env) {
    Value a = eval(n.args[0], env);
    Value s;
    const Value& b = ref(n.args[1], env, s);
    if (truthy(compare_values(a, b, ast::BinaryOp::Eq))) return Value();
    return a;
}

//! validate(c1, s1, c2, s2, ...): the string of the first condition that is false; null if all hold.
Value fn_validate(const Node& n, Env& env) {
    Value s;
    for (size_t i = 0; i + 1 < n.args.size(); i += 2)
        if (!truthy(ref(n.args[i], env, s))) return eval(n.args[i + 1], env);
    return Value();
}

//! in(x, a, b, ...): the function form of `x IN (a, b, ...)`.
Value fn_in(const Node& n, Env& env) {
    Value s1, s2;
    const Value& a = ref(n.args[0], env, s1);
    if (a.is_null()) return Value::boolean(false);
    for (size_t i = 1; i < n.args.size(); ++i)
        if (truthy(compare_values(a, ref(n.args[i], env, s2), ast::BinaryOp::Eq))) return Value::boolean(true);
    return Value::boolean(false);
}

//! match(subject, regex): an unanchored search; true if any value of a multivalue matches.
Value fn_match(const Node& n, Env& env) {
    Value s;
    const Value& a = ref(n.args[0], env, s);
    if (a.is_null()) return Value();
    std::unique_ptr<Regex> holder;
    const Regex* re = regex_arg(n, 1, env, holder);
    if (!re) return Value();
    return Value::boolean(first_match(a, *re).has_value());
}

// ---- cidrmatch ----------------------------------------------------------------------------

//! cidrmatch("10.0.0.0/8", ip): true when ip lies in the subnet (any value of a multivalue).
Value fn_cidrmatch(const Node& n, Env& env) {
    Value s1, s2;
    const Value& c = ref(n.args[0], env, s1);
    const Value& ip = ref(n.args[1], env, s2);
    if (c.is_null() || ip.is_null()) return Value();
    std::string cidr = text_of(c);
    for (size_t i = 0; i < ip.mv_size(); ++i)
        if (cidr_contains(cidr, ip.is_multi() ? std::string_view(ip.multi_values()[i]) : text_of(ip)))
            return Value::boolean(true);
    return Value::boolean(false);
}

// ---- informational ------------------------------------------------------------------------

Value fn_isnum(const Node& n, Env& env) {
    Value s;
    const Value& v = ref(n.args[0], env, s);
    return Value::boolean(!v.is_null() && !v.is_bool() && v.as_number().has_value());
}

Value fn_isint(const Node& n, Env& env) {
    Value s;
    const Value& v = ref(n.args[0], env, s);
    if (v.is_null() || v.is_bool()) return Value::boolean(false);
    auto x = v.as_number();
    return Value::boolean(x && std::floor(*x) == *x && std::isfinite(*x));
}

//! isstr: a string that does not read as a number (field values like "42" are numbers to eval).
Value fn_isstr(const Node& n, Env& env) {
    Value s;
    const Value& v = ref(n.args[0], env, s);
    return Value::boolean((v.is_string() || v.is_multi()) && !v.as_number());
}

Value fn_isbool(const Node& n, Env& env) {
    Value s;
    return Value::boolean(ref(n.args[0], env, s).is_bool());
}

//! typeof: "Number", "String", "Boolean", or "Invalid" for null (Splunk's names).
Value fn_typeof(const Node& n, Env& env) {
    Value s;
    const Value& v = ref(n.args[0], env, s);
    switch (v.type()) {
        case Value::Type::Null: return Value::string("Invalid");
        case Value::Type::Bool: return Value::string("Boolean");
        case Value::Type::Number: return Value::string("Number");
        case Value::Type::Multi: return Value::string("Multivalue");
        default: return Value::string(v.as_number() ? "Number" : "String");
    }
}

void prepare_pairs(Node& node, const ast::Expr& call) {
    if (node.args.size() % 2 != 0)
        throw SplError("function-arity", node.name + "() takes condition/value pairs (an even number of arguments)",
                       call.span.begin, std::max<uint32_t>(1, call.span.end - call.span.begin));
}

}  // namespace

void add_condition_functions(std::vector<FunctionDef>& out) {
    constexpr auto Boolean = FunctionDef::Yields::Boolean;
    out.push_back({"if", 3, 3, fn_if});
    out.push_back({"case", 2, -1, fn_case, prepare_pairs});
    out.push_back({"coalesce", 1, -1, fn_coalesce});
    out.push_back({"isnull", 1, 1, fn_isnull, nullptr, Boolean});
    out.push_back({"isnotnull", 1, 1, fn_isnotnull, nullptr, Boolean});
    out.push_back({"null", 0, 0, fn_null});
    out.push_back({"true", 0, 0, fn_true, nullptr, Boolean});
    out.push_back({"false", 0, 0, fn_false, nullptr, Boolean});
    out.push_back({"nullif", 2, 2, fn_nullif});
    out.push_back({"validate", 2, -1, fn_validate, prepare_pairs});
    out.push_back({"in", 1, -1, fn_in, nullptr, Boolean});
    out.push_back({"like", 2, 2, fn_like, nullptr, Boolean});
    out.push_back({"match", 2, 2, fn_match, prepare_regex_arg1, Boolean});
    out.push_back({"cidrmatch", 2, 2, fn_cidrmatch, nullptr, Boolean});
    out.push_back({"isnum", 1, 1, fn_isnum, nullptr, Boolean});
    out.push_back({"isint", 1, 1, fn_isint, nullptr, Boolean});
    out.push_back({"isstr", 1, 1, fn_isstr, nullptr, Boolean});
    out.push_back({"isbool", 1, 1, fn_isbool, nullptr, Boolean});
    out.push_back({"typeof", 1, 1, fn_typeof});
}

}  // namespace minispl::evalimpl
