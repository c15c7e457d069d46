#pragma once
// What each SPL command is: one CommandSpec row per command name (src/compile/command_specs.cpp),
// the single table compile, field usage, lint and the test runner ask.
#include "minispl/parse/ast.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace minispl {

class CompiledPipeline;
struct CompileContext;
class FieldReads;   // src/compile/field_reads.hpp
class FieldWrites;  // src/compile/field_writes.hpp

//! Whether a command looks at the order its input events come in. Events arrive in file order;
//! Splunk delivers them newest first, so compile sorts by _time before the first command that
//! does (and field usage then reads _time). `Unset` is no answer: a row with a builder or a
//! field-reads function must say (tests/unit/compile/command_spec_test.cpp fails otherwise).
enum class OrderUse : uint8_t {
    Unset,
    Ignores,            //!< eval, where, rename, ...
    Reads,              //!< dedup, head, streamstats, table (may drop _time), append (adds after), ...
    ReadsIfAggregates,  //!< the stats family: only with first(), last() or list()
};

//! What a command does with a lookup table it names (lint's lookup-undefined, `minispl test`'s
//! "missing lookup"): a table it reads must exist in the lookup directories.
enum class LookupTableUse : uint8_t { None, Reads, Creates };

//! One SPL command: how to build it, and the facts the stages before and after compile ask
//! without building it. Properties of a built operator (whether it can run as per-thread partials)
//! are virtuals on Operator instead (make_partial), since they depend on its arguments.
//! Every name Splunk has is a row: those minispl does not run have no builder.
struct CommandSpec {
    std::string_view name;
    //! Appends the command's operator(s); null: Splunk has the command, minispl does not run it.
    void (*build)(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx) = nullptr;
    OrderUse order = OrderUse::Unset;
    //! Its output order is its own (stats, sort, top, a generating inputlookup): what comes before
    //! needs no time order, and the results are no longer events.
    bool replaces_order = false;
    //! Adds the input fields the command reads (FieldReads); true when it closes the pipeline (no
    //! input field is visible after it). Null: it may read any field (projection off).
    bool (*reads)(FieldReads& r, const ast::Command& cmd) = nullptr;
    //! Updates the set of fields the results hold after it (output_fields, for lint's message-field).
    //! Null: unknown after it.
    void (*writes)(FieldWrites& f, const ast::Command& cmd) = nullptr;
    // Lint and test facts.
    LookupTableUse lookup_table = LookupTableUse::None;
    //! Reads indexed data models or summaries (tstats, datamodel): nothing offline holds them.
    bool indexed_data = false;
    //! Runs aggregations over a field wildcard (`values(*)`) for wildcard_aggregation_supported().
    bool wildcard_aggregations = false;
    //! A generating command that Splunk only accepts as the first command of a search
    //! ("This command must be the first command of a search"): compile says so elsewhere.
    bool first_only = false;
    //! For a row with no builder: why it cannot run offline, when that is more than "not yet"
    //! (rest: there is no Splunk server to ask). Shown by compile, lint and test.
    std::string_view why_not;
};

//! Every row, sorted by name.
std::span<const CommandSpec> command_specs();
//! The row of `name` (lower-case), or nullptr for a name Splunk does not know.
const CommandSpec* find_command(std::string_view name);

//! Whether `name` (lower-case) is an SPL command (a command outside the table still parses, as
//! ast::GenericCmd; the linter reports it as unknown).
bool is_known_command(std::string_view name);
//! The engine implements this command (it has a builder).
bool is_supported_command(std::string_view name);

//! The row's why_not ("" for none or an unknown name).
std::string_view why_not(std::string_view name);
//! "minispl does not run <name>" with the row's why_not, for an error or a verdict.
std::string unsupported_reason(std::string_view name);

//! The command reads the order of its input (compile sorts by _time before it).
bool reads_input_order(const ast::Command& cmd);
//! The command's output order is its own: no time order is needed after it.
bool replaces_input_order(const ast::Command& cmd);

}  // namespace minispl
