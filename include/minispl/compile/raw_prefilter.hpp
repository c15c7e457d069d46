#pragma once
// Skipping input lines before they are parsed: literals the leading search needs in the raw text.
#include "minispl/parse/ast.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace minispl {

//! Literal strings that the raw text of every event matching a pipeline's leading search must
//! contain (ASCII case-insensitively): a conjunction of clauses, each a disjunction of literals.
//! `eventName IN ("CreateSnapshot", "DeleteSnapshot")` → one clause {createsnapshot, deletesnapshot}.
//! Conservative: only terms on fields the JSON itself holds (not metadata, not sourcetype-derived
//! fields), only plain printable ASCII without characters JSON may escape (" \ /), never NOT/!=.
//! An empty prefilter keeps every line.
class RawPrefilter {
public:
    //! `json_field(name)`: the field's values come straight from the event's JSON text (false for
    //! metadata such as sourcetype, and for aliases/calculated fields/lookup outputs).
    static RawPrefilter derive(const ast::Pipeline& pipeline, const std::function<bool(std::string_view)>& json_field);

    bool empty() const { return clauses_.empty(); }
    //! False only when the text cannot belong to a matching event.
    bool may_match(std::string_view raw) const;
    //! The clauses, literals lower-cased.
    const std::vector<std::vector<std::string>>& clauses() const { return clauses_; }

    //! Finds, in a text of many lines, the places where a matching line may be: the hits of the
    //! first (most selective) clause's literals. Lines without a hit are skipped unread, which is
    //! what makes a selective search run at the speed of a substring scan.
    class Scanner {
    public:
        Scanner(const RawPrefilter& filter, std::string_view text);
        //! The offset of the next hit at or after `from`; npos when none (an empty filter: `from`).
        size_t next(size_t from);

    private:
        const std::vector<std::string>* literals_;
        std::string_view text_;
        std::vector<size_t> next_;  // per literal: its next hit at or after the last `from`
    };

private:
    std::vector<std::vector<std::string>> clauses_;
};

//! ASCII case-insensitive substring search; `needle_lower` must be lower-case.
bool contains_icase(std::string_view hay, std::string_view needle_lower);
//! The first position at or after `from` where `needle_lower` occurs, ASCII case-insensitively; npos if none.
size_t find_icase(std::string_view hay, std::string_view needle_lower, size_t from = 0);

}  // namespace minispl
