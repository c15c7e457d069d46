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

//! A bare search term against raw text, as Splunk's index lookup sees it: the match must start
//! and end on segment boundaries (a major or minor breaker, or the text's ends), so `adm` does not
//! find `admin` but `10.0.0` finds `10.0.0.1`. `*` in the term matches any run, as elsewhere.
bool term_match(std::string_view term, std::string_view text, bool caseless = true);

//! Splunk's default breaker characters (segmenters.conf): major (space, brackets, quotes, ...)
//! and minor (/ : = @ . - $ # % \ _).
bool is_segment_breaker(char c);

//! The texts each `*` of `pattern` matched (leftmost, shortest-first), or nullopt on no match.
//! Used by rename: `Processes.* AS *`.
std::optional<std::vector<std::string>> wildcard_captures(std::string_view pattern, std::string_view text);

//! Replaces the i-th `*` of `pattern` with captures[i] (missing captures give "").
std::string wildcard_substitute(std::string_view pattern, const std::vector<std::string>& captures);

}  // namespace minispl
