#pragma once
// SQL LIKE matching as eval's like() and the LIKE operator do it.
#include <string_view>

namespace minispl {

//! True when all of `text` matches `pattern`: `%` any run of characters, `_` exactly one
//! (UTF-8) character, `\%` / `\_` / `\\` the character itself; everything else literally and
//! case-sensitively.
bool like_match(std::string_view text, std::string_view pattern);

}  // namespace minispl
