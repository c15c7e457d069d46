#pragma once
// How a file holds its events: one RecordFormat per layout (JSON lines, JSON array, CloudTrail
// Records, XmlWinEventLog, EVTX). Everything the readers need to know about a layout is asked here.
#include "minispl/core/event.hpp"
#include "minispl/io/event_reader.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace minispl {

class ByteSource;
class FieldProjection;
struct PieceStats;
struct LineSelector;

//! Parses records of one format into flattened events; one instance per thread (it keeps its
//! parser's buffers between records).
class RecordParser {
public:
    virtual ~RecordParser() = default;
    //! Called with each event (`_raw` first when the projection wants it); may move from it.
    using OnEvent = std::function<void(Event& event)>;

    //! Flattens one record. `record` must be followed by at least kRecordPadding readable bytes.
    //! False (and `why` set) when the record is malformed; `event` may then hold partial fields.
    virtual bool flatten(std::string_view record, Event& event, const FieldProjection* projection,
                         std::string& why) = 0;
    //! Checks one record without keeping its fields (read_events); false and `why` when malformed.
    virtual bool validate(std::string_view record, std::string& why) {
        Event scratch;
        return flatten(record, scratch, nullptr, why);
    }

    //! Parses a piece of whole records (the parallel path). `piece` is writable memory owned by
    //! the caller, followed by `readable_after` readable bytes; the parser may overwrite it (XML
    //! is parsed in place). `file_start`: the piece starts the file (BOM check). `select`
    //! (optional) picks the records to parse; line numbers in `stats.bad` count from 1 at the
    //! piece's start.
    virtual void parse_piece(std::string_view piece, size_t readable_after, bool file_start, const LineSelector* select,
                             const FieldProjection* projection, const OnEvent& on_event, PieceStats& stats) = 0;
};

//! Bytes every record handed to RecordParser::flatten must have readable after it (simdjson's padding).
inline constexpr size_t kRecordPadding = 64;

//! One way a file holds its events. Implementations are stateless singletons.
class RecordFormat {
public:
    virtual ~RecordFormat() = default;
    //! "json_lines", "json_array", "cloudtrail_records", "xml_win_event_log", "evtx".
    virtual std::string_view name() const = 0;

    //! A plain (not gzip) file of this format can be cut in pieces parsed on every core.
    virtual bool reads_in_pieces() const { return false; }
    //! Where a piece may start, for a format read in pieces: called with the text right after a
    //! newline, true when a record may begin there. JSON lines: every line.
    virtual bool piece_starts_at(std::string_view after_newline) const { return true; }

    //! `literal` (lower-case) found in the search on a field this format extracts is found, byte
    //! for byte up to ASCII case, in the raw text of every event whose field holds it: a sound raw
    //! prefilter literal. JSON: no character JSON escapes or may escape (" \ /); XML: no character
    //! that an entity may stand for (& < > " ').
    virtual bool literal_safe(std::string_view literal) const = 0;

    //! A parser for this format (one per thread).
    virtual std::unique_ptr<RecordParser> parser() const = 0;

    //! Streams the records of `file`. `in` is already open on it (gzip inflated); `head` holds the
    //! plain bytes already read from it (they come first). Each record's text, followed by
    //! kRecordPadding readable bytes, goes to `on_record` with its line (or EVTX record number);
    //! malformed ones are counted in `stats` (with file:line) and skipped.
    using OnRecord = std::function<void(std::string_view record, uint64_t line)>;
    virtual void stream(const std::filesystem::path& file, ByteSource& in, std::string head, const OnRecord& on_record,
                        ReadStats& stats) const = 0;

    //! The metadata this format derives from the event itself when none was declared: XmlWinEventLog
    //! gives `source` (XmlWinEventLog:<Channel>) and `host` (Computer). The flattener emits them.
    virtual bool derives_source_and_host() const { return false; }
};

const RecordFormat& json_lines_format();
const RecordFormat& json_array_format();
const RecordFormat& cloudtrail_records_format();
const RecordFormat& xml_event_format();
const RecordFormat& evtx_format();

//! The format of a file from its first plain bytes and its declared sourcetype: the content
//! decides when it is recognisable ("ElfFile\0" → EVTX, `<Event`/`<?xml`/`<Events` → XML events,
//! `[` → JSON array, `{"Records":[` → CloudTrail, `{` → JSON lines); otherwise an XML sourcetype
//! (XmlWinEventLog, WinEventLog, XmlWinEventLog:*, any case) means XML events, anything else JSON
//! lines (whose reader then reports the lines that are not JSON). nullptr: no bytes but spaces.
//! Never the file name.
const RecordFormat* detect_format(std::string_view head, std::string_view sourcetype = {});

//! The sourcetype names Windows events come under (case-insensitive): XmlWinEventLog,
//! XmlWinEventLog:<anything>, WinEventLog, WinEventLog:<anything>.
bool windows_event_sourcetype(std::string_view sourcetype);

}  // namespace minispl
