// Eval expressions: parse-tree nodes of grammar/spl.hpp (e_*) into ast::Expr.
#include "tree.hpp"

#include <cstdlib>

namespace minispl::parse {
namespace {

constexpr size_t kMaxChain = 1000;  // operands in one operator chain: keeps the tree shallow

ast::ExprPtr make(ast::Expr::Kind k, ast::Span s) {
    auto e = std::make_unique<ast::Expr>();
    e->kind = k;
    e->span = s;
    return e;
}

ast::BinaryOp binary_op(std::string_view op) {
    const std::string o = lower(op);
    if (o == "or") return ast::BinaryOp::Or;
    if (o == "xor") return ast::BinaryOp::Xor;
    if (o == "and") return ast::BinaryOp::And;
    if (o == "=" || o == "==") return ast::BinaryOp::Eq;
    if (o == "!=") return ast::BinaryOp::Ne;
    if (o == "<") return ast::BinaryOp::Lt;
    if (o == "<=") return ast::BinaryOp::Le;
    if (o == ">") return ast::BinaryOp::Gt;
    if (o == ">=") return ast::BinaryOp::Ge;
    if (o == "like") return ast::BinaryOp::Like;
    if (o == "+") return ast::BinaryOp::Add;
    if (o == "-") return ast::BinaryOp::Sub;
    if (o == ".") return ast::BinaryOp::Concat;
    if (o == "*") return ast::BinaryOp::Mul;
    if (o == "/") return ast::BinaryOp::Div;
    return ast::BinaryOp::Mod;
}

}  // namespace

ast::ExprPtr Builder::expr(const Node& n) const {
    using K = ast::Expr::Kind;
    if (n.is_type<g::e_or>() || n.is_type<g::e_xor>() || n.is_type<g::e_and>() || n.is_type<g::e_add>() ||
        n.is_type<g::e_mul>()) {
        // operand (op operand)*, left-associative
        if ((n.children.size() + 1) / 2 > kMaxChain) fail("expression too long (more than 1000 operands in a row)", n);
        ast::ExprPtr left = expr(*n.children[0]);
        for (size_t i = 1; i + 1 < n.children.size(); i += 2) {
            auto b = make(K::Binary, {left->span.begin, off(n.children[i + 1]->m_end.data)});
            b->op = binary_op(n.children[i]->string_view());
            b->text = std::string(n.children[i]->string_view());
            b->args.push_back(std::move(left));
            b->args.push_back(expr(*n.children[i + 1]));
            left = std::move(b);
        }
        return left;
    }
    if (n.is_type<g::e_not>() || n.is_type<g::e_unary>()) {
        // prefix operators then the operand; build inside-out
        ast::ExprPtr e = expr(*n.children.back());
        for (size_t i = n.children.size() - 1; i-- > 0;) {
            auto u = make(n.is_type<g::e_not>() ? K::Not : K::Negate, {off(n.children[i]->m_begin.data), e->span.end});
            u->args.push_back(std::move(e));
            e = std::move(u);
        }
        return e;
    }
    if (n.is_type<g::e_cmp>()) {
        ast::ExprPtr left = expr(*n.children[0]);
        const Node& tail = *n.children[1];
        if (tail.is_type<g::e_in_tail>()) {
            auto in = make(K::In, span(n));
            in->args.push_back(std::move(left));
            for (auto& c : tail.children) in->args.push_back(expr(*c));
            return in;
        }
        auto b = make(K::Binary, span(n));
        b->op = binary_op(tail.children[0]->string_view());
        b->text = std::string(tail.children[0]->string_view());
        b->args.push_back(std::move(left));
        b->args.push_back(expr(*tail.children[1]));
        return b;
    }
    if (n.is_type<g::e_call>()) {
        auto c = make(K::Call, span(n));
        c->text = lower(n.children[0]->string_view());
        for (size_t i = 1; i < n.children.size(); ++i) c->args.push_back(expr(*n.children[i]));
        return c;
    }
    if (n.is_type<g::e_number>()) {
        auto e = make(K::Number, span(n));
        e->text = n.string();
        if (e->text.size() > 2 && (e->text[1] == 'x' || e->text[1] == 'X'))
            e->number = static_cast<double>(std::strtoull(e->text.c_str() + 2, nullptr, 16));
        else
            e->number = std::strtod(e->text.c_str(), nullptr);
        return e;
    }
    if (n.is_type<g::e_string>()) {
        auto e = make(K::String, span(n));
        e->text = unquote(n.string_view());
        return e;
    }
    if (n.is_type<g::e_sq_field>()) {
        auto e = make(K::Field, span(n));
        const auto sv = n.string_view();
        e->text = std::string(sv.substr(1, sv.size() - 2));
        return e;
    }
    if (n.is_type<g::e_bool>()) {
        auto e = make(K::Bool, span(n));
        e->text = lower(n.string_view());
        e->number = e->text == "true" ? 1 : 0;
        return e;
    }
    if (n.is_type<g::e_field>()) {
        auto e = make(K::Field, span(n));
        e->text = n.string();
        return e;
    }
    // transparent wrappers (e_expr, head_expr, ...): their single child is the expression
    if (n.children.size() == 1) return expr(*n.children[0]);
    fail("unexpected expression node " + std::string(n.type), n);
}

}  // namespace minispl::parse
