#pragma once
// CSV as lookup tables and outputlookup use it (RFC 4180): the one CSV reader and writer of the tree.
#include <filesystem>
#include <string>
#include <vector>

namespace minispl {

//! RFC 4180 CSV: quoted fields, "" for a quote, CRLF or LF line ends, newlines inside quotes.
//! Blank lines are skipped. Does not trim cells or drop a byte order mark (read_csv_file does that).
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

//! Reads and parses a CSV file, without a leading UTF-8 byte order mark.
//! Throws SplError("io", "cannot read lookup file FILE") when it cannot be read.
std::vector<std::vector<std::string>> read_csv_file(const std::filesystem::path& file);

//! One CSV field, quoted when it holds a comma, quote, CR or LF.
std::string csv_escape(const std::string& field);

}  // namespace minispl
