#pragma once
// Reading `key=value` command options: case-insensitive keys, Splunk's boolean spellings.
#include "minispl/core/ascii.hpp"
#include "minispl/core/diagnostic.hpp"
#include "minispl/parse/ast.hpp"

#include <cctype>
#include <cstdint>
#include <string>

namespace minispl::opt {

using minispl::lower;

//! Without leading and trailing spaces, tabs, CRs and newlines.
inline std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

//! Splunk's lenient "true": t, true, 1, yes (any case); anything else is false.
inline bool truthy(const std::string& v) {
    std::string l = lower(v);
    return l == "t" || l == "true" || l == "1" || l == "yes";
}

//! `true/t/1/yes` or `false/f/0/no` (any case); throws SplError(rule) otherwise.
inline bool to_bool(const ast::Option& o, const char* rule) {
    std::string v = lower(o.value);
    if (v == "true" || v == "t" || v == "1" || v == "yes") return true;
    if (v == "false" || v == "f" || v == "0" || v == "no") return false;
    throw SplError(rule, o.key + "= wants true or false, got \"" + o.value + "\"", o.value_span.begin,
                   std::max<uint32_t>(1, o.value_span.end - o.value_span.begin));
}

//! A non-negative integer option; throws SplError(rule) otherwise.
inline int64_t to_count(const ast::Option& o, const char* rule) {
    try {
        size_t used = 0;
        long long n = std::stoll(o.value, &used);
        if (used == o.value.size() && n >= 0) return n;
    } catch (...) {
    }
    throw SplError(rule, o.key + "= wants a non-negative integer, got \"" + o.value + "\"", o.value_span.begin,
                   std::max<uint32_t>(1, o.value_span.end - o.value_span.begin));
}

[[noreturn]] inline void unknown(const ast::Option& o, const char* rule) {
    throw SplError(rule, std::string("unknown option for ") + rule + ": " + o.key, o.span.begin,
                   std::max<uint32_t>(1, o.span.end - o.span.begin));
}

}  // namespace minispl::opt
