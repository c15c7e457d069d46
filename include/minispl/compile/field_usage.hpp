#pragma once
// The input fields a pipeline reads: what the JSON extraction and the sourcetype must provide.
#include "minispl/parse/ast.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace minispl {

//! The event fields a pipeline can observe. `all` when it may read any field (unknown command,
//! field wildcards, or the results are whole events); otherwise `names` (sorted, unique) is a superset
//! of what it reads, so an event holding only those fields gives the same results.
struct FieldUsage {
    bool all = true;
    std::vector<std::string> names;
    bool reads(std::string_view name) const;  //!< all || name in names
};

//! Whether a (sub)pipeline searches the input events: yes unless it starts with `|` and a command
//! other than search (`| inputlookup ...`, `| tstats ...`); `[| search ...]` still searches them.
bool reads_input_events(const ast::Pipeline& pipeline);

//! For the main search and for each subsearch separately (a subsearch reads the inputs in its own run).
//! Conservative: whatever it cannot list exactly makes `all` true. Never throws for a parsed pipeline.
FieldUsage input_fields_read(const ast::Pipeline& pipeline);

}  // namespace minispl
