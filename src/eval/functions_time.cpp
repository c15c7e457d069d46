// Time functions: now, time, relative_time, strftime, strptime.
#include "minispl/eval/time_format.hpp"
#include "minispl/eval/time_modifier.hpp"
#include "node.hpp"

#include <chrono>
#include <cmath>

namespace minispl::evalimpl {
namespace {

Value fn_now(const Node&, Env& env) { return Value::number(env.now); }

//! time(): the wall clock when the function runs (microsecond resolution).
Value fn_time(const Node&, Env&) {
    using namespace std::chrono;
    auto us = duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
    return Value::number(static_cast<double>(us) / 1e6);
}

std::optional<double> time_arg(const Node& n, size_t i, Env& env) {
    Value s;
    const Value& v = ref(n.args[i], env, s);
    if (v.is_null() || v.is_bool()) return std::nullopt;
    return v.as_number();
}

Value fn_relative_time(const Node& n, Env& env) {
    auto t = time_arg(n, 0, env);
    Value s;
    const Value& m = ref(n.args[1], env, s);
    if (!t || m.is_null()) return Value();
    auto r = apply_time_modifier(text_of(m), *t);
    return r ? Value::number(*r) : Value();
}

Value fn_strftime(const Node& n, Env& env) {
    auto t = time_arg(n, 0, env);
    Value s;
    const Value& f = ref(n.args[1], env, s);
    if (!t || f.is_null() || !std::isfinite(*t)) return Value();
    return Value::string(format_time(*t, f.is_string() ? std::string_view(f.str()) : text_of(f)));
}

Value fn_strptime(const Node& n, Env& env) {
    Value s1, s2;
    const Value& v = ref(n.args[0], env, s1);
    const Value& f = ref(n.args[1], env, s2);
    if (v.is_null() || f.is_null()) return Value();
    auto r = parse_time(text_of(v), text_of(f));
    return r ? Value::number(*r) : Value();
}

}  // namespace

void add_time_functions(std::vector<FunctionDef>& out) {
    out.push_back({"now", 0, 0, fn_now});
    out.push_back({"time", 0, 0, fn_time});
    out.push_back({"relative_time", 2, 2, fn_relative_time});
    out.push_back({"strftime", 2, 2, fn_strftime});
    out.push_back({"strptime", 2, 2, fn_strptime});
}

}  // namespace minispl::evalimpl
