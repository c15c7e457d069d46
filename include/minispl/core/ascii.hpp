#pragma once
// ASCII case folding, the one copy for the tree. SPL keywords, option names, function names and
// eval's lower()/upper() fold only the ASCII letters (bytes of UTF-8 sequences pass through
// unchanged), and so does this, whatever the C locale is.
#include <string>
#include <string_view>

namespace minispl {

constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

//! `s` with A-Z folded to a-z.
inline std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

//! `s` with a-z folded to A-Z (eval's upper()).
inline std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_upper(c);
    return out;
}

//! Folds A-Z to a-z in place.
inline void lower_in_place(std::string& s) {
    for (char& c : s) c = ascii_lower(c);
}

//! Equal ignoring ASCII case.
constexpr bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
}

}  // namespace minispl
