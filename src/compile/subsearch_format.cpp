// Subsearch results → search expression (Splunk's implicit `format`).
#include "minispl/compile/compiler.hpp"

namespace minispl {

namespace {

ast::SearchExprPtr node(ast::SearchExpr::Kind kind) {
    auto n = std::make_unique<ast::SearchExpr>();
    n->kind = kind;
    return n;
}

ast::SearchExprPtr compare(const std::string& field, const std::string& value) {
    auto n = node(ast::SearchExpr::Kind::Compare);
    n->field = field;
    n->values.push_back(ast::SearchValue{value, true, {}});
    return n;
}

}  // namespace

ast::SearchExprPtr format_subsearch_results(const std::vector<Event>& rows) {
    auto any = node(ast::SearchExpr::Kind::Or);  // an empty OR matches nothing
    for (const Event& row : rows) {
        auto all = node(ast::SearchExpr::Kind::And);
        for (const auto& [name, value] : row.fields()) {
            // Internal fields do not take part, as in Splunk's format; `search`/`query` are raw text.
            if (name.empty() || name[0] == '_') continue;
            if (name == "search" || name == "query") {
                auto term = node(ast::SearchExpr::Kind::Term);
                term->values.push_back(ast::SearchValue{value.to_string(), true, {}});
                all->children.push_back(std::move(term));
                continue;
            }
            if (value.mv_size() > 1) {
                auto alt = node(ast::SearchExpr::Kind::Or);
                for (const auto& v : value.mv_values()) alt->children.push_back(compare(name, v));
                all->children.push_back(std::move(alt));
            } else {
                all->children.push_back(compare(name, value.to_string()));
            }
        }
        if (!all->children.empty()) any->children.push_back(std::move(all));
    }
    return any;
}

}  // namespace minispl
