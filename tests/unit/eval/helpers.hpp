#pragma once
// Test helpers: parse an eval expression, evaluate it against an event.
#include "minispl/core/diagnostic.hpp"
#include "minispl/eval/evaluator.hpp"
#include "minispl/parse/parser.hpp"

#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace evaltest {

using minispl::Event;
using minispl::Value;

//! 2023-11-14T22:13:20Z, a fixed "now" for time tests.
constexpr double kNow = 1700000000;

inline Event event(std::initializer_list<std::pair<const char*, Value>> fields) {
    Event e;
    for (const auto& [k, v] : fields) e.set(k, v);
    return e;
}

inline Value S(const char* s) { return Value::string(s); }
inline Value N(double d) { return Value::number(d); }
inline Value MV(std::vector<std::string> v) { return Value::multi(std::move(v)); }

inline Value ev(std::string_view expr, const Event& e = {}) {
    auto ast = minispl::parse_eval_expression(expr);
    minispl::Evaluator evaluator(*ast, minispl::EvalContext{kNow});
    return evaluator(e);
}

//! The result as text ("" for null), as a field would print.
inline std::string evs(std::string_view expr, const Event& e = {}) { return ev(expr, e).to_string(); }

inline bool where(std::string_view expr, const Event& e = {}) {
    auto ast = minispl::parse_eval_expression(expr);
    minispl::Evaluator evaluator(*ast, minispl::EvalContext{kNow});
    return evaluator.test(e);
}

inline bool is_null(std::string_view expr, const Event& e = {}) { return ev(expr, e).is_null(); }

//! The rule of the SplError building the evaluator throws ("" when it does not throw).
inline std::string compile_error(std::string_view expr, uint32_t* offset = nullptr) {
    auto ast = minispl::parse_eval_expression(expr);
    try {
        minispl::Evaluator evaluator(*ast);
    } catch (const minispl::SplError& e) {
        if (offset) *offset = e.diagnostic().offset;
        return e.diagnostic().rule;
    }
    return "";
}

}  // namespace evaltest
