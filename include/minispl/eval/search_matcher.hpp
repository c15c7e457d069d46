#pragma once
// The search command's test of one event against a search expression (also eventtype searches:
// it sits in eval, below the sourcetype layer).
#include "minispl/core/diagnostic.hpp"
#include "minispl/core/event.hpp"
#include "minispl/eval/evaluator.hpp"
#include "minispl/parse/ast.hpp"

#include <memory>
#include <vector>

namespace minispl {

//! Decides whether an event matches a search expression, with the search command's rules:
//! field names case-sensitive, values case-insensitive with `*` wildcards (quoted too), CIDR
//! values (IPv4, IPv6) for address fields, `f=*` for existence, any value of a multivalue, `f!=v` only where f
//! exists, `NOT f=v` also where it does not, `<`/`>` numeric when both sides are numbers,
//! bare terms and phrases as case-insensitive substrings of _raw, TERM()/CASE(),
//! `earliest=`/`latest=` bounding _time, `index=` (minispl has no indexes: it matches events
//! that carry no index field) and `eventtype=` (a comparison with the eventtype field, which the
//! sourcetype layer computes from sourcetypes/eventtypes/*.yml; none there: no match).
class SearchMatcher {
public:
    //! Compiles the expression. Throws SplError("unsupported") for a subsearch node (the
    //! compiler replaces subsearches by their results first) or a time modifier it cannot read.
    SearchMatcher(const ast::SearchExpr& expr, const EvalContext& ctx = {});
    ~SearchMatcher();
    SearchMatcher(SearchMatcher&&) noexcept;
    SearchMatcher& operator=(SearchMatcher&&) noexcept;

    bool matches(const Event& event) const;
    //! Things worth telling the user (an eventtype minispl does not know, ...).
    const std::vector<Diagnostic>& warnings() const { return warnings_; }
    //! The event fields the expression reads (sorted, unique): compared fields, `_raw` for bare
    //! terms, `_time` for earliest/latest. What the sourcetype projection must keep for it.
    const std::vector<std::string>& fields_read() const { return fields_read_; }

    struct Node;

private:
    std::unique_ptr<Node> root_;
    std::vector<Diagnostic> warnings_;
    std::vector<std::string> fields_read_;
};

//! Reads an `earliest=`/`latest=` value as epoch seconds: a relative modifier (-7d@d), `now`, a
//! number, or an absolute time `%m/%d/%Y:%H:%M:%S` (UTC). Throws SplError("unsupported") otherwise.
double search_time_bound(const std::string& text, const EvalContext& ctx, const ast::Span& span);

}  // namespace minispl
