#pragma once
// Lookup tables: a name resolves to a security_content definition (`<dir>/<name>.yml`: the
// transforms.conf stanza as YAML: filename, match_type, case_sensitive_match, min/max_matches,
// default_match) or straight to a CSV file (`<dir>/<name>`, `<dir>/<name>.csv`). Parsed CSVs are
// cached per process. The same tables serve the lookup commands and sourcetypes' automatic lookups
// (LookupMatcher in lookup_matcher.hpp does the matching for both).
#include "minispl/io/csv.hpp"
#include "minispl/parse/ast.hpp"

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace minispl {

//! transforms.conf's field matching rules of one lookup (Knowledge Manager Manual, "Add field
//! matching rules to your lookup configuration"), with its defaults.
struct LookupRules {
    bool case_sensitive = true;              //!< case_sensitive_match (default true); also for WILDCARD
    std::set<std::string> wildcard_columns;  //!< match_type WILDCARD(col): the cell is a `*` pattern
    std::set<std::string> cidr_columns;      //!< match_type CIDR(col): the cell is an IPv4/IPv6 network
    size_t min_matches = 0;                  //!< fewer matches than this: default_match fills up
    size_t max_matches = 100;                //!< 1-1000; default 100 for non-temporal lookups
    std::string default_match;

    //! Reads a transforms.conf setting (`case_sensitive_match`, `match_type`, `min_matches`,
    //! `max_matches`, `default_match`); false for any other key. Throws SplError("lookup",
    //! "<where>: ...") for a value Splunk would refuse (max_matches outside 1-1000, a match_type
    //! other than WILDCARD(col)/CIDR(col)/EXACT(col), a boolean that is not one).
    bool set(const std::string& key, const std::string& value, const std::string& where);
};

//! One parsed lookup table with the matching rules of its definition.
struct LookupTable : LookupRules {
    std::string name;
    std::filesystem::path file;              //!< the CSV ("" for a KV store collection: no rows)
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;  //!< each as long as columns

    //! Index of a column, or -1.
    int column(const std::string& name) const;
};

//! A rule is untrusted input: the files its lookup commands name stay inside the lookup
//! directories, as Splunk keeps them inside its app's lookups folder. `name` (a table name as the
//! search writes it, or a definition's `filename:`) must be a plain file name: not empty, no NUL,
//! no `/` or `\\`, not `.` or `..`. Throws SplError("unsafe-path", "<command>: ...") at `span`.
void check_lookup_name(std::string_view name, std::string_view command, const ast::Span& span);
//! Why `name` is not a plain file name (check_lookup_name's message without the command), or "".
std::string lookup_name_problem(std::string_view name);
//! `file`, followed through symlinks, is inside `dir` (also followed): a symlink in a lookup
//! directory that leads out of it is refused. Throws SplError("unsafe-path") at `span`.
void check_inside(const std::filesystem::path& file, const std::filesystem::path& dir, std::string_view command,
                  const ast::Span& span);

//! Finds `name` in `dirs` (definition first, then file) and loads it. A table outputlookup wrote
//! into `written_dir` (when given) comes first: the search reads what it wrote.
//! Throws SplError("lookup-missing", "lookup table 'X' not found in <dirs>") at `span`, and
//! SplError("unsafe-path") for a name or file that would leave the directories (check_lookup_name).
std::shared_ptr<const LookupTable> load_lookup(const std::string& name, const std::vector<std::filesystem::path>& dirs,
                                               const ast::Span& span, const std::filesystem::path& written_dir = {},
                                               std::string_view command = "lookup");

//! A CSV file as a table with the given rules (a sourcetype's automatic lookup). Column names are
//! trimmed; short rows are padded. Throws SplError("io") when the file cannot be read.
std::shared_ptr<const LookupTable> load_lookup_file(const std::filesystem::path& csv, LookupRules rules);

//! The CSV file `name` stands for, for writing (outputlookup): a definition's filename, or
//! `<name>` with `.csv` added when it has no extension; in `written_dir` when given, else in the
//! first of `dirs` (the definition's own directory for a definition). Throws SplError("unsafe-path")
//! at `span` for a name or definition filename that would leave the directory, and
//! SplError("lookup-missing") when there is no directory to write into.
std::filesystem::path lookup_write_path(const std::string& name, const std::vector<std::filesystem::path>& dirs,
                                        const std::filesystem::path& written_dir = {}, const ast::Span& span = {},
                                        std::string_view command = "outputlookup");

//! The names a lookup directory defines, as the lookup commands may write them: each definition's
//! file stem, `name:` and `filename:`, and each data file (`.csv`, `.csv.gz`, `.mlmodel`, ...) by
//! file name and stem (and a `.csv.gz` without its `.gz`). A missing directory defines none; a
//! definition that does not parse defines nothing (load_lookup reports it when a search uses it).
std::vector<std::string> lookup_names(const std::filesystem::path& dir);

//! Drops the cached copy of `file` (after outputlookup rewrote it).
void forget_lookup_file(const std::filesystem::path& file);

}  // namespace minispl
