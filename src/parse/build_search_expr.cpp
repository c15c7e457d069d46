// Search expressions: parse-tree nodes of grammar/spl.hpp (s_*) into ast::SearchExpr.
#include "tree.hpp"

namespace minispl::parse {
namespace {

using K = ast::SearchExpr::Kind;

ast::SearchExprPtr make(K k, ast::Span s) {
    auto e = std::make_unique<ast::SearchExpr>();
    e->kind = k;
    e->span = s;
    return e;
}

ast::CompareOp compare_op(std::string_view op) {
    if (op == "!=") return ast::CompareOp::Ne;
    if (op == "<") return ast::CompareOp::Lt;
    if (op == "<=") return ast::CompareOp::Le;
    if (op == ">") return ast::CompareOp::Gt;
    if (op == ">=") return ast::CompareOp::Ge;
    return ast::CompareOp::Eq;
}

}  // namespace

//! A value node (s_value, s_in_value, s_field, ...): quoted when its child is a dq_string.
ast::SearchValue Builder::search_value(const Node& n) const {
    ast::SearchValue v;
    v.span = span(n);
    if (const Node* q = child<g::dq_string>(n)) {
        v.text = unquote(q->string_view());
        v.quoted = true;
    } else if (n.is_type<g::dq_string>() || n.is_type<g::s_term_quoted>()) {
        v.text = unquote(n.string_view());
        v.quoted = true;
    } else {
        v.text = unescape(n.string_view());
    }
    return v;
}

ast::SearchExprPtr Builder::search_expr(const Node& n) const {
    if (n.is_type<g::s_and>() || n.is_type<g::s_or>()) {
        auto e = make(n.is_type<g::s_and>() ? K::And : K::Or, span(n));
        for (auto& c : n.children) e->children.push_back(search_expr(*c));
        return e;
    }
    if (n.is_type<g::s_not>()) {
        ast::SearchExprPtr e = search_expr(*n.children.back());
        for (size_t i = n.children.size() - 1; i-- > 0;) {
            auto u = make(K::Not, {off(n.children[i]->m_begin.data), e->span.end});
            u->children.push_back(std::move(e));
            e = std::move(u);
        }
        return e;
    }
    if (n.is_type<g::s_paren>()) {
        if (n.children.empty()) return make(K::And, span(n));  // `()` matches everything
        auto e = search_expr(*n.children[0]);
        return e;
    }
    if (n.is_type<g::subsearch>()) {
        auto e = make(K::Subsearch, span(n));
        e->subsearch = pipeline(*n.children[0]);
        return e;
    }
    if (n.is_type<g::s_termfn>()) {
        auto e = make(K::TermFn, span(n));
        e->field = lower(n.children[0]->string_view()) == "term" ? "TERM" : "CASE";
        ast::SearchValue v;
        if (n.children.size() > 1) {
            v = search_value(*n.children[1]);
            std::string_view body = n.children[1]->string_view();
            if (body.size() >= 2 && body.front() == '"' && body.back() == '"') {
                v.text = unquote(body);
                v.quoted = true;
            }
        } else {
            v.span = {off(n.m_end.data) - 1, off(n.m_end.data) - 1};
        }
        e->values.push_back(std::move(v));
        return e;
    }
    if (n.is_type<g::s_in>()) {
        auto e = make(K::In, span(n));
        e->field = search_value(*n.children[0]).text;
        for (size_t i = 1; i < n.children.size(); ++i) e->values.push_back(search_value(*n.children[i]));
        return e;
    }
    if (n.is_type<g::s_compare>()) {
        auto e = make(K::Compare, span(n));
        e->field = search_value(*n.children[0]).text;
        e->op = compare_op(n.children[1]->string_view());
        e->values.push_back(search_value(*n.children[2]));
        return e;
    }
    if (n.is_type<g::s_term_quoted>() || n.is_type<g::s_term_word>() || n.is_type<g::s_macro>()) {
        auto e = make(K::Term, span(n));
        if (n.is_type<g::s_macro>()) {
            ast::SearchValue v;
            v.text = n.string();
            v.span = span(n);
            e->values.push_back(std::move(v));
        } else {
            e->values.push_back(search_value(n));
        }
        return e;
    }
    // transparent wrappers (s_expr, implicit_search, stats_where, ...)
    if (n.children.size() == 1) return search_expr(*n.children[0]);
    if (n.children.empty()) return nullptr;
    fail("unexpected search node " + std::string(n.type), n);
}

}  // namespace minispl::parse
