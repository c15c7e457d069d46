// Mathematical and statistical functions: abs, ceil, floor, round, sqrt, pow, exp, ln, log,
// pi, random, exact, sigfig, min, max, trigonometry.
#include "node.hpp"

#include <cmath>
#include <random>

namespace minispl::evalimpl {
namespace {

//! A number argument; nullopt for null, multivalues and non-numbers (the function yields null).
std::optional<double> num_arg(const Node& n, size_t i, Env& env) {
    Value s;
    const Value& v = ref(n.args[i], env, s);
    if (v.is_null() || v.is_multi() || v.is_bool()) return std::nullopt;
    return v.as_number();
}

Value finite(double x) { return std::isnan(x) ? Value() : Value::number(x); }

template <double (*F)(double)>
Value unary(const Node& n, Env& env) {
    auto x = num_arg(n, 0, env);
    return x ? finite(F(*x)) : Value();
}

double d_abs(double x) { return std::fabs(x); }
double d_ceil(double x) { return std::ceil(x); }
double d_floor(double x) { return std::floor(x); }
double d_sqrt(double x) { return x < 0 ? NAN : std::sqrt(x); }
double d_exp(double x) { return std::exp(x); }
double d_ln(double x) { return x <= 0 ? NAN : std::log(x); }
double d_exact(double x) { return x; }
double d_sin(double x) { return std::sin(x); }
double d_cos(double x) { return std::cos(x); }
double d_tan(double x) { return std::tan(x); }
double d_asin(double x) { return std::asin(x); }
double d_acos(double x) { return std::acos(x); }
double d_atan(double x) { return std::atan(x); }
double d_sinh(double x) { return std::sinh(x); }
double d_cosh(double x) { return std::cosh(x); }
double d_tanh(double x) { return std::tanh(x); }
double d_asinh(double x) { return std::asinh(x); }
double d_acosh(double x) { return std::acosh(x); }
double d_atanh(double x) { return std::atanh(x); }

//! round(X [, digits]): half away from zero.
Value fn_round(const Node& n, Env& env) {
    auto x = num_arg(n, 0, env);
    if (!x) return Value();
    double digits = 0;
    if (n.args.size() > 1) {
        auto d = num_arg(n, 1, env);
        if (!d) return Value();
        digits = std::trunc(*d);
    }
    double scale = std::pow(10.0, digits);
    // Scale through a decimal string so 2.675 (really 2.67499999...) rounds the way it prints.
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", *x * scale);
    double r = std::round(std::strtod(buf, nullptr)) / scale;
    return Value::number(r);
}

Value fn_pow(const Node& n, Env& env) {
    auto x = num_arg(n, 0, env), y = num_arg(n, 1, env);
    return x && y ? finite(std::pow(*x, *y)) : Value();
}

//! log(X [, base]): base 10 by default.
Value fn_log(const Node& n, Env& env) {
    auto x = num_arg(n, 0, env);
    if (!x || *x <= 0) return Value();
    double base = 10;
    if (n.args.size() > 1) {
        auto b = num_arg(n, 1, env);
        if (!b || *b <= 0 || *b == 1) return Value();
        base = *b;
    }
    return finite(std::log(*x) / std::log(base));
}

Value fn_atan2(const Node& n, Env& env) {
    auto y = num_arg(n, 0, env), x = num_arg(n, 1, env);
    return x && y ? finite(std::atan2(*y, *x)) : Value();
}

Value fn_hypot(const Node& n, Env& env) {
    auto x = num_arg(n, 0, env), y = num_arg(n, 1, env);
    return x && y ? finite(std::hypot(*x, *y)) : Value();
}

Value fn_pi(const Node&, Env&) { return Value::number(M_PI); }

//! random(): a pseudo-random integer from 0 to 2^31-1.
Value fn_random(const Node&, Env&) {
    thread_local std::mt19937 gen{std::random_device{}()};
    return Value::number(static_cast<double>(gen() & 0x7fffffffu));
}

//! sigfig(X): X rounded to the significant figures it was written with (approximation:
//! 15 significant digits, which removes floating-point noise).
Value fn_sigfig(const Node& n, Env& env) {
    auto x = num_arg(n, 0, env);
    if (!x) return Value();
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", *x);
    return Value::number(std::strtod(buf, nullptr));
}

//! min/max over all arguments' values: numbers compare numerically and sort before strings;
//! strings compare lexicographically. The winning value is returned as it was.
template <bool Max>
Value fn_minmax(const Node& n, Env& env) {
    Value best;
    std::optional<double> best_num;
    std::string best_text;
    bool have = false;
    Value s;
    auto consider = [&](const Value& whole, size_t i) {
        Value cand = whole.is_multi() ? Value::string(whole.multi_values()[i]) : whole;
        std::optional<double> num = cand.is_bool() ? std::nullopt : cand.as_number();
        std::string text = num ? std::string() : cand.to_string();
        bool better;
        if (!have) better = true;
        else if (num && best_num) better = Max ? *num > *best_num : *num < *best_num;
        else if (num != std::nullopt) better = !Max;  // number < string
        else if (best_num) better = Max;
        else better = Max ? text > best_text : text < best_text;
        if (better) {
            best = std::move(cand);
            best_num = num;
            best_text = std::move(text);
            have = true;
        }
    };
    for (const auto& a : n.args) {
        const Value& v = ref(a, env, s);
        for (size_t i = 0; i < v.mv_size(); ++i) consider(v, i);
    }
    return best;
}

}  // namespace

void add_math_functions(std::vector<FunctionDef>& out) {
    out.push_back({"abs", 1, 1, unary<d_abs>});
    out.push_back({"ceil", 1, 1, unary<d_ceil>});
    out.push_back({"ceiling", 1, 1, unary<d_ceil>});
    out.push_back({"floor", 1, 1, unary<d_floor>});
    out.push_back({"round", 1, 2, fn_round});
    out.push_back({"sqrt", 1, 1, unary<d_sqrt>});
    out.push_back({"pow", 2, 2, fn_pow});
    out.push_back({"exp", 1, 1, unary<d_exp>});
    out.push_back({"ln", 1, 1, unary<d_ln>});
    out.push_back({"log", 1, 2, fn_log});
    out.push_back({"exact", 1, 1, unary<d_exact>});
    out.push_back({"sigfig", 1, 1, fn_sigfig});
    out.push_back({"pi", 0, 0, fn_pi});
    out.push_back({"random", 0, 0, fn_random});
    out.push_back({"min", 1, -1, fn_minmax<false>});
    out.push_back({"max", 1, -1, fn_minmax<true>});
    out.push_back({"sin", 1, 1, unary<d_sin>});
    out.push_back({"cos", 1, 1, unary<d_cos>});
    out.push_back({"tan", 1, 1, unary<d_tan>});
    out.push_back({"asin", 1, 1, unary<d_asin>});
    out.push_back({"acos", 1, 1, unary<d_acos>});
    out.push_back({"atan", 1, 1, unary<d_atan>});
    out.push_back({"atan2", 2, 2, fn_atan2});
    out.push_back({"sinh", 1, 1, unary<d_sinh>});
    out.push_back({"cosh", 1, 1, unary<d_cosh>});
    out.push_back({"tanh", 1, 1, unary<d_tanh>});
    out.push_back({"asinh", 1, 1, unary<d_asinh>});
    out.push_back({"acosh", 1, 1, unary<d_acosh>});
    out.push_back({"atanh", 1, 1, unary<d_atanh>});
    out.push_back({"hypot", 2, 2, fn_hypot});
}

}  // namespace minispl::evalimpl
