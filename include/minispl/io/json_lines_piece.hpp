#pragma once
// Parsing a piece of a memory-mapped JSON-lines file: the work of one reader thread.
#include "minispl/core/diagnostic.hpp"
#include "minispl/core/event.hpp"
#include "minispl/io/event_reader.hpp"
#include "minispl/io/record_format.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace minispl {

class FieldProjection;

//! What one piece yielded besides its events. Line numbers are relative to the piece (1 = its
//! first line) because a thread does not know how many lines the pieces before it hold (and
//! counting them costs a pass over the text, paid only when a bad record needs its number).
struct PieceStats {
    uint64_t events = 0;             //!< records parsed
    uint64_t skipped = 0;            //!< lines the line selector passed over unparsed
    uint64_t bad_records = 0;
    std::vector<std::pair<uint64_t, std::string>> bad;  //!< (line in piece, why), the first few
};

//! Which lines of a piece to parse (the raw prefilter): `next_hit(from)` gives the offset in the
//! piece of the next place at or after `from` where a wanted line may be, npos when there is
//! none, so lines without a hit are skipped without even finding where they end; `keep(line)` is
//! the full test of a line with a hit.
struct LineSelector {
    std::function<size_t(size_t from)> next_hit;
    std::function<bool(std::string_view line)> keep;
};

//! The "bad-event" warning for a skipped record, as every reader reports it.
Diagnostic bad_event_diagnostic(const std::string& file, uint64_t line, const std::string& why);

//! The text of a JSON-lines record: without a UTF-8 BOM on the first line of a file and without
//! surrounding spaces (an empty result is a blank line, not a record).
std::string_view trim_record_line(std::string_view line, bool first_line_of_file);

//! Parses JSON records (pieces of JSON lines, or one record at a time) into flattened events with
//! its own simdjson parser (one instance per thread): the parser of every JSON format. The text is
//! read in place: no copy unless a line sits within simdjson's padding distance of the end of the
//! readable memory.
class JsonLinesParser : public RecordParser {
public:
    JsonLinesParser();
    ~JsonLinesParser() override;
    JsonLinesParser(const JsonLinesParser&) = delete;
    JsonLinesParser& operator=(const JsonLinesParser&) = delete;

    bool flatten(std::string_view record, Event& event, const FieldProjection* projection, std::string& why) override;
    //! Validated whole (simdjson's DOM), the reason naming simdjson's error.
    bool validate(std::string_view record, std::string& why) override;

    //! `piece`: whole lines; `readable_after`: how many bytes after piece.end() may be read;
    //! `file_start`: the piece starts the file (BOM check). `select` (optional) picks the lines
    //! to parse; `projection` (optional) limits the fields extracted. The piece is not written.
    void parse_piece(std::string_view piece, size_t readable_after, bool file_start, const LineSelector* select,
                     const FieldProjection* projection, const OnEvent& on_event, PieceStats& stats) override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace minispl
