#include "minispl/macros/expander.hpp"

#include <algorithm>
#include <functional>

namespace minispl {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// End (one past the closing quote) of the double-quoted string opening at `i`; `\x` escapes
// are skipped so `\"` does not close it. An unterminated string runs to the end.
size_t skip_string(std::string_view t, size_t i) {
    size_t j = i + 1;
    while (j < t.size()) {
        if (t[j] == '\\') j += 2;
        else if (t[j] == '"') return j + 1;
        else ++j;
    }
    return t.size();
}

//! Walks SPL text the way the macro expander sees it: double-quoted strings are opaque,
//! ``` comments are dropped, `...` is a macro call. Reports copied runs and calls in order.
struct Scanner {
    std::function<void(size_t, size_t)> copy;                        //!< [begin,end) copied verbatim
    std::function<void(size_t, size_t)> call;                        //!< [begin,end) incl. backticks
    std::function<void(std::string, std::string, size_t, size_t)> problem;  //!< rule, message, range

    void run(std::string_view t) const {
        size_t run_start = 0, i = 0, n = t.size();
        auto flush = [&](size_t end) {
            if (end > run_start) copy(run_start, end);
        };
        while (i < n) {
            char c = t[i];
            if (c == '\\') {  // `\"` outside a string is a literal quote, not a string opener
                i = std::min(n, i + 2);
            } else if (c == '"') {
                i = skip_string(t, i);
            } else if (c == '`' && t.substr(i, 3) == "```") {
                flush(i);
                size_t close = t.find("```", i + 3);
                size_t end = close == std::string_view::npos ? n : close + 3;
                if (close == std::string_view::npos)
                    problem("unterminated-comment", "``` comment is never closed", i, 3);
                run_start = i = end;
            } else if (c == '`') {
                // The closing backtick, looking through quoted arguments like ("a`b").
                size_t j = i + 1;
                while (j < n && t[j] != '`') j = t[j] == '"' ? skip_string(t, j) : j + 1;
                if (j >= n) j = t.find('`', i + 1);
                if (j == std::string_view::npos) {
                    problem("macro-syntax", "macro call is missing its closing backtick", i, 1);
                    i = n;
                    break;
                }
                flush(i);
                call(i, j + 1);
                run_start = i = j + 1;
            } else {
                ++i;
            }
        }
        flush(n);
    }
};

//! A parsed call: `name` or `name(arg, ...)`.
struct Call {
    std::string name;
    std::vector<std::string> args;
    bool ok = true;
};

Call parse_call(std::string_view inner) {
    Call c;
    inner = trim(inner);
    size_t open = inner.find('(');
    if (open == std::string_view::npos) {
        c.name = std::string(inner);
    } else {
        c.name = std::string(trim(inner.substr(0, open)));
        if (inner.back() != ')') {
            c.ok = false;
            return c;
        }
        std::string_view body = inner.substr(open + 1, inner.size() - open - 2);
        if (trim(body).empty()) return c;
        // Split on commas outside quotes and brackets.
        int depth = 0;
        size_t start = 0;
        for (size_t i = 0; i < body.size(); ++i) {
            char ch = body[i];
            if (ch == '"') {
                i = skip_string(body, i) - 1;
            } else if (ch == '\\') {
                ++i;
            } else if (ch == '(' || ch == '[' || ch == '{') {
                ++depth;
            } else if ((ch == ')' || ch == ']' || ch == '}') && depth > 0) {
                --depth;
            } else if (ch == ',' && depth == 0) {
                c.args.emplace_back(trim(body.substr(start, i - start)));
                start = i + 1;
            }
        }
        c.args.emplace_back(trim(body.substr(start)));
    }
    if (c.name.empty()) c.ok = false;
    for (char ch : c.name)
        if (is_space(ch) || ch == '"' || ch == '(' || ch == ')') c.ok = false;
    return c;
}

// `$name$` → argument text, textually; `$$` and unknown `$x$` stay as they are.
std::string substitute(const std::string& def, const std::vector<std::string>& names,
                       const std::vector<std::string>& values) {
    std::string out;
    out.reserve(def.size());
    for (size_t i = 0; i < def.size();) {
        if (def[i] != '$') {
            out += def[i++];
            continue;
        }
        bool matched = false;
        for (size_t k = 0; k < names.size() && k < values.size(); ++k) {
            const std::string& nm = names[k];
            if (!nm.empty() && def.compare(i + 1, nm.size(), nm) == 0 && i + 1 + nm.size() < def.size() &&
                def[i + 1 + nm.size()] == '$') {
                out += values[k];
                i += nm.size() + 2;
                matched = true;
                break;
            }
        }
        if (matched) continue;
        if (i + 1 < def.size() && def[i + 1] == '$') {
            out += "$$";
            i += 2;
        } else {
            out += def[i++];
        }
    }
    return out;
}

std::string key_of(const std::string& name, size_t arity) {
    return arity == 0 ? name : name + "(" + std::to_string(arity) + ")";
}

//! One expansion run: the table, the options and where diagnostics go.
class Expander {
public:
    Expander(const MacroTable& t, const ExpandOptions& o, Expansion& e) : table_(t), opts_(o), out_(e) {}

    void expand_top(std::string_view src) {
        std::string& text = out_.text;
        Scanner s;
        s.copy = [&](size_t b, size_t e) {
            SourceMap::Segment seg;
            seg.out_begin = static_cast<uint32_t>(text.size());
            text.append(src.substr(b, e - b));
            seg.out_end = static_cast<uint32_t>(text.size());
            seg.src_begin = static_cast<uint32_t>(b);
            seg.src_end = static_cast<uint32_t>(e);
            out_.map.add(std::move(seg));
        };
        s.call = [&](size_t b, size_t e) {
            origin_b_ = b;
            origin_len_ = e - b;
            bool expanded = false;
            std::string name;
            std::string body = expand_call(src.substr(b + 1, e - b - 2), src.substr(b, e - b), 1, expanded, name);
            if (!expanded) {  // left as written: copied one to one
                s.copy(b, e);
                return;
            }
            if (body.empty()) return;
            SourceMap::Segment seg;
            seg.out_begin = static_cast<uint32_t>(text.size());
            text += body;
            seg.out_end = static_cast<uint32_t>(text.size());
            seg.src_begin = static_cast<uint32_t>(b);
            seg.src_end = static_cast<uint32_t>(e);
            seg.from_macro = true;
            seg.macro = name;
            out_.map.add(std::move(seg));
        };
        s.problem = [&](std::string rule, std::string msg, size_t b, size_t len) {
            report(rule, Severity::Error, msg, b, len);
        };
        s.run(src);
    }

private:
    // Expansion of a macro body: comments stripped, nested calls expanded.
    std::string expand_text(std::string_view t, size_t depth) {
        std::string res;
        Scanner s;
        s.copy = [&](size_t b, size_t e) { res.append(t.substr(b, e - b)); };
        s.call = [&](size_t b, size_t e) {
            bool expanded = false;
            std::string name;
            std::string body = expand_call(t.substr(b + 1, e - b - 2), t.substr(b, e - b), depth, expanded, name);
            res += expanded ? body : std::string(t.substr(b, e - b));
        };
        s.problem = [&](std::string rule, std::string msg, size_t, size_t) {
            report(rule, Severity::Error, msg + " (inside macro `" + stack_.back() + "`)", origin_b_, origin_len_);
        };
        s.run(t);
        return res;
    }

    // Expands one call (`inner` without backticks). `expanded` false: leave the call text as is.
    std::string expand_call(std::string_view inner, std::string_view whole, size_t depth, bool& expanded,
                            std::string& name_out) {
        Call c = parse_call(inner);
        name_out = c.name;
        std::string where = stack_.empty() ? "" : " (inside macro `" + stack_.back() + "`)";
        auto fail = [&](const char* rule, Severity sev, std::string msg) {
            report(rule, sev, msg + where, origin_b_, origin_len_);
            expanded = opts_.drop_unknown;
            return std::string();
        };
        if (!c.ok) return fail("macro-syntax", Severity::Error, "malformed macro call " + std::string(whole));
        if (const Macro* m = table_.find(c.name, c.args.size())) {
            std::string key = key_of(c.name, c.args.size());
            if (std::find(stack_.begin(), stack_.end(), key) != stack_.end()) {
                std::string chain;
                for (auto& k : stack_) chain += k + " → ";
                return fail("macro-cycle", Severity::Error, "macro cycle: " + chain + key);
            }
            if (depth > opts_.max_depth)
                return fail("macro-depth", Severity::Error,
                            "macro nesting deeper than " + std::to_string(opts_.max_depth) + " at `" + key + "`");
            if (std::find(out_.macros_used.begin(), out_.macros_used.end(), key) == out_.macros_used.end())
                out_.macros_used.push_back(key);
            std::string def = substitute(m->definition, m->arguments, c.args);
            stack_.push_back(key);
            std::string res = expand_text(def, depth + 1);
            stack_.pop_back();
            expanded = true;
            return res;
        }
        if (auto any = table_.find_any_arity(c.name); !any.empty()) {
            std::string want;
            for (auto* m : any) want += (want.empty() ? "" : " or ") + std::to_string(m->arguments.size());
            return fail("macro-arity", Severity::Error,
                        "macro `" + c.name + "` takes " + want + " argument(s), called with " +
                            std::to_string(c.args.size()));
        }
        if (!opts_.filter_macro.empty() && c.name == opts_.filter_macro && c.args.empty()) {
            report("missing-filter-macro", Severity::Info,
                   "filter macro `" + c.name + "` is not defined; it means `search *`", origin_b_, origin_len_);
            if (std::find(out_.macros_used.begin(), out_.macros_used.end(), c.name) == out_.macros_used.end())
                out_.macros_used.push_back(c.name);
            expanded = true;
            return "search *";
        }
        return fail("unknown-macro", Severity::Error, "unknown macro `" + key_of(c.name, c.args.size()) + "`");
    }

    void report(std::string rule, Severity sev, std::string msg, size_t b, size_t len) {
        Diagnostic d;
        d.rule = std::move(rule);
        d.severity = sev;
        d.message = std::move(msg);
        d.offset = static_cast<uint32_t>(b);
        d.length = static_cast<uint32_t>(std::max<size_t>(1, len));
        out_.diagnostics.push_back(std::move(d));
    }

    const MacroTable& table_;
    const ExpandOptions& opts_;
    Expansion& out_;
    std::vector<std::string> stack_;   //!< keys of the macros being expanded, outermost first
    size_t origin_b_ = 0, origin_len_ = 0;  //!< the top-level call in the original text
};

}  // namespace

Expansion expand_macros(std::string_view search, const MacroTable& macros, const ExpandOptions& opts) {
    Expansion e;
    e.text.reserve(search.size() + 256);
    Expander x(macros, opts, e);
    x.expand_top(search);
    return e;
}

}  // namespace minispl
