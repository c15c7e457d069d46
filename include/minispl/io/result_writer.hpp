#pragma once
// Writing result rows: an aligned terminal table, JSON lines, or CSV.
#include "minispl/core/event.hpp"

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace minispl {

enum class OutputFormat { Table, Json, Csv };

//! "table", "json" (also "jsonl"), "csv"; nullopt for anything else.
std::optional<OutputFormat> parse_output_format(std::string_view name);

//! The columns Splunk shows for these rows: every field in first-seen order, leaving out internal
//! fields (names starting with `_`) other than `_time` and `_raw`.
std::vector<std::string> result_columns(const std::vector<Event>& rows);

//! `_time` as the table shows it: "YYYY-MM-DD HH:MM:SS" UTC, with ".mmm" when fractional;
//! the text unchanged when it is not a number.
std::string format_time_cell(const Value& v);

//! Streams rows out in one format. Table needs every row to size its columns, so it buffers until
//! finish(); JSON lines stream; CSV streams when columns are given, else buffers to learn them.
class ResultWriter {
public:
    virtual ~ResultWriter() = default;
    virtual void write(const Event& row) = 0;
    //! Flushes buffered rows; call once after the last row.
    virtual void finish() = 0;
};

//! `columns` fixes the columns and their order (table, CSV); empty means result_columns().
std::unique_ptr<ResultWriter> make_result_writer(OutputFormat format, std::ostream& out,
                                                 std::vector<std::string> columns = {});

//! Aligned table: a header, a dashed rule, then the rows; a multivalue cell shows one value per
//! line (as Splunk's UI does), `_time` formatted as a date. Nothing is written for no rows.
void write_table(std::ostream& out, const std::vector<Event>& rows, const std::vector<std::string>& columns = {});
//! One JSON object per row with every field of the row in its order; values are strings
//! (as Splunk's JSON output gives them), a multivalue is an array of strings.
void write_json_lines(std::ostream& out, const std::vector<Event>& rows);
void write_json_line(std::ostream& out, const Event& row);
//! CSV with a header row, RFC 4180 quoting; a multivalue is joined by newlines (as Splunk exports it).
void write_csv(std::ostream& out, const std::vector<Event>& rows, const std::vector<std::string>& columns = {});

//! JSON string literal (with quotes) for `s`.
std::string json_quote(std::string_view s);
//! A CSV cell, quoted when it holds a comma, quote, CR or LF or begins/ends with a space.
std::string csv_quote(std::string_view s);

}  // namespace minispl
