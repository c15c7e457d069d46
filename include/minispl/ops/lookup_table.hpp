#pragma once
// Lookup tables of a rule pack: a name resolves to a security_content definition
// (`<dir>/<name>.yml`: filename, match_type, case_sensitive_match, min/max_matches, default_match)
// or straight to a CSV file (`<dir>/<name>`, `<dir>/<name>.csv`). Parsed CSVs are cached per process.
#include "minispl/parse/ast.hpp"

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace minispl {

//! One parsed lookup table with the matching rules of its definition.
struct LookupTable {
    std::string name;
    std::filesystem::path file;              //!< the CSV ("" for a KV store collection: no rows)
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;  //!< each as long as columns
    bool case_sensitive = true;              //!< case_sensitive_match (transforms.conf default: true)
    std::set<std::string> wildcard_columns;  //!< match_type WILDCARD(col)
    size_t min_matches = 0;
    size_t max_matches = 100;                //!< Knowledge Manager Manual: 100 for non-temporal lookups
    std::string default_match;

    //! Index of a column, or -1.
    int column(const std::string& name) const;
};

//! Finds `name` in `dirs` (definition first, then file) and loads it. A table outputlookup wrote
//! into `written_dir` (when given) comes first: the search reads what it wrote.
//! Throws SplError("lookup-missing", "lookup table 'X' not found in <dirs>") at `span`.
std::shared_ptr<const LookupTable> load_lookup(const std::string& name, const std::vector<std::filesystem::path>& dirs,
                                               const ast::Span& span, const std::filesystem::path& written_dir = {});

//! The CSV file `name` stands for, for writing (outputlookup): a definition's filename, or
//! `<name>` with `.csv` added when it has no extension; in `written_dir` when given, else in the
//! first of `dirs` (the definition's own directory for a definition). No dirs: the name itself.
std::filesystem::path lookup_write_path(const std::string& name, const std::vector<std::filesystem::path>& dirs,
                                        const std::filesystem::path& written_dir = {});

//! Drops the cached copy of `file` (after outputlookup rewrote it).
void forget_lookup_file(const std::filesystem::path& file);

//! RFC 4180 CSV: quoted fields, "" for a quote, CRLF or LF line ends, newlines inside quotes.
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

//! One CSV field, quoted when it holds a comma, quote, CR or LF.
std::string csv_escape(const std::string& field);

}  // namespace minispl
