#pragma once
// Builders for stats-family ASTs by hand (the tests of stats, eventstats, streamstats, aggregates).
#include "minispl/parse/ast.hpp"
#include "minispl/parse/parser.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace minispl::test {

//! fn(field) [as alias]; `written` is the call as Splunk would name it.
inline ast::Aggregation agg(std::string fn, std::string field = "", std::string alias = "",
                            std::optional<double> pct = std::nullopt) {
    ast::Aggregation a;
    a.function = fn;
    a.field = field;
    a.alias = std::move(alias);
    a.percentile = pct;
    std::string name = fn;
    if (pct) {
        std::string p = std::to_string(*pct);
        p.erase(p.find_last_not_of('0') + 1);
        if (p.back() == '.') p.pop_back();
        name += p;
    }
    a.written = field.empty() ? name : name + "(" + field + ")";
    return a;
}

//! fn(eval(expr)) as alias
inline ast::Aggregation agg_eval(std::string fn, ast::ExprPtr expr, std::string alias) {
    ast::Aggregation a;
    a.function = fn;
    a.eval = std::move(expr);
    a.alias = std::move(alias);
    a.written = fn + "(eval(...))";
    return a;
}

inline ast::ExprPtr field_expr(std::string name) {
    auto e = std::make_unique<ast::Expr>();
    e->kind = ast::Expr::Kind::Field;
    e->text = std::move(name);
    return e;
}

inline ast::ExprPtr string_expr(std::string text) {
    auto e = std::make_unique<ast::Expr>();
    e->kind = ast::Expr::Kind::String;
    e->text = std::move(text);
    return e;
}

//! field="text"
inline ast::ExprPtr eq_expr(std::string field, std::string text) {
    auto e = std::make_unique<ast::Expr>();
    e->kind = ast::Expr::Kind::Binary;
    e->op = ast::BinaryOp::Eq;
    e->args.push_back(field_expr(std::move(field)));
    e->args.push_back(string_expr(std::move(text)));
    return e;
}

inline ast::Option opt(std::string key, std::string value) {
    ast::Option o;
    o.key = std::move(key);
    o.value = std::move(value);
    return o;
}

//! A StatsCmd from aggregations, by-fields and options.
inline ast::StatsCmd stats_cmd(std::vector<ast::Aggregation> aggs, std::vector<std::string> by = {},
                               std::vector<ast::Option> options = {}) {
    ast::StatsCmd c;
    c.aggregations = std::move(aggs);
    for (auto& b : by) c.by.push_back(ast::FieldName{std::move(b), {}});
    c.options = std::move(options);
    return c;
}

//! Moves a braced list of aggregations into a vector (Aggregation is move-only).
template <class... A>
std::vector<ast::Aggregation> aggs(A&&... a) {
    std::vector<ast::Aggregation> v;
    (v.push_back(std::forward<A>(a)), ...);
    return v;
}

//! The body of the last command of `spl` as parsed, e.g. parsed<ast::StatsCmd>("| stats count").
template <class Body>
Body parsed(std::string_view spl) {
    auto p = parse_search(spl);
    return std::get<Body>(std::move(p->commands.back().body));
}

}  // namespace minispl::test
