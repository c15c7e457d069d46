#pragma once
// Matching events against a lookup table and writing its output fields: one engine for the
// lookup command and for sourcetypes' automatic lookups (props.conf LOOKUP-), as in Splunk.
#include "minispl/core/event.hpp"
#include "minispl/sourcetypes/lookup_table.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace minispl {

//! One use of a lookup table: input columns matched against event fields, output columns written
//! to event fields. Matching (transforms.conf): a row matches when every input column matches some
//! value of its event field (any value of a multivalue; an absent field matches no row): exactly,
//! as a `*` pattern for WILDCARD(col), as a network for CIDR(col), ignoring case when
//! case_sensitive_match is false. Rows count in file order up to max_matches. Writing: several
//! matching rows give a multivalue (empty cells skipped); fewer than min_matches add default_match;
//! OUTPUT overwrites each output field and clears it when nothing matched, OUTPUTNEW only fills
//! output fields the event lacks. `defaults` (a minispl addition for sourcetype lookups) give an
//! output field a value when no row matched. Copyable and cheap to copy; safe to use from several
//! threads at once (a per-thread memo remembers the rows of recent input values).
class LookupMatcher {
public:
    struct Column {
        int index;                //!< column of the table
        std::string event_field;  //!< field of the event
    };
    LookupMatcher() = default;
    //! `outputs` empty: every column that is not an input, under its own name. The caller checks
    //! the columns exist (it knows where to report a missing one).
    LookupMatcher(std::shared_ptr<const LookupTable> table, std::vector<Column> inputs, std::vector<Column> outputs,
                  bool output_new, std::vector<std::pair<std::string, std::string>> defaults = {});

    //! Indexes of the matching rows, in file order, at most max_matches.
    std::vector<size_t> matches(const Event& event) const;
    //! Matches and writes the output fields.
    void apply(Event& event) const;

    const LookupTable& table() const { return *table_; }
    const std::vector<Column>& inputs() const { return inputs_; }
    const std::vector<Column>& outputs() const { return outputs_; }
    bool output_new() const { return output_new_; }
    const std::vector<std::pair<std::string, std::string>>& defaults() const { return defaults_; }

private:
    struct Index;
    //! matches() from the per-thread memo: valid until the thread's next call.
    const std::vector<size_t>& matched_rows(const Event& event) const;
    bool row_matches(const std::vector<std::string>& row, const std::vector<std::vector<std::string>>& keys) const;
    std::vector<size_t> find(const std::vector<std::vector<std::string>>& keys) const;

    std::shared_ptr<const LookupTable> table_;
    std::vector<Column> inputs_, outputs_;
    std::vector<char> kind_;  //!< per input: 'e' exact, 'w' WILDCARD, 'c' CIDR
    bool output_new_ = false;
    std::vector<std::pair<std::string, std::string>> defaults_;
    std::shared_ptr<const Index> index_;  //!< first input exact: its (folded) values → rows
    uint64_t id_ = 0;                     //!< memo key: copies share it (same table and columns)
};

}  // namespace minispl
