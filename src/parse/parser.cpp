// Entry points of the parser: a lexical pre-scan for the errors a PEG reports badly (unbalanced
// quotes and brackets, too deep nesting), then the PEGTL grammar into a parse tree, then the
// builders (build_*.cpp) into the typed AST.
#include "minispl/parse/parser.hpp"

#include "tree.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

namespace minispl {
namespace parse {

std::string unescape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == '"' || text[i + 1] == '\\')) ++i;
        out += text[i];
    }
    return out;
}

std::string unquote(std::string_view q) {
    if (q.size() >= 2 && q.front() == '"' && q.back() == '"') q = q.substr(1, q.size() - 2);
    else if (!q.empty() && q.front() == '"') q = q.substr(1);
    return unescape(q);
}

namespace {

constexpr size_t kMaxNesting = 100;  // ( and [ levels: bounds the recursion of parser and builders

bool word_byte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

//! Finds unbalanced quotes and brackets before the grammar runs, so the error points at the
//! opening quote / bracket instead of wherever the PEG finally gave up. Outside quotes `\x` is
//! an escape; ``` comments are skipped.
//! A closing quote glued to a word character (`"abc"def`) is taken as a dropped quote: after a
//! missing quote every later string shifts parity, and that is where the shift shows first.
//! That check runs only once the grammar has failed: the corpus has valid glued strings
//! (`jsonrecipe="[{"op":...`), and a dropped quote always leaves an odd count, so it fails.
//! Nesting deeper than kMaxNesting throws at once (the grammar must not recurse that deep).
std::optional<SplError> prescan(std::string_view t, bool glued_quotes) {
    std::vector<uint32_t> open;  // offsets of unmatched ( and [
    const size_t n = t.size();
    for (size_t i = 0; i < n; ++i) {
        const char c = t[i];
        if (c == '`' && t.compare(i, 3, "```") == 0) {
            const size_t end = t.find("```", i + 3);
            if (end == std::string_view::npos) break;
            i = end + 2;
            continue;
        }
        if (c == '\\') {
            ++i;
            continue;
        }
        if (c == '"') {
            size_t j = i + 1;
            while (j < n && t[j] != '"') j += t[j] == '\\' ? 2 : 1;
            if (j >= n || (glued_quotes && j + 1 < n && word_byte(t[j + 1])))
                return SplError("syntax", "closing quote missing?", static_cast<uint32_t>(i));
            i = j;
            continue;
        }
        if (c == '(' || c == '[') {
            open.push_back(static_cast<uint32_t>(i));
            if (open.size() > kMaxNesting)
                throw SplError("syntax", "nesting too deep (more than 100 levels of ( and [)", static_cast<uint32_t>(i));
        } else if (c == ')' || c == ']') {
            if (open.empty())
                return SplError("syntax", std::string("unmatched `") + c + "`", static_cast<uint32_t>(i));
            const char o = t[open.back()];
            if ((c == ')') != (o == '('))
                return SplError("syntax", std::string("`") + o + "` is never closed", open.back());
            open.pop_back();
        }
    }
    if (!open.empty()) {
        const uint32_t at = open.back();
        return SplError("syntax", std::string("`") + t[at] + "` is never closed", at);
    }
    return std::nullopt;
}

template <typename Rule>
std::unique_ptr<Node> run(std::string_view text) {
    const auto lexical = prescan(text, false);
    tao::pegtl::memory_input<> in(text.data(), text.size(), "search");
    std::unique_ptr<Node> root;
    try {
        root = pt::parse<Rule, selector, tao::pegtl::nothing, grammar::control>(in);
        if (!root) throw grammar::grammar_error{"syntax error", 0};
    } catch (const grammar::nesting_error& e) {
        throw SplError("syntax", "nesting too deep (more than 128 levels of ( and [)", static_cast<uint32_t>(e.offset));
    } catch (const grammar::grammar_error& e) {
        if (auto better = prescan(text, true)) throw *better;
        throw SplError("syntax", e.message, static_cast<uint32_t>(e.offset));
    }
    if (lexical) throw *lexical;
    return root;
}

}  // namespace
}  // namespace parse

ast::PipelinePtr parse_search(std::string_view text) {
    auto root = parse::run<grammar::search_text>(text);
    parse::Builder b{text.data()};
    return b.pipeline(*root->children.at(0));
}

ast::ExprPtr parse_eval_expression(std::string_view text) {
    auto root = parse::run<grammar::eval_text>(text);
    parse::Builder b{text.data()};
    return b.expr(*root->children.at(0));
}

ast::SearchExprPtr parse_search_expression(std::string_view text) {
    auto root = parse::run<grammar::search_expr_text>(text);
    if (root->children.empty()) return nullptr;
    parse::Builder b{text.data()};
    return b.search_expr(*root->children[0]);
}

}  // namespace minispl
