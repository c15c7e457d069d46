#include "minispl/eval/search_matcher.hpp"

#include "minispl/core/ascii.hpp"
#include "minispl/eval/cidr.hpp"
#include "minispl/eval/time_modifier.hpp"
#include "minispl/eval/wildcard.hpp"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <optional>
#include <set>

namespace minispl {

struct SearchMatcher::Node {
    enum class Kind { And, Or, Not, Compare, In, Term, TermToken, TermCase, True, False, After, Before };
    Kind kind = Kind::And;
    std::vector<Node> children;
    std::string field;
    ast::CompareOp op = ast::CompareOp::Eq;
    std::vector<std::string> values;
    double time = 0;
};

namespace {

using Node = SearchMatcher::Node;


bool value_matches(const std::string& pattern, const std::string& text) {
    if (pattern == "*") return true;
    // `10.0.0.0/8` as a search value matches the addresses in that network.
    if (is_cidr(pattern)) return cidr_contains(pattern, text);
    return wildcard_match(pattern, text, true);
}

bool compare_order(ast::CompareOp op, const std::string& value, const std::string& bound) {
    int c;
    auto a = parse_number(value), b = parse_number(bound);
    if (a && b)
        c = *a < *b ? -1 : (*a > *b ? 1 : 0);
    else
        c = value.compare(bound) < 0 ? -1 : (value.compare(bound) > 0 ? 1 : 0);
    switch (op) {
        case ast::CompareOp::Lt: return c < 0;
        case ast::CompareOp::Le: return c <= 0;
        case ast::CompareOp::Gt: return c > 0;
        case ast::CompareOp::Ge: return c >= 0;
        default: return false;
    }
}

bool any_value(const Value& v, const std::vector<std::string>& patterns) {
    if (v.is_string()) {  // the common case, tested in place (every event of a search)
        for (const auto& p : patterns)
            if (value_matches(p, v.str())) return true;
        return false;
    }
    for (size_t i = 0, n = v.mv_size(); i < n; ++i) {
        std::string text = v.mv_at(i);
        for (const auto& p : patterns)
            if (value_matches(p, text)) return true;
    }
    return false;
}

// Splunk's major breakers: TERM(x) must be bounded by these (minor breakers such as . - _ =
// may sit inside the term).
bool is_breaker(char c) {
    return std::isspace(static_cast<unsigned char>(c)) || std::string_view("[]<>(){}|!;,'\"*&?+").find(c) != std::string_view::npos;
}

// TERM(x): x bounded by breakers or the ends of the text, case-insensitive.
bool contains_token(const std::string& needle, const std::string& hay) {
    if (needle.empty()) return false;
    std::string n = lower(needle), h = lower(hay);
    for (size_t pos = h.find(n); pos != std::string::npos; pos = h.find(n, pos + 1)) {
        bool left = pos == 0 || is_breaker(h[pos - 1]);
        size_t end = pos + n.size();
        bool right = end == h.size() || is_breaker(h[end]);
        if (left && right) return true;
    }
    return false;
}

// Bare terms search _raw; a result without _raw (after stats, say) is searched field by field.
template <class F>
bool raw_text_matches(const Event& e, F&& test) {
    if (const Value* raw = e.find("_raw")) return test(raw->to_string());
    for (const auto& f : e.fields())
        for (size_t i = 0, n = f.second.mv_size(); i < n; ++i)
            if (test(f.second.mv_at(i))) return true;
    return false;
}

bool eval_node(const Node& n, const Event& e) {
    switch (n.kind) {
        case Node::Kind::And:
            for (const auto& c : n.children)
                if (!eval_node(c, e)) return false;
            return true;
        case Node::Kind::Or:
            for (const auto& c : n.children)
                if (eval_node(c, e)) return true;
            return false;
        case Node::Kind::Not: return !eval_node(n.children[0], e);
        case Node::Kind::True: return true;
        case Node::Kind::False: return false;
        case Node::Kind::After: return e.has("_time") && e.time() >= n.time;
        case Node::Kind::Before: return e.has("_time") && e.time() < n.time;
        case Node::Kind::In: {
            const Value* v = e.find(n.field);
            return v && any_value(*v, n.values);
        }
        case Node::Kind::Compare: {
            const Value* v = e.find(n.field);
            if (!v) return false;
            switch (n.op) {
                case ast::CompareOp::Eq: return any_value(*v, n.values);
                case ast::CompareOp::Ne: return !any_value(*v, n.values);
                default:
                    for (size_t i = 0, k = v->mv_size(); i < k; ++i)
                        if (compare_order(n.op, v->mv_at(i), n.values[0])) return true;
                    return false;
            }
        }
        case Node::Kind::Term:
            return raw_text_matches(e, [&](const std::string& t) { return term_match(n.values[0], t, true); });
        case Node::Kind::TermCase:
            return raw_text_matches(e, [&](const std::string& t) { return term_match(n.values[0], t, false); });
        case Node::Kind::TermToken:
            return raw_text_matches(e, [&](const std::string& t) { return contains_token(n.values[0], t); });
    }
    return false;
}

struct Compiler {
    const EvalContext& ctx;
    std::vector<Diagnostic>& warnings;
    std::set<std::string> reads;

    Node compile(const ast::SearchExpr& x) {
        Node n;
        using K = ast::SearchExpr::Kind;
        switch (x.kind) {
            case K::And:
            case K::Or:
                n.kind = x.kind == K::And ? Node::Kind::And : Node::Kind::Or;
                for (const auto& c : x.children) n.children.push_back(compile(*c));
                return n;
            case K::Not:
                n.kind = Node::Kind::Not;
                n.children.push_back(compile(*x.children.at(0)));
                return n;
            case K::Subsearch:
                throw SplError("unsupported", "subsearch [...] in a search expression must be run before matching",
                               x.span.begin, x.span.end - x.span.begin);
            case K::Term:
                reads.insert("_raw");
                n.kind = Node::Kind::Term;
                n.values.push_back(x.values.at(0).text);
                return n;
            case K::TermFn:
                reads.insert("_raw");
                n.kind = lower(x.field) == "case" ? Node::Kind::TermCase : Node::Kind::TermToken;
                n.values.push_back(x.values.at(0).text);
                return n;
            case K::In:
                n.kind = Node::Kind::In;
                n.field = x.field;
                for (const auto& v : x.values) n.values.push_back(v.text);
                return metadata(std::move(n), x);
            case K::Compare:
                n.kind = Node::Kind::Compare;
                n.field = x.field;
                n.op = x.op;
                n.values.push_back(x.values.at(0).text);
                return metadata(std::move(n), x);
        }
        return n;
    }

    // Fields with a meaning beyond the event's own fields.
    Node metadata(Node n, const ast::SearchExpr& x) {
        reads.insert(n.field == "earliest" || n.field == "latest" ? "_time" : n.field);
        if (n.field == "earliest" || n.field == "latest") {
            if (n.kind != Node::Kind::Compare || n.op != ast::CompareOp::Eq)
                throw SplError("unsupported", "not supported: " + n.field + " with an operator other than =",
                               x.span.begin, x.span.end - x.span.begin);
            const auto& v = x.values.at(0);
            Node t;
            t.kind = n.field == "earliest" ? Node::Kind::After : Node::Kind::Before;
            t.time = search_time_bound(v.text, ctx, v.span);
            return t;
        }
        if (n.field == "index") {
            // No indexes here: the input files are the index. index=* (and index=x on events
            // that carry no index field) match; an index field, when present, is compared.
            Node guard;
            guard.kind = Node::Kind::Compare;
            guard.field = "index";
            guard.values = {"*"};
            Node no_index;
            no_index.kind = Node::Kind::Not;
            no_index.children.push_back(std::move(guard));
            Node any;
            any.kind = Node::Kind::Or;
            any.children.push_back(std::move(no_index));
            any.children.push_back(std::move(n));
            return any;
        }
        if (n.field == "eventtype") {
            warnings.push_back(Diagnostic{"unknown-eventtype", Severity::Warning,
                                          "eventtype= matches only the eventtypes defined in sourcetypes/eventtypes "
                                          "(an eventtype defined nowhere there matches no event)",
                                          x.span.begin, x.span.end - x.span.begin, {}, {}});
        }
        return n;
    }
};

}  // namespace

double search_time_bound(const std::string& text, const EvalContext& ctx, const ast::Span& span) {
    double now = ctx.now != 0 ? ctx.now : static_cast<double>(std::time(nullptr));
    if (auto t = parse_time_bound(text, now)) return *t;
    throw SplError("unsupported", "not supported: time modifier '" + text + "'", span.begin,
                   span.end > span.begin ? span.end - span.begin : 1);
}

SearchMatcher::SearchMatcher(const ast::SearchExpr& expr, const EvalContext& ctx) {
    Compiler c{ctx, warnings_, {}};
    root_ = std::make_unique<Node>(c.compile(expr));
    fields_read_.assign(c.reads.begin(), c.reads.end());
}

SearchMatcher::~SearchMatcher() = default;
SearchMatcher::SearchMatcher(SearchMatcher&&) noexcept = default;
SearchMatcher& SearchMatcher::operator=(SearchMatcher&&) noexcept = default;

bool SearchMatcher::matches(const Event& event) const { return eval_node(*root_, event); }

}  // namespace minispl
