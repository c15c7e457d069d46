#pragma once
// Error messages of the SPL grammar, one per rule that sits inside `must<>` (model: PEGTL's
// json_errors example). A failing `must<R>` raises `grammar_error` with error_message<R> and the
// input position; `error_anchor<R>` says where the caret should go when that is not the position
// where the rule failed (e.g. `stats by x` points right after `stats`, not at `by`).
#include "grammar/spl.hpp"

#include <cstddef>
#include <string>
#include <tao/pegtl/demangle.hpp>

namespace minispl::grammar {

//! Where an error is reported relative to the failing position.
enum class anchor {
    here,              //!< where the rule failed
    after_previous,    //!< back over whitespace: right after the previous token
    previous_word,     //!< back over whitespace and the previous word (the keyword that needs more)
};

template <typename Rule> inline constexpr const char* error_message = nullptr;
template <typename Rule> inline constexpr anchor error_anchor = anchor::here;

// clang-format off
template <> inline constexpr auto error_message<dq_close> = "closing quote missing?";
template <> inline constexpr auto error_message<one<'\''>> = "closing single quote missing?";
template <> inline constexpr auto error_message<e_close_paren> = "missing `)`";
template <> inline constexpr auto error_message<s_paren_close> = "missing `)`";
template <> inline constexpr auto error_message<s_in_close> = "missing `)`";
template <> inline constexpr auto error_message<agg_close> = "missing `)` after the aggregation argument";
template <> inline constexpr auto error_message<conv_close> = "missing `)`";
template <> inline constexpr auto error_message<subsearch_close> = "missing `]` to close the subsearch";
template <> inline constexpr auto error_message<stage_missing> = "empty pipeline stage: expected a command after `|`";
template <> inline constexpr auto error_message<trailing_text> = "unexpected text";
template <> inline constexpr auto error_message<stage_end> = "unexpected text in this command (expected `|` or the end of the search)";
template <> inline constexpr auto error_message<aggregations> = "stats needs an aggregation function (count, dc(x), values(x), ...)";
template <> inline constexpr auto error_anchor<aggregations> = anchor::after_previous;
template <> inline constexpr auto error_message<by_fields> = "`by` needs at least one field";
template <> inline constexpr auto error_anchor<by_fields> = anchor::previous_word;
template <> inline constexpr auto error_message<span_value> = "bad span= value (expected a number and a unit such as 5m, 1h, 30s)";
template <> inline constexpr auto error_message<where_expr> = "where needs an expression";
template <> inline constexpr auto error_anchor<where_expr> = anchor::after_previous;
template <> inline constexpr auto error_message<eval_assignments> = "eval needs field=expression";
template <> inline constexpr auto error_anchor<eval_assignments> = anchor::after_previous;
template <> inline constexpr auto error_message<e_expr> = "expected an expression";
template <> inline constexpr auto error_message<e_sql_ne> = "`<>` is not an SPL operator: not-equal is `!=`";
template <> inline constexpr auto error_message<s_expr> = "expected a search expression";
template <> inline constexpr auto error_message<rename_as> = "rename expects `AS` between the old and the new name";
template <> inline constexpr auto error_message<field_item> = "expected a field name";
template <> inline constexpr auto error_message<agg_alias> = "expected a name after `as`";
template <> inline constexpr auto error_message<lookup_field> = "expected a field name after `as`";
template <> inline constexpr auto error_message<lookup_table_missing> = "expected a lookup table name";
template <> inline constexpr auto error_anchor<lookup_table_missing> = anchor::after_previous;
template <> inline constexpr auto error_message<rex_missing> = "rex needs a quoted regular expression";
template <> inline constexpr auto error_message<regex_body> = "regex needs field=\"regex\" or \"regex\"";
template <> inline constexpr auto error_anchor<regex_body> = anchor::after_previous;
template <> inline constexpr auto error_message<foreach_missing> = "foreach needs a [ ... ] body";
template <> inline constexpr auto error_message<subsearch_missing> = "expected a [ subsearch ]";
template <> inline constexpr auto error_message<subpipeline_missing> = "expected a [ subpipeline ] (commands run over the current results)";
template <> inline constexpr auto error_message<replace_with> = "replace expects `WITH`";
template <> inline constexpr auto error_message<replace_value> = "expected a value after WITH";
template <> inline constexpr auto error_message<list<rename_pair, sor<seq<sp, comma, sp>, sp1>>> = "rename needs old AS new";
template <> inline constexpr auto error_anchor<list<rename_pair, sor<seq<sp, comma, sp>, sp1>>> = anchor::after_previous;
template <> inline constexpr auto error_message<list<replace_pair, seq<sp, comma, sp>>> = "replace needs \"old\" WITH \"new\"";
template <> inline constexpr auto error_anchor<list<replace_pair, seq<sp, comma, sp>>> = anchor::after_previous;
// clang-format on

//! Thrown by a failing must<>: message and byte offset into the parsed text.
struct grammar_error {
    std::string message;
    std::size_t offset = 0;
};

inline bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

//! Moves an error offset according to the rule's anchor.
inline std::size_t anchored_offset(const char* begin, std::size_t off, anchor a) {
    if (a == anchor::here) return off;
    while (off > 0 && is_space_byte(begin[off - 1])) --off;
    if (a == anchor::previous_word)
        while (off > 0 && !is_space_byte(begin[off - 1]) && begin[off - 1] != '|') --off;
    return off;
}

//! Control class of every parse: raise() turns a failed must<> into grammar_error.
template <typename Rule>
struct control : tao::pegtl::normal<Rule> {
    template <typename Input, typename... States>
    [[noreturn]] static void raise(const Input& in, States&&...) {
        std::string msg = error_message<Rule> ? error_message<Rule>
                                              : "syntax error (expected " + std::string(tao::pegtl::demangle<Rule>()) + ")";
        const std::size_t off = static_cast<std::size_t>(in.current() - in.begin());
        throw grammar_error{std::move(msg), anchored_offset(in.begin(), off, error_anchor<Rule>)};
    }
};

}  // namespace minispl::grammar
