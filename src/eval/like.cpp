// SQL LIKE: iterative matching with one backtrack point per `%` (linear in practice, no recursion).
#include "minispl/eval/like.hpp"

namespace minispl {
namespace {

//! Length in bytes of the UTF-8 character starting at s[i].
size_t char_len(std::string_view s, size_t i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    return i + n <= s.size() ? n : 1;
}

}  // namespace

bool like_match(std::string_view text, std::string_view pattern) {
    size_t t = 0, p = 0;
    size_t star_p = std::string_view::npos, star_t = 0;
    while (t < text.size()) {
        if (p < pattern.size()) {
            char pc = pattern[p];
            if (pc == '%') {
                star_p = ++p;
                star_t = t;
                continue;
            }
            if (pc == '_') {
                t += char_len(text, t);
                ++p;
                continue;
            }
            if (pc == '\\' && p + 1 < pattern.size() &&
                (pattern[p + 1] == '%' || pattern[p + 1] == '_' || pattern[p + 1] == '\\')) {
                if (text[t] == pattern[p + 1]) {
                    ++t;
                    p += 2;
                    continue;
                }
            } else if (text[t] == pc) {
                ++t;
                ++p;
                continue;
            }
        }
        if (star_p == std::string_view::npos) return false;
        // Let the last % absorb one more character and retry from there.
        star_t += char_len(text, star_t);
        t = star_t;
        p = star_p;
    }
    while (p < pattern.size() && pattern[p] == '%') ++p;
    return p == pattern.size();
}

}  // namespace minispl
