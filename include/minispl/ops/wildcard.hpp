#pragma once
// `*` wildcards as SPL uses them in search values, field lists (table, fields, rename) and terms.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minispl {

bool has_wildcard(std::string_view pattern);

//! Whole-text match of `pattern`, where `*` matches any run of characters (also none).
//! `caseless` folds ASCII case, as the search command compares values.
bool wildcard_match(std::string_view pattern, std::string_view text, bool caseless = false);

//! Like wildcard_match, but the pattern may match anywhere in `text` (bare search terms).
bool wildcard_contains(std::string_view pattern, std::string_view text, bool caseless = true);

//! The texts each `*` of `pattern` matched (leftmost, shortest-first), or nullopt on no match.
//! Used by rename: `Processes.* AS *`.
std::optional<std::vector<std::string>> wildcard_captures(std::string_view pattern, std::string_view text);

//! Replaces the i-th `*` of `pattern` with captures[i] (missing captures give "").
std::string wildcard_substitute(std::string_view pattern, const std::vector<std::string>& captures);

}  // namespace minispl
