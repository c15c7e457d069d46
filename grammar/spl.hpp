#pragma once
// The PEG grammar of SPL as used by detection rules: pipelines, search expressions, eval
// expressions and the argument shapes of every command the corpus uses. The single source of
// syntax: src/parse/ builds the typed AST (include/minispl/parse/ast.hpp) from the parse tree of
// these rules; grammar/errors.hpp holds the messages raised by `must<>`.
//
// Conventions: `sp` is optional whitespace (``` comments count as whitespace), `sp1` mandatory.
// Keywords are case-insensitive where Splunk accepts both cases (eval AND/or, BY/by, AS/as),
// except the search-command operators AND/OR/NOT, which Splunk only knows in upper case.
#include <cstddef>
#include <tao/pegtl.hpp>

namespace minispl::grammar {
using namespace tao::pegtl;

// ---------------------------------------------------------------------------------------------
// Nesting guard: every recursive rule goes through `nested<...>`, which counts the depth per
// thread and throws nesting_error beyond max_nesting, so `((((...` cannot overflow the stack.

inline constexpr int max_nesting = 128;
//! Thrown when nesting exceeds max_nesting; `offset` is where the too-deep group starts.
struct nesting_error {
    std::size_t offset = 0;
};
inline thread_local int nesting_depth = 0;

template <typename... Rules>
struct nested {
    using rule_t = nested;
    using subs_t = type_list<seq<Rules...>>;

    template <apply_mode A, rewind_mode M, template <typename...> class Action,
              template <typename...> class Control, typename ParseInput, typename... States>
    [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
        struct guard {
            guard() { ++nesting_depth; }
            ~guard() { --nesting_depth; }
        } g;
        if (nesting_depth > max_nesting)
            throw nesting_error{static_cast<std::size_t>(in.current() - in.begin())};
        return Control<seq<Rules...>>::template match<A, M, Action, Control>(in, st...);
    }
};

// ---------------------------------------------------------------------------------------------
// Lexical pieces

struct trailing_text : eof {};

struct comment : seq<TAO_PEGTL_STRING("```"), until<TAO_PEGTL_STRING("```")>> {};
struct ws1 : sor<space, comment> {};
struct sp : star<ws1> {};
struct sp1 : plus<ws1> {};

struct word_char : sor<alnum, one<'_'>> {};
//! A keyword: the (case-insensitive) string not followed by a word character.
template <typename S> struct kw : seq<S, not_at<word_char>> {};

struct kw_as : kw<TAO_PEGTL_ISTRING("as")> {};
struct kw_by : kw<TAO_PEGTL_ISTRING("by")> {};
struct kw_over : kw<TAO_PEGTL_ISTRING("over")> {};
struct kw_where : kw<TAO_PEGTL_ISTRING("where")> {};
struct kw_from : kw<TAO_PEGTL_ISTRING("from")> {};
struct kw_in : kw<TAO_PEGTL_ISTRING("in")> {};
struct kw_with : kw<TAO_PEGTL_ISTRING("with")> {};
struct kw_output : sor<kw<TAO_PEGTL_ISTRING("outputnew")>, kw<TAO_PEGTL_ISTRING("output")>> {};
struct kw_sortby : kw<TAO_PEGTL_ISTRING("sortby")> {};

//! Backslash escape outside quotes (`\"`, `\\`): the next byte is literal.
struct escaped : seq<one<'\\'>, any> {};

//! "double quoted": `\"` and `\\` are escapes. The closing quote may not be glued to a word
//! character: after a dropped quote the parity shift shows exactly there (see parser.cpp).
struct dq_body : star<sor<escaped, not_one<'"'>>> {};
struct dq_close : one<'"'> {};
struct dq_string : seq<one<'"'>, dq_body, must<dq_close>> {};

//! 'single quoted' field name (eval).
struct sq_body : star<not_one<'\''>> {};
struct sq_field : seq<one<'\''>, sq_body, must<one<'\''>>> {};

//! `macro` left unexpanded (an external macro such as get_asset): kept as a term / command.
struct macro_tok : seq<one<'`'>, plus<not_one<'`'>>, one<'`'>> {};

//! <<FIELD>> / <<MATCHSTR>> / <<ITEM>> inside foreach bodies.
struct template_tok : seq<two<'<'>, plus<word_char>, two<'>'>> {};

struct hex_number : seq<one<'0'>, one<'x', 'X'>, plus<xdigit>> {};
struct dec_number : seq<sor<seq<plus<digit>, opt<one<'.'>, star<digit>>>, seq<one<'.'>, plus<digit>>>,
                        opt<one<'e', 'E'>, opt<one<'+', '-'>>, plus<digit>>> {};

//! key=value option of a command. The value may be quoted, or a word with a (balanced) paren
//! group such as `startswith=eval(x="y")`.
struct paren_raw : nested<one<'('>, star<sor<dq_string, paren_raw, escaped, not_one<'(', ')', '"'>>>, one<')'>> {};
struct opt_key : seq<sor<alpha, one<'_'>>, star<sor<word_char, one<'.', '-'>>>> {};
struct opt_word : plus<sor<escaped, paren_raw, not_one<' ', '\t', '\r', '\n', '|', '[', ']', '"', '(', ')', ','>>> {};
struct opt_value : sor<dq_string, opt_word> {};
struct option : seq<opt_key, one<'='>, not_at<one<'='>>, opt<opt_value>> {};

//! span=<number><unit>: a bad value is an error at the value.
struct span_unit : plus<alpha> {};
struct span_value : seq<dec_number, opt<span_unit>, at<sor<ws1, one<'|', ']', ',', ')'>, eof>>> {};
struct span_option : seq<TAO_PEGTL_ISTRING("span"), one<'='>, must<span_value>> {};

//! A field name in a field list: quoted, or a word (wildcards, dots, {}, /, -, parens allowed).
//! A quoted name may be glued to a suffix: `"Processes".*`.
struct field_word : plus<sor<escaped, paren_raw, not_one<' ', '\t', '\r', '\n', '|', '[', ']', '"', ',', '=', '(', ')'>>> {};
struct field_suffix : plus<not_one<' ', '\t', '\r', '\n', '|', '[', ']', '"', ','>> {};
struct field_item : sor<seq<dq_string, opt<field_suffix>>, field_word> {};
struct comma : one<','> {};

// ---------------------------------------------------------------------------------------------
// Eval expressions (eval, where, fn(eval(...)), head)

struct e_expr;
struct e_or_op : kw<TAO_PEGTL_ISTRING("or")> {};
struct e_xor_op : kw<TAO_PEGTL_ISTRING("xor")> {};
struct e_and_op : kw<TAO_PEGTL_ISTRING("and")> {};
struct e_not_op : sor<kw<TAO_PEGTL_ISTRING("not")>, seq<one<'!'>, not_at<one<'='>>>> {};
struct e_keyword : sor<e_or_op, e_xor_op, e_and_op, kw<TAO_PEGTL_ISTRING("not")>,
                       kw<TAO_PEGTL_ISTRING("like")>, kw_in> {};

struct e_close_paren : one<')'> {};
struct e_paren : nested<one<'('>, sp, e_expr, sp, must<e_close_paren>> {};
struct e_call_name : seq<sor<alpha, one<'_'>>, star<word_char>> {};
struct e_args : opt<list<e_expr, one<','>, ws1>> {};
struct e_call : nested<e_call_name, sp, one<'('>, sp, e_args, sp, must<e_close_paren>> {};
struct e_number : seq<sor<hex_number, dec_number>, not_at<sor<word_char, one<'.'>>>> {};
struct e_string : dq_string {};
struct e_field_char : sor<template_tok, word_char, one<'$', '@', '{', '}'>> {};
// A bare field name has no `.`: in eval, `a.b` is `a . b`, the concatenation of two fields, and a
// name holding dots must be single-quoted ('userIdentity.arn'); lint warns on the bare form.
struct e_field : seq<not_at<e_keyword>, plus<e_field_char>> {};
struct e_sq_field : sq_field {};
struct e_bool : sor<kw<TAO_PEGTL_ISTRING("true")>, kw<TAO_PEGTL_ISTRING("false")>> {};
struct e_primary : sor<e_paren, e_call, e_number, e_string, e_sq_field, e_bool, e_field> {};

struct e_neg_op : one<'-'> {};
struct e_unary : seq<star<e_neg_op, sp>, e_primary> {};
struct e_mul_op : one<'*', '/', '%'> {};
struct e_mul : seq<e_unary, star<sp, e_mul_op, sp, e_unary>> {};
struct e_add_op : one<'+', '-', '.'> {};
struct e_add : seq<e_mul, star<sp, e_add_op, sp, e_mul>> {};

// `<>` is SQL's not-equal, not SPL's (Splunk rejects the expression): an error with the hint,
// rather than a silent `!=`.
struct e_sql_ne : failure {};
struct e_cmp_op : sor<TAO_PEGTL_STRING("=="), TAO_PEGTL_STRING("!="), seq<at<TAO_PEGTL_STRING("<>")>, must<e_sql_ne>>,
                      TAO_PEGTL_STRING("<="), TAO_PEGTL_STRING(">="), one<'=', '<', '>'>> {};
struct e_like_op : kw<TAO_PEGTL_ISTRING("like")> {};
struct e_in_list : opt<list<e_expr, one<','>, ws1>> {};
struct e_cmp_tail : seq<e_cmp_op, sp, e_add> {};
struct e_like_tail : seq<e_like_op, sp, e_add> {};
struct e_in_tail : nested<kw_in, sp, one<'('>, sp, e_in_list, sp, must<e_close_paren>> {};
struct e_cmp : seq<e_add, opt<sp, sor<e_cmp_tail, e_like_tail, e_in_tail>>> {};
struct e_not : seq<star<e_not_op, sp>, e_cmp> {};
struct e_and : seq<e_not, star<sp, e_and_op, sp, e_not>> {};
struct e_xor : seq<e_and, star<sp, e_xor_op, sp, e_and>> {};
struct e_or : seq<e_xor, star<sp, e_or_op, sp, e_xor>> {};
struct e_expr : seq<e_or> {};

//! A whole text that is one eval expression (parse_eval_expression).
struct eval_text : seq<sp, must<e_expr>, sp, must<trailing_text>> {};

// ---------------------------------------------------------------------------------------------
// Search expressions (search, implicit first search, tstats/mstats where, inputlookup where)

struct pipeline;
struct subsearch_close : one<']'> {};
struct subsearch : nested<one<'['>, sp, pipeline, sp, must<subsearch_close>> {};

struct s_and_kw : seq<TAO_PEGTL_STRING("AND"), not_at<word_char>> {};
struct s_or_kw : seq<TAO_PEGTL_STRING("OR"), not_at<word_char>> {};
struct s_not_kw : seq<TAO_PEGTL_STRING("NOT"), not_at<word_char>> {};
struct s_keyword : sor<s_and_kw, s_or_kw, s_not_kw, seq<kw_by, at<sor<ws1, eof>>>> {};

struct s_term_char : sor<escaped, not_one<' ', '\t', '\r', '\n', '|', '(', ')', '[', ']', '"'>> {};
struct s_field_char : sor<escaped, not_one<' ', '\t', '\r', '\n', '|', '(', ')', '[', ']', '"', '=', '!', '<', '>'>> {};
struct s_field_word : plus<s_field_char> {};
struct s_field : sor<dq_string, s_field_word> {};
struct s_op : sor<TAO_PEGTL_STRING("!="), TAO_PEGTL_STRING("<="), TAO_PEGTL_STRING(">="),
                  TAO_PEGTL_STRING("=="), one<'=', '<', '>'>> {};
struct s_value_word : plus<s_term_char> {};
struct s_value : sor<dq_string, s_value_word> {};
struct s_compare : seq<s_field, sp, s_op, sp, s_value> {};

struct s_in_word : plus<sor<escaped, not_one<' ', '\t', '\r', '\n', '|', '(', ')', '[', ']', '"', ','>>> {};
struct s_in_value : sor<dq_string, s_in_word> {};
struct s_in_close : one<')'> {};
struct s_in_sep : star<sor<ws1, one<','>>> {};
struct s_in_list : seq<s_in_sep, opt<list<s_in_value, s_in_sep>>, s_in_sep> {};
struct s_in : seq<s_field, sp1, kw_in, sp, one<'('>, sp, s_in_list, sp, must<s_in_close>> {};

struct s_termfn_name : sor<kw<TAO_PEGTL_ISTRING("TERM")>, kw<TAO_PEGTL_ISTRING("CASE")>> {};
struct s_termfn_body : star<sor<dq_string, escaped, not_one<')', '"'>>> {};
struct s_termfn : seq<s_termfn_name, one<'('>, s_termfn_body, must<s_in_close>> {};

struct s_expr;
struct s_paren_close : one<')'> {};
struct s_paren : nested<one<'('>, sp, opt<s_expr>, sp, must<s_paren_close>> {};
struct s_term_quoted : dq_string {};
struct s_term_word : seq<not_at<s_keyword>, plus<s_term_char>> {};
struct s_macro : macro_tok {};
struct s_atom : sor<s_paren, subsearch, s_termfn, s_in, s_compare, s_macro, s_term_quoted, s_term_word> {};
struct s_not : seq<star<s_not_kw, sp>, s_atom> {};
struct s_or : seq<s_not, star<sp, s_or_kw, sp, s_not>> {};
struct s_and : seq<s_or, star<sor<seq<sp, s_and_kw, sp>, sp1, success>, s_or>> {};
struct s_expr : seq<s_and> {};

//! A whole text that is one search expression (parse_search_expression).
struct search_expr_text : seq<sp, opt<s_expr>, sp, must<trailing_text>> {};

// ---------------------------------------------------------------------------------------------
// Commands. Each is `name body`; a stage must end at `|`, `]` or the end of the text.

struct stage_end : at<sp, sor<one<'|', ']'>, eof>> {};
template <typename Name, typename Body> struct command_rule : seq<Name, Body, sp, must<stage_end>> {};
//! A command word: the name followed by a separator, so `searchx` is not `search`.
template <typename S> struct cmd : seq<S, at<sor<ws1, one<'|', ']', '['>, eof>>> {};

// search / where / eval
struct search_name : cmd<TAO_PEGTL_ISTRING("search")> {};
struct search_body : opt<sp, s_expr> {};
struct search_cmd : command_rule<search_name, search_body> {};

struct where_name : cmd<TAO_PEGTL_ISTRING("where")> {};
struct where_expr : seq<sp, e_expr> {};
struct where_cmd : command_rule<where_name, must<where_expr>> {};

struct eval_name : cmd<TAO_PEGTL_ISTRING("eval")> {};
struct eval_target : sor<sq_field, dq_string, plus<sor<template_tok, word_char, one<'.', '{', '}', '$', '@', '-', ':'>>>> {};
struct eval_assign : seq<eval_target, sp, one<'='>, not_at<one<'='>>, sp, must<e_expr>> {};
struct eval_assignments : seq<sp, list<eval_assign, one<','>, ws1>> {};
struct eval_cmd : command_rule<eval_name, must<eval_assignments>> {};

// stats family
struct agg_eval : nested<kw<TAO_PEGTL_ISTRING("eval")>, sp, one<'('>, sp, e_expr, sp, must<e_close_paren>> {};
struct agg_field : sor<dq_string, plus<sor<escaped, paren_raw, not_one<' ', '\t', '\r', '\n', '|', '[', ']', '"', ',', '(', ')'>>>> {};
struct agg_more_args : star<sp, one<','>, sp, agg_field> {};
struct agg_name : seq<sor<alpha, one<'_'>>, star<word_char>> {};
struct agg_close : one<')'> {};
struct agg_call : seq<agg_name, one<'('>, sp, opt<sor<agg_eval, agg_field>>, agg_more_args, sp, must<agg_close>> {};
struct agg_bare : sor<kw<TAO_PEGTL_ISTRING("count")>, kw<TAO_PEGTL_ISTRING("c")>, kw<TAO_PEGTL_ISTRING("sparkline")>> {};
struct agg_alias : field_item {};
struct aggregation : seq<sor<agg_call, agg_bare>, opt<sp1, kw_as, sp, must<agg_alias>>> {};
struct agg_sep : sor<seq<sp, comma, star<sor<ws1, comma>>>, sp1> {};
struct aggregations : seq<aggregation, star<agg_sep, aggregation>> {};
struct by_field : seq<not_at<kw_where>, not_at<kw_from>, field_item> {};
struct by_fields : seq<sor<span_option, option, by_field>, star<agg_sep, sor<span_option, option, by_field>>> {};
struct by_clause : seq<sor<kw_by, kw_over>, sp, must<by_fields>> {};
struct datamodel_name : plus<not_one<' ', '\t', '\r', '\n', '|', '[', ']'>> {};
struct from_datamodel : seq<kw_from, sp, opt<TAO_PEGTL_ISTRING("datamodel"), sp, one<'=', ':'>, sp>, datamodel_name> {};
struct stats_where : seq<kw_where, sp, must<s_expr>> {};
struct stats_options : star<sor<span_option, option>, sp> {};
struct stats_tail : star<sp, sor<from_datamodel, stats_where, by_clause, span_option, option, comma, aggregation>> {};
struct stats_body : seq<sp, stats_options, must<aggregations>, stats_tail> {};
struct stats_name : sor<cmd<TAO_PEGTL_ISTRING("stats")>, cmd<TAO_PEGTL_ISTRING("eventstats")>,
                        cmd<TAO_PEGTL_ISTRING("streamstats")>, cmd<TAO_PEGTL_ISTRING("tstats")>,
                        cmd<TAO_PEGTL_ISTRING("mstats")>, cmd<TAO_PEGTL_ISTRING("timechart")>,
                        cmd<TAO_PEGTL_ISTRING("chart")>> {};
struct stats_cmd : command_rule<stats_name, stats_body> {};

// rename
struct rename_as : kw_as {};
struct rename_pair : seq<field_item, sp1, must<rename_as>, sp, must<field_item>> {};
struct rename_body : seq<sp, must<list<rename_pair, sor<seq<sp, comma, sp>, sp1>>>, opt<sp, comma>> {};
struct rename_name : cmd<TAO_PEGTL_ISTRING("rename")> {};
struct rename_cmd : command_rule<rename_name, rename_body> {};

// convert
struct conv_fn : seq<alpha, star<word_char>> {};
struct conv_close : one<')'> {};
struct conversion : seq<conv_fn, one<'('>, sp, field_item, sp, must<conv_close>, opt<sp1, kw_as, sp, must<field_item>>> {};
struct convert_body : star<sp, sor<option, conversion, comma>> {};
struct convert_name : cmd<TAO_PEGTL_ISTRING("convert")> {};
struct convert_cmd : command_rule<convert_name, convert_body> {};

// field-list commands
struct fields_sign : seq<one<'+', '-'>, at<sor<ws1, eof>>> {};
struct count_arg : seq<plus<digit>, at<sor<ws1, one<'|', ']'>, eof>>> {};
struct sort_key_name : field_item {};
struct sortby_key : seq<opt<one<'+', '-'>>, sp, field_item> {};
struct sortby_clause : seq<kw_sortby, sp, list<sortby_key, sor<seq<sp, comma, sp>, sp1>>> {};
struct fields_body : seq<opt<sp, fields_sign>, opt<sp, count_arg>,
                         star<sp, sor<sortby_clause, span_option, option, comma, field_item>>> {};
struct fields_name : sor<cmd<TAO_PEGTL_ISTRING("table")>, cmd<TAO_PEGTL_ISTRING("fields")>,
                         cmd<TAO_PEGTL_ISTRING("dedup")>, cmd<TAO_PEGTL_ISTRING("mvcombine")>,
                         cmd<TAO_PEGTL_ISTRING("mvexpand")>, cmd<TAO_PEGTL_ISTRING("makemv")>,
                         cmd<TAO_PEGTL_ISTRING("xmlkv")>, cmd<TAO_PEGTL_ISTRING("iplocation")>,
                         cmd<TAO_PEGTL_ISTRING("addtotals")>, cmd<TAO_PEGTL_ISTRING("fromjson")>,
                         cmd<TAO_PEGTL_ISTRING("uniq")>, cmd<TAO_PEGTL_ISTRING("reverse")>> {};
struct fields_cmd : command_rule<fields_name, fields_body> {};

// sort
struct sort_fn : seq<sor<TAO_PEGTL_ISTRING("num"), TAO_PEGTL_ISTRING("str"), TAO_PEGTL_ISTRING("ip"),
                         TAO_PEGTL_ISTRING("auto")>, one<'('>, sp, field_item, sp, must<conv_close>> {};
struct sort_sign : one<'+', '-'> {};
struct sort_desc : seq<sor<kw<TAO_PEGTL_ISTRING("desc")>, kw<TAO_PEGTL_ISTRING("d")>>, sp, at<sor<one<'|', ']'>, eof>>> {};
struct sort_key : seq<opt<sort_sign, sp>, sor<sort_fn, field_item>> {};
struct sort_body : seq<opt<sp, count_arg>, star<sp, sor<sort_desc, option, comma, sort_key>>> {};
struct sort_name : cmd<TAO_PEGTL_ISTRING("sort")> {};
struct sort_cmd : command_rule<sort_name, sort_body> {};

// head / tail
struct head_expr : seq<e_expr> {};
struct head_body : star<sp, sor<option, count_arg, head_expr>> {};
struct head_name : sor<cmd<TAO_PEGTL_ISTRING("head")>, cmd<TAO_PEGTL_ISTRING("tail")>> {};
struct head_cmd : command_rule<head_name, head_body> {};

// lookup
struct lookup_table : field_item {};
struct lookup_field : seq<not_at<kw_output>, not_at<kw_as>, field_item> {};
struct lookup_mapping : seq<lookup_field, opt<sp1, kw_as, sp, must<lookup_field>>> {};
struct lookup_mappings : star<sp, sor<comma, lookup_mapping>> {};
struct lookup_output : seq<kw_output, lookup_mappings> {};
struct lookup_table_missing : lookup_table {};
struct lookup_body : seq<sp, star<option, sp>, must<lookup_table_missing>, lookup_mappings, opt<sp, lookup_output>> {};
struct lookup_name : cmd<TAO_PEGTL_ISTRING("lookup")> {};
struct lookup_cmd : command_rule<lookup_name, lookup_body> {};

// inputlookup / outputlookup
struct table_where : seq<kw_where, sp, must<s_expr>> {};
struct lookuptable_body : seq<sp, star<option, sp>, must<lookup_table_missing>, star<sp, option>, opt<sp, table_where>> {};
struct lookuptable_name : sor<cmd<TAO_PEGTL_ISTRING("inputlookup")>, cmd<TAO_PEGTL_ISTRING("outputlookup")>,
                              cmd<TAO_PEGTL_ISTRING("inputcsv")>, cmd<TAO_PEGTL_ISTRING("outputcsv")>> {};
struct lookuptable_cmd : command_rule<lookuptable_name, lookuptable_body> {};

// rex
struct rex_regex : dq_string {};
struct rex_missing : rex_regex {};
struct rex_body : seq<star<sp, option>, sp, must<rex_missing>, star<sp, option>> {};
struct rex_name : cmd<TAO_PEGTL_ISTRING("rex")> {};
struct rex_cmd : command_rule<rex_name, rex_body> {};

// regex
struct regex_field : s_field_word {};
struct regex_op : sor<TAO_PEGTL_STRING("!="), one<'='>> {};
struct regex_value : sor<dq_string, s_value_word> {};
struct regex_body : seq<sp, sor<seq<regex_field, sp, regex_op, sp, regex_value>, regex_value>> {};
struct regex_name : cmd<TAO_PEGTL_ISTRING("regex")> {};
struct regex_cmd : command_rule<regex_name, must<regex_body>> {};

// bin / bucket
struct bin_as : seq<kw_as, sp, must<field_item>> {};
struct bin_body : star<sp, sor<span_option, option, bin_as, field_item>> {};
struct bin_name : sor<cmd<TAO_PEGTL_ISTRING("bin")>, cmd<TAO_PEGTL_ISTRING("bucket")>, cmd<TAO_PEGTL_ISTRING("discretize")>> {};
struct bin_cmd : command_rule<bin_name, bin_body> {};

// fillnull
struct fillnull_body : star<sp, sor<option, comma, field_item>> {};
struct fillnull_name : cmd<TAO_PEGTL_ISTRING("fillnull")> {};
struct fillnull_cmd : command_rule<fillnull_name, fillnull_body> {};

// A subpipeline in brackets: commands run over the current results (appendpipe, foreach), so it
// starts with a command, `|` or not (`appendpipe [stats count by user | eval action="TOTAL"]`,
// `appendpipe [| stats count]`); a first word is a command name, not an implicit search.
struct leading_pipe;
struct stage_missing;
struct pipe;
struct subpipeline : seq<opt<leading_pipe, sp>, must<stage_missing>, star<sp, pipe, sp, must<stage_missing>>> {};
struct subpipeline_missing : nested<one<'['>, sp, subpipeline, sp, must<subsearch_close>> {};

// foreach: the body is a subpipeline (with <<FIELD>> templates, parsed again per field).
struct foreach_missing : subpipeline_missing {};
struct foreach_body : seq<star<sp, sor<option, field_item>>, sp, must<foreach_missing>> {};
struct foreach_name : cmd<TAO_PEGTL_ISTRING("foreach")> {};
struct foreach_cmd : command_rule<foreach_name, foreach_body> {};

// join / append / appendcols: a subsearch
struct subsearch_missing : subsearch {};
struct subsearch_cmd_body : seq<star<sp, sor<option, comma, field_item>>, sp, must<subsearch_missing>> {};
struct subsearch_cmd_name : sor<cmd<TAO_PEGTL_ISTRING("join")>, cmd<TAO_PEGTL_ISTRING("append")>,
                                cmd<TAO_PEGTL_ISTRING("appendcols")>> {};
struct subsearch_cmd : command_rule<subsearch_cmd_name, subsearch_cmd_body> {};

// appendpipe: a subpipeline over the current results
struct appendpipe_body : seq<star<sp, option>, sp, must<subpipeline_missing>> {};
struct appendpipe_name : cmd<TAO_PEGTL_ISTRING("appendpipe")> {};
struct appendpipe_cmd : command_rule<appendpipe_name, appendpipe_body> {};

// map
struct map_body : star<sp, option> {};
struct map_name : cmd<TAO_PEGTL_ISTRING("map")> {};
struct map_cmd : command_rule<map_name, map_body> {};

// transaction
struct transaction_body : star<sp, sor<option, comma, field_item>> {};
struct transaction_name : cmd<TAO_PEGTL_ISTRING("transaction")> {};
struct transaction_cmd : command_rule<transaction_name, transaction_body> {};

// replace
struct replace_value : sor<dq_string, seq<not_at<kw_with>, not_at<kw_in>, plus<not_one<' ', '\t', '\r', '\n', '|', '[', ']', '"', ','>>>> {};
struct replace_with : kw_with {};
struct replace_pair : seq<replace_value, sp1, must<replace_with>, sp, must<replace_value>> {};
struct replace_in : seq<kw_in, star<sp, sor<comma, field_item>>> {};
struct replace_body : seq<sp, must<list<replace_pair, seq<sp, comma, sp>>>, opt<sp, replace_in>> {};
struct replace_name : cmd<TAO_PEGTL_ISTRING("replace")> {};
struct replace_cmd : command_rule<replace_name, replace_body> {};

// top / rare
struct top_by : seq<kw_by, star<sp, sor<comma, field_item>>> {};
struct top_field : seq<not_at<kw_by>, field_item> {};
struct top_body : seq<opt<sp, count_arg>, star<sp, sor<option, comma, top_by, top_field>>> {};
struct top_name : sor<cmd<TAO_PEGTL_ISTRING("top")>, cmd<TAO_PEGTL_ISTRING("rare")>> {};
struct top_cmd : command_rule<top_name, top_body> {};

// Any other command: options, quoted strings, subsearches and words.
struct generic_name : sor<macro_tok, seq<sor<alpha, one<'_'>>, star<sor<word_char, one<'-'>>>>> {};
struct generic_quoted : dq_string {};
struct generic_word : plus<sor<escaped, not_one<' ', '\t', '\r', '\n', '|', '[', ']', '"'>>> {};
struct generic_arg : sor<option, generic_quoted, subsearch, generic_word> {};
struct generic_body : star<sp, generic_arg> {};
struct generic_cmd : command_rule<generic_name, generic_body> {};

struct command : sor<search_cmd, stats_cmd, eval_cmd, where_cmd, rename_cmd, convert_cmd, fields_cmd,
                     sort_cmd, head_cmd, lookup_cmd, lookuptable_cmd, rex_cmd, regex_cmd, bin_cmd,
                     fillnull_cmd, foreach_cmd, subsearch_cmd, appendpipe_cmd, map_cmd, transaction_cmd, replace_cmd,
                     top_cmd, generic_cmd> {};

// ---------------------------------------------------------------------------------------------
// Pipelines

//! Commands that may start a pipeline without `|` (a subsearch `[ mstats ...]`, `[search ...]`).
struct leading_command_word : sor<cmd<TAO_PEGTL_ISTRING("search")>, cmd<TAO_PEGTL_ISTRING("tstats")>,
                                  cmd<TAO_PEGTL_ISTRING("mstats")>, cmd<TAO_PEGTL_ISTRING("summary")>,
                                  cmd<TAO_PEGTL_ISTRING("inputlookup")>, cmd<TAO_PEGTL_ISTRING("makeresults")>,
                                  cmd<TAO_PEGTL_ISTRING("datamodel")>, cmd<TAO_PEGTL_ISTRING("rest")>,
                                  cmd<TAO_PEGTL_ISTRING("metadata")>, cmd<TAO_PEGTL_ISTRING("inputcsv")>> {};
struct implicit_search : seq<s_expr> {};
struct leading_pipe : one<'|'> {};
struct stage_missing : command {};
struct first_stage : sor<seq<leading_pipe, sp, must<stage_missing>>,
                         seq<at<leading_command_word>, command>, implicit_search, success> {};
struct pipe : one<'|'> {};
struct pipeline : seq<first_stage, star<sp, pipe, sp, must<stage_missing>>> {};
//! A whole search (parse_search).
struct search_text : seq<sp, pipeline, sp, must<trailing_text>> {};

}  // namespace minispl::grammar
