#include "minispl/eval/wildcard.hpp"

#include <cctype>

namespace minispl {

namespace {

bool char_eq(char a, char b, bool caseless) {
    if (a == b) return true;
    return caseless && std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
}

// Greedy glob match with single-star backtracking: linear in practice, no recursion.
bool glob(std::string_view p, std::string_view t, bool caseless) {
    size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
    while (ti < t.size()) {
        if (pi < p.size() && p[pi] == '*') {
            star = pi++;
            mark = ti;
        } else if (pi < p.size() && char_eq(p[pi], t[ti], caseless)) {
            ++pi;
            ++ti;
        } else if (star != std::string_view::npos) {
            pi = star + 1;
            ti = ++mark;
        } else {
            return false;
        }
    }
    while (pi < p.size() && p[pi] == '*') ++pi;
    return pi == p.size();
}

bool captures_rec(std::string_view p, std::string_view t, std::vector<std::string>& out) {
    if (p.empty()) return t.empty();
    if (p[0] == '*') {
        for (size_t n = 0; n <= t.size(); ++n) {
            out.emplace_back(t.substr(0, n));
            if (captures_rec(p.substr(1), t.substr(n), out)) return true;
            out.pop_back();
        }
        return false;
    }
    if (t.empty() || p[0] != t[0]) return false;
    return captures_rec(p.substr(1), t.substr(1), out);
}

}  // namespace

bool has_wildcard(std::string_view pattern) { return pattern.find('*') != std::string_view::npos; }

bool wildcard_match(std::string_view pattern, std::string_view text, bool caseless) {
    if (!has_wildcard(pattern)) {
        if (pattern.size() != text.size()) return false;
        for (size_t i = 0; i < text.size(); ++i)
            if (!char_eq(pattern[i], text[i], caseless)) return false;
        return true;
    }
    return glob(pattern, text, caseless);
}

bool wildcard_contains(std::string_view pattern, std::string_view text, bool caseless) {
    std::string p;
    p.reserve(pattern.size() + 2);
    p += '*';
    p += pattern;
    p += '*';
    return glob(p, text, caseless);
}

bool is_segment_breaker(char c) {
    switch (c) {
        // major
        case ' ': case '\t': case '\n': case '\r': case '[': case ']': case '<': case '>': case '(': case ')':
        case '{': case '}': case '|': case '!': case ';': case ',': case '\'': case '"': case '*': case '&':
        case '?': case '+':
        // minor
        case '/': case ':': case '=': case '@': case '.': case '-': case '$': case '#': case '%': case '\\':
        case '_':
            return true;
        default:
            return false;
    }
}

namespace {

bool boundary_before(std::string_view t, size_t i) { return i == 0 || is_segment_breaker(t[i - 1]) || is_segment_breaker(t[i]); }
bool boundary_after(std::string_view t, size_t i) { return i == t.size() || is_segment_breaker(t[i]) || is_segment_breaker(t[i - 1]); }

// Does term[pi..] match text[ti..e) for some e on a boundary?
bool term_rest(std::string_view p, size_t pi, std::string_view t, size_t ti, bool caseless) {
    while (pi < p.size() && p[pi] != '*') {
        if (ti >= t.size() || !char_eq(p[pi], t[ti], caseless)) return false;
        ++pi, ++ti;
    }
    if (pi == p.size()) return ti > 0 && boundary_after(t, ti);
    while (pi < p.size() && p[pi] == '*') ++pi;
    if (pi == p.size()) return true;  // a trailing * ends anywhere
    for (size_t k = ti; k <= t.size(); ++k)
        if (term_rest(p, pi, t, k, caseless)) return true;
    return false;
}

}  // namespace

bool term_match(std::string_view term, std::string_view text, bool caseless) {
    if (term.empty()) return true;
    if (term.front() == '*') return term_rest(term, 0, text, 0, caseless);  // starts anywhere
    for (size_t s = 0; s < text.size(); ++s) {
        if (!char_eq(term.front(), text[s], caseless) || !boundary_before(text, s)) continue;
        if (term_rest(term, 0, text, s, caseless)) return true;
    }
    return false;
}

std::optional<std::vector<std::string>> wildcard_captures(std::string_view pattern, std::string_view text) {
    std::vector<std::string> out;
    if (!captures_rec(pattern, text, out)) return std::nullopt;
    return out;
}

std::string wildcard_substitute(std::string_view pattern, const std::vector<std::string>& captures) {
    std::string out;
    size_t k = 0;
    for (char c : pattern) {
        if (c == '*') {
            if (k < captures.size()) out += captures[k];
            ++k;
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace minispl
