#pragma once
// Private to src/parse: which grammar rules become parse-tree nodes, and the helpers the
// builders (build_*.cpp) use to turn those nodes into the typed AST of parse/ast.hpp.
#include "grammar/errors.hpp"
#include "grammar/spl.hpp"
#include "minispl/core/ascii.hpp"
#include "minispl/core/diagnostic.hpp"
#include "minispl/parse/ast.hpp"

#include <string>
#include <string_view>
#include <tao/pegtl/contrib/parse_tree.hpp>

namespace minispl::parse {

namespace g = minispl::grammar;
namespace pt = tao::pegtl::parse_tree;
using Node = pt::node;

//! Like parse_tree::fold_one, but a node that stays keeps its content (spans are needed).
struct fold_keep : pt::apply<fold_keep> {
    template <typename N, typename... States>
    static void transform(std::unique_ptr<N>& n, States&&...) noexcept {
        if (n->children.size() == 1) n = std::move(n->children.front());
    }
};

// clang-format off
//! Rules kept as nodes. Chains (e_or ... e_mul, s_and ... s_not) fold away when they have one child.
template <typename Rule>
using selector = pt::selector<Rule,
    fold_keep::on<g::e_or, g::e_xor, g::e_and, g::e_not, g::e_cmp, g::e_add, g::e_mul, g::e_unary,
                     g::s_and, g::s_or, g::s_not>,
    pt::store_content::on<
        // lexical
        g::dq_string, g::field_word, g::field_suffix, g::field_item, g::option, g::opt_key, g::opt_value,
        g::span_option, g::span_value, g::comma, g::count_arg, g::macro_tok,
        // eval
        g::e_or_op, g::e_xor_op, g::e_and_op, g::e_not_op, g::e_neg_op, g::e_mul_op, g::e_add_op,
        g::e_cmp_op, g::e_like_op, g::e_cmp_tail, g::e_like_tail, g::e_in_tail, g::e_call, g::e_call_name,
        g::e_number, g::e_string, g::e_sq_field, g::e_bool, g::e_field,
        // search
        g::s_not_kw, g::s_field, g::s_op, g::s_value, g::s_compare, g::s_in, g::s_in_value,
        g::s_termfn, g::s_termfn_name, g::s_termfn_body, g::s_macro, g::s_term_quoted, g::s_term_word,
        g::s_paren, g::subsearch, g::implicit_search,
        // pipelines and commands
        g::pipeline, g::leading_pipe,
        g::search_cmd, g::search_name, g::where_cmd, g::where_name, g::eval_cmd, g::eval_name,
        g::eval_assign, g::eval_target, g::sq_field,
        g::stats_cmd, g::stats_name, g::aggregation, g::agg_call, g::agg_bare, g::agg_name, g::agg_eval,
        g::agg_field, g::agg_alias, g::by_clause, g::by_field, g::from_datamodel, g::datamodel_name,
        g::stats_where,
        g::rename_cmd, g::rename_name, g::rename_pair,
        g::convert_cmd, g::convert_name, g::conversion, g::conv_fn,
        g::fields_cmd, g::fields_name, g::fields_sign, g::sortby_clause, g::sortby_key,
        g::sort_cmd, g::sort_name, g::sort_fn, g::sort_sign, g::sort_desc, g::sort_key,
        g::head_cmd, g::head_name, g::head_expr,
        g::lookup_cmd, g::lookup_name, g::lookup_table, g::lookup_table_missing, g::lookup_mapping,
        g::lookup_field, g::lookup_output, g::kw_output,
        g::lookuptable_cmd, g::lookuptable_name, g::table_where,
        g::rex_cmd, g::rex_name, g::rex_regex, g::rex_missing,
        g::regex_cmd, g::regex_name, g::regex_field, g::regex_op, g::regex_value,
        g::bin_cmd, g::bin_name, g::bin_as,
        g::fillnull_cmd, g::fillnull_name,
        g::foreach_cmd, g::foreach_name, g::foreach_missing,
        g::subsearch_cmd, g::subsearch_cmd_name, g::subsearch_missing,
        g::appendpipe_cmd, g::appendpipe_name, g::subpipeline_missing, g::subpipeline,
        g::map_cmd, g::map_name,
        g::transaction_cmd, g::transaction_name,
        g::replace_cmd, g::replace_name, g::replace_pair, g::replace_value, g::replace_in,
        g::top_cmd, g::top_name, g::top_by, g::top_field,
        g::generic_cmd, g::generic_name, g::generic_quoted, g::generic_word,
        g::stage_missing>>;
// clang-format on

//! Shared state of one build: the text every node points into.
struct Builder {
    const char* base = nullptr;

    uint32_t off(const char* p) const { return static_cast<uint32_t>(p - base); }
    ast::Span span(const Node& n) const { return {off(n.m_begin.data), off(n.m_end.data)}; }

    [[noreturn]] void fail(const std::string& msg, const Node& n) const {
        throw SplError("syntax", msg, off(n.m_begin.data),
                       std::max<uint32_t>(1, off(n.m_end.data) - off(n.m_begin.data)));
    }

    // eval
    ast::ExprPtr expr(const Node& n) const;
    // search
    ast::SearchExprPtr search_expr(const Node& n) const;
    ast::SearchValue search_value(const Node& n) const;
    // pipelines
    ast::PipelinePtr pipeline(const Node& n) const;
    ast::Command command(const Node& n) const;
    // command groups
    ast::StatsCmd stats(const Node& n) const;
    ast::Option option(const Node& n) const;
    ast::TimeSpan time_span(const Node& span_option) const;
    ast::FieldName field(const Node& n) const;
};

//! `\"` and `\\` resolved: the escapes of quoted strings, which unquoted words share.
std::string unescape(std::string_view text);
//! Text of a "quoted" token (with the quotes) with `\"` and `\\` resolved.
std::string unquote(std::string_view quoted);

//! The first child of type R, or nullptr.
template <typename R> const Node* child(const Node& n) {
    for (auto& c : n.children)
        if (c->is_type<R>()) return c.get();
    return nullptr;
}

}  // namespace minispl::parse
