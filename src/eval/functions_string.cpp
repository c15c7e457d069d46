// Text and conversion functions: len, lower, upper, trim, replace, substr, urldecode, tostring,
// tonumber, printf, spath.
#include "minispl/core/ascii.hpp"
#include "node.hpp"

#include "minispl/io/spath_path.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace minispl::evalimpl {
namespace {

size_t utf8_len(std::string_view s, size_t i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    return i + n <= s.size() ? n : 1;
}

//! Byte offsets of each character start (plus the end) of a UTF-8 string.
std::vector<size_t> char_starts(std::string_view s) {
    std::vector<size_t> out;
    for (size_t i = 0; i < s.size(); i += utf8_len(s, i)) out.push_back(i);
    out.push_back(s.size());
    return out;
}

//! Applies `f` to each value: a multivalue maps element-wise, a single value gives a single value.
template <class F>
Value map_text(const Value& v, F&& f) {
    if (v.is_null()) return Value();
    if (v.is_multi()) {
        std::vector<std::string> out;
        out.reserve(v.mv_size());
        for (const auto& s : v.multi_values()) out.push_back(f(std::string_view(s)));
        return Value::multi(std::move(out));
    }
    if (v.is_string()) return Value::string(f(std::string_view(v.str())));
    std::string t = v.to_string();
    return Value::string(f(std::string_view(t)));
}

Value fn_len(const Node& n, Env& env) {
    Value s;
    const Value& v = ref(n.args[0], env, s);
    if (v.is_null()) return Value();
    std::string t = text_of(v);
    size_t count = 0;
    for (size_t i = 0; i < t.size(); i += utf8_len(t, i)) ++count;
    return Value::number(static_cast<double>(count));
}

Value fn_lower(const Node& n, Env& env) {
    Value s;
    return map_text(ref(n.args[0], env, s), [](std::string_view t) { return lower(t); });
}

Value fn_upper(const Node& n, Env& env) {
    Value s;
    return map_text(ref(n.args[0], env, s), [](std::string_view t) { return upper(t); });
}

//! trim/ltrim/rtrim(X [, chars]): strip any of `chars` (default space and tab) from the ends.
template <bool Left, bool Right>
Value fn_trim(const Node& n, Env& env) {
    Value s1, s2;
    const Value& v = ref(n.args[0], env, s1);
    std::string chars = " \t";
    if (n.args.size() > 1) {
        const Value& c = ref(n.args[1], env, s2);
        if (c.is_null()) return Value();
        chars = text_of(c);
    }
    return map_text(v, [&](std::string_view t) {
        size_t b = 0, e = t.size();
        if (Left)
            while (b < e && chars.find(t[b]) != std::string::npos) ++b;
        if (Right)
            while (e > b && chars.find(t[e - 1]) != std::string::npos) --e;
        return std::string(t.substr(b, e - b));
    });
}

//! replace(X, regex, replacement): every match replaced; \1..\9 refer to groups.
Value fn_replace(const Node& n, Env& env) {
    Value s1, s3;
    const Value& v = ref(n.args[0], env, s1);
    const Value& r = ref(n.args[2], env, s3);
    if (v.is_null() || r.is_null()) return Value();
    std::unique_ptr<Regex> holder;
    const Regex* re = regex_arg(n, 1, env, holder);
    if (!re) return Value();
    std::string rep = text_of(r);
    return map_text(v, [&](std::string_view t) { return re->replace(t, rep); });
}

//! substr(X, start [, length]): 1-based; a negative start counts from the end.
Value fn_substr(const Node& n, Env& env) {
    Value s1, s2, s3;
    const Value& v = ref(n.args[0], env, s1);
    auto start = number_of(ref(n.args[1], env, s2));
    if (v.is_null() || !start) return Value();
    std::optional<double> len;
    if (n.args.size() > 2) {
        len = number_of(ref(n.args[2], env, s3));
        if (!len) return Value();
    }
    std::string t = text_of(v);
    auto starts = char_starts(t);
    long long nchars = static_cast<long long>(starts.size()) - 1;
    long long b = static_cast<long long>(*start);
    if (b < 0) b = nchars + b;  // -3: the last three characters
    else if (b > 0) b -= 1;
    if (b < 0) b = 0;
    if (b > nchars) b = nchars;
    long long e = nchars;
    if (len) {
        if (*len < 0) return Value::string("");
        e = std::min(nchars, b + static_cast<long long>(*len));
    }
    return Value::string(t.substr(starts[b], starts[e] - starts[b]));
}

int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

//! urldecode: %XX escapes and `+` as a space.
Value fn_urldecode(const Node& n, Env& env) {
    Value s;
    return map_text(ref(n.args[0], env, s), [](std::string_view t) {
        std::string o;
        o.reserve(t.size());
        for (size_t i = 0; i < t.size(); ++i) {
            if (t[i] == '%' && i + 2 < t.size() + 0 && hexval(t[i + 1]) >= 0 && hexval(t[i + 2]) >= 0) {
                o += static_cast<char>(hexval(t[i + 1]) * 16 + hexval(t[i + 2]));
                i += 2;
            } else if (t[i] == '+') {
                o += ' ';
            } else {
                o += t[i];
            }
        }
        return o;
    });
}

std::string with_commas(double x) {
    // Splunk: integers keep no decimals; other numbers are rounded to two decimals.
    bool integral = std::floor(x) == x;
    char buf[64];
    std::snprintf(buf, sizeof buf, integral ? "%.0f" : "%.2f", x);
    std::string s = buf;
    size_t neg = s[0] == '-' ? 1 : 0;
    size_t dot = s.find('.');
    size_t int_end = dot == std::string::npos ? s.size() : dot;
    std::string out = s.substr(0, neg);
    std::string digits = s.substr(neg, int_end - neg);
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    out += s.substr(int_end);
    return out;
}

std::string duration(double secs) {
    bool neg = secs < 0;
    secs = std::fabs(secs);
    long long whole = static_cast<long long>(std::floor(secs));
    double frac = secs - static_cast<double>(whole);
    long long days = whole / 86400, h = (whole / 3600) % 24, m = (whole / 60) % 60, s = whole % 60;
    char buf[80];
    if (days)
        std::snprintf(buf, sizeof buf, "%s%lld+%02lld:%02lld:%02lld", neg ? "-" : "", days, h, m, s);
    else
        std::snprintf(buf, sizeof buf, "%s%02lld:%02lld:%02lld", neg ? "-" : "", h, m, s);
    std::string out = buf;
    if (frac > 0) {
        std::snprintf(buf, sizeof buf, "%.6f", frac);
        out += buf + 1;  // ".500000"
    }
    return out;
}

//! tostring(X [, "hex"|"commas"|"duration"]); booleans print as True/False.
Value fn_tostring(const Node& n, Env& env) {
    Value s1, s2;
    const Value& v = ref(n.args[0], env, s1);
    if (v.is_null()) return Value();
    if (n.args.size() == 1) {
        if (v.is_bool()) return Value::string(v.as_bool() ? "True" : "False");
        if (v.is_multi()) return v;
        return Value::string(v.to_string());
    }
    const Value& f = ref(n.args[1], env, s2);
    const std::string fmt = lower(text_of(f));
    auto x = v.is_bool() ? std::nullopt : v.as_number();
    if (!x) return Value::string(text_of(v));
    if (fmt == "hex") {
        char buf[40];
        long long iv = static_cast<long long>(*x);
        if (iv < 0) std::snprintf(buf, sizeof buf, "-0x%llX", static_cast<unsigned long long>(-iv));
        else std::snprintf(buf, sizeof buf, "0x%llX", static_cast<unsigned long long>(iv));
        return Value::string(buf);
    }
    if (fmt == "commas") return Value::string(with_commas(*x));
    if (fmt == "duration") return Value::string(duration(*x));
    return Value::string(text_of(v));
}

//! tonumber(X [, base]): base 2..36 for integers; null when the text is not a number.
Value fn_tonumber(const Node& n, Env& env) {
    Value s1, s2;
    const Value& v = ref(n.args[0], env, s1);
    if (v.is_null()) return Value();
    if (v.is_number()) return v;
    int base = 10;
    if (n.args.size() > 1) {
        auto b = number_of(ref(n.args[1], env, s2));
        if (!b || *b < 2 || *b > 36) return Value();
        base = static_cast<int>(*b);
    }
    std::string t = text_of(v);
    size_t b = 0, e = t.size();
    while (b < e && std::isspace(static_cast<unsigned char>(t[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(t[e - 1]))) --e;
    t = t.substr(b, e - b);
    if (base == 10) {
        auto x = parse_number(t);
        return x ? Value::number(*x) : Value();
    }
    if (t.empty()) return Value();
    bool neg = false;
    size_t i = 0;
    if (t[0] == '-' || t[0] == '+') {
        neg = t[0] == '-';
        ++i;
    }
    if (base == 16 && t.size() > i + 2 && t[i] == '0' && (t[i + 1] == 'x' || t[i + 1] == 'X')) i += 2;
    if (i >= t.size()) return Value();
    double acc = 0;
    for (; i < t.size(); ++i) {
        char c = ascii_lower(t[i]);
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : 99;
        if (d >= base) return Value();
        acc = acc * base + d;
    }
    return Value::number(neg ? -acc : acc);
}

//! printf(format, args...): C-style %s %d %i %u %f %e %g %x %X %o %c %% with flags, width, precision.
Value fn_printf(const Node& n, Env& env) {
    Value s;
    const Value& f = ref(n.args[0], env, s);
    if (f.is_null()) return Value();
    std::string fmt = text_of(f), out;
    size_t argi = 1;
    for (size_t i = 0; i < fmt.size(); ++i) {
        if (fmt[i] != '%') {
            out += fmt[i];
            continue;
        }
        if (i + 1 < fmt.size() && fmt[i + 1] == '%') {
            out += '%';
            ++i;
            continue;
        }
        size_t j = i + 1;
        while (j < fmt.size() && std::strchr("-+ #0'", fmt[j])) ++j;
        while (j < fmt.size() && (std::isdigit(static_cast<unsigned char>(fmt[j])) || fmt[j] == '.')) ++j;
        while (j < fmt.size() && std::strchr("hlLqjzt", fmt[j])) ++j;
        if (j >= fmt.size()) {
            out += fmt.substr(i);
            break;
        }
        char conv = fmt[j];
        std::string spec = fmt.substr(i, j - i);
        spec.erase(std::remove_if(spec.begin() + 1, spec.end(), [](char c) { return std::strchr("hlLqjzt'", c); }),
                   spec.end());
        Value arg = argi < n.args.size() ? eval(n.args[argi++], env) : Value();
        char buf[512];
        switch (conv) {
            case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': case 'c': {
                double x = number_of(arg).value_or(0);
                std::snprintf(buf, sizeof buf, (spec + "ll" + conv).c_str(), static_cast<long long>(x));
                break;
            }
            case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A': {
                double x = number_of(arg).value_or(0);
                std::snprintf(buf, sizeof buf, (spec + conv).c_str(), x);
                break;
            }
            case 's': {
                std::string t = arg.is_bool() ? (arg.as_bool() ? "True" : "False") : text_of(arg);
                std::snprintf(buf, sizeof buf, (spec + 's').c_str(), t.c_str());
                break;
            }
            default:
                std::snprintf(buf, sizeof buf, "%s%c", spec.c_str(), conv);
        }
        out += buf;
        i = j;
    }
    return Value::string(std::move(out));
}

// ---- spath(json, path) ---------------------------------------------------------------------

Value fn_spath(const Node& n, Env& env) {
    Value s1, s2;
    const Value& v = ref(n.args[0], env, s1);
    const Value& p = ref(n.args[1], env, s2);
    if (v.is_null() || p.is_null()) return Value();
    // the spath command's path syntax and walker (io/spath_path.hpp); a malformed path finds nothing
    std::string error;
    const auto path = SpathPath::parse(text_of(p), error);
    if (!path) return Value();
    std::vector<std::string> out;
    spath_values(text_of(v), *path, out);
    return Value::multi(std::move(out));
}

}  // namespace

void add_string_functions(std::vector<FunctionDef>& out) {
    out.push_back({"len", 1, 1, fn_len});
    out.push_back({"lower", 1, 1, fn_lower});
    out.push_back({"upper", 1, 1, fn_upper});
    out.push_back({"trim", 1, 2, fn_trim<true, true>});
    out.push_back({"ltrim", 1, 2, fn_trim<true, false>});
    out.push_back({"rtrim", 1, 2, fn_trim<false, true>});
    out.push_back({"replace", 3, 3, fn_replace, prepare_regex_arg1});
    out.push_back({"substr", 2, 3, fn_substr});
    out.push_back({"urldecode", 1, 1, fn_urldecode});
    out.push_back({"tostring", 1, 2, fn_tostring});
    out.push_back({"tonumber", 1, 2, fn_tonumber});
    out.push_back({"printf", 1, -1, fn_printf});
    out.push_back({"spath", 2, 2, fn_spath});
}

}  // namespace minispl::evalimpl
