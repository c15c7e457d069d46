// props.conf's source::/host:: pattern matching (`...`, `*`, `(?i)`).
#include "minispl/sourcetypes/stanza_pattern.hpp"

#include "minispl/core/diagnostic.hpp"

#include <cctype>

namespace minispl {

namespace {

constexpr char kAny = '\x01';      // `...`: any run
constexpr char kSegment = '\x02';  // `*`: any run without '/'

bool same(char p, char t, bool caseless) {
    return p == t || (caseless && std::tolower(static_cast<unsigned char>(p)) == std::tolower(static_cast<unsigned char>(t)));
}

// Backtracking over the two kinds of star. Patterns are a handful of characters and texts are one
// source name, resolved once per input (not per event), so the simple recursion is enough.
bool match(std::string_view p, std::string_view t, bool caseless) {
    while (!p.empty()) {
        char c = p.front();
        if (c == kAny || c == kSegment) {
            p.remove_prefix(1);
            for (size_t n = 0; n <= t.size(); ++n) {
                if (match(p, t.substr(n), caseless)) return true;
                if (c == kSegment && n < t.size() && t[n] == '/') return false;
            }
            return false;
        }
        if (t.empty() || !same(c, t.front(), caseless)) return false;
        p.remove_prefix(1);
        t.remove_prefix(1);
    }
    return t.empty();
}

}  // namespace

StanzaPattern::StanzaPattern(std::string pattern) : text_(std::move(pattern)) {
    std::string_view p = text_;
    if (p.substr(0, 4) == "(?i)") {
        caseless_ = true;
        p.remove_prefix(4);
    }
    for (size_t i = 0; i < p.size(); ++i) {
        if (p.compare(i, 3, "...") == 0) {
            pattern_ += kAny;
            literal_ = false;
            i += 2;
        } else if (p[i] == '*') {
            pattern_ += kSegment;
            literal_ = false;
        } else if (p[i] == '[' || p[i] == '|' || p[i] == '(' || p[i] == kAny || p[i] == kSegment) {
            throw SplError("sourcetype", "stanza pattern '" + text_ + "': `" + std::string(1, p[i]) +
                                             "` is not supported (only `*`, `...` and a leading `(?i)`)");
        } else {
            pattern_ += p[i];
        }
    }
}

bool StanzaPattern::matches(std::string_view text) const { return match(pattern_, text, caseless_); }

}  // namespace minispl
