#pragma once
// Reading events from files in any record format (io/record_format.hpp): JSON lines, JSON arrays,
// CloudTrail {"Records":[...]}, XmlWinEventLog, EVTX; gzip inflated on the way.
#include "minispl/core/diagnostic.hpp"
#include "minispl/core/event.hpp"
#include "minispl/io/field_projection.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace minispl {

//! Counts and first problems of one read.
struct ReadStats {
    uint64_t events = 0;
    uint64_t bad_records = 0;           //!< truncated or non-JSON lines/records, skipped
    uint64_t bytes = 0;                 //!< plain (decompressed) bytes read
    uint64_t skipped = 0;               //!< records a prefilter rejected before parsing (not validated)
    uint64_t peak_buffer = 0;           //!< the largest read buffer a streamed reader held (bytes)
    std::vector<Diagnostic> problems;   //!< the first few bad records, with file and line
    static constexpr size_t max_problems = 10;
};

//! Called with each record's text (a JSON object, an XML event) and the line it starts on (EVTX:
//! its record number).
using RawEventCallback = std::function<void(std::string_view json, uint64_t line)>;
//! Called with each event, already flattened (first field `_raw`, unless a projection leaves it
//! out), and the line it starts on.
//! The callback may move from `event`.
using FlatEventCallback = std::function<void(Event& event, uint64_t line)>;

//! Reads one file ("-" = stdin), choosing the record format from its first plain bytes and the
//! declared `sourcetype` (detect_format) and gzip from its magic bytes. Each record is validated
//! (a JSON object, a well-formed XML event); malformed ones are counted in `stats` (rule
//! "bad-event", file:line) and skipped. Throws SplError ("input") when the file cannot be opened.
//! Records stream through a bounded buffer (a record longer than it grows it).
void read_events(const std::filesystem::path& file, const RawEventCallback& on_event, ReadStats& stats,
                 std::string_view sourcetype = {});

//! Like read_events, but flattens each record with its format's extraction (JSON: flatten_json;
//! XmlWinEventLog: flatten_win_event_xml) and hands out an Event holding `_raw` then the
//! extracted fields. One parse per record: the fast path.
//! `keep`, when given, sees each record's text first: a record it rejects is skipped unparsed
//! (counted in `stats.skipped`, not in `events`).
//! `projection`, when given, limits extraction to its names (see flatten_json), and `_raw` is
//! added only when it wants `_raw`.
using RawFilter = std::function<bool(std::string_view json)>;
void read_flat_events(const std::filesystem::path& file, const FlatEventCallback& on_event, ReadStats& stats,
                      const RawFilter& keep = {}, const FieldProjection* projection = nullptr,
                      std::string_view sourcetype = {});

class ByteSource;
class RecordFormat;

//! One input opened and its format sniffed (read_events and read_flat_events in two steps, for a
//! caller that must know the format before the first event). Throws SplError("input") when the
//! file cannot be opened.
class RecordReader {
public:
    RecordReader(const std::filesystem::path& file, std::string_view sourcetype);
    ~RecordReader();
    RecordReader(const RecordReader&) = delete;
    RecordReader& operator=(const RecordReader&) = delete;
    //! nullptr for an input with no bytes but spaces.
    const RecordFormat* format() const { return format_; }
    //! read_events / read_flat_events over the rest; call one of them once.
    void read_raw(const RawEventCallback& on_event, ReadStats& stats);
    void read_flat(const FlatEventCallback& on_event, ReadStats& stats, const RawFilter& keep = {},
                   const FieldProjection* projection = nullptr);

private:
    void stream(ReadStats& stats, const std::function<void(std::string_view, uint64_t)>& on_record);
    std::filesystem::path file_;
    std::unique_ptr<ByteSource> src_;
    std::string head_, head_error_;
    const RecordFormat* format_ = nullptr;
};

//! Counts a malformed record in `stats`, keeping the first few with file:line.
void count_bad_record(ReadStats& stats, const std::string& file, uint64_t line, const std::string& why);

//! The largest record (a line, an XML event, an EVTX record) the readers parse, process-wide
//! (limits.conf-style `max_event_bytes`, Limits::max_event_bytes); a larger one is a bad record
//! with its size named, never parsed. Default 64 MiB.
void set_max_record_bytes(size_t n);
size_t max_record_bytes();
//! "" when `size` is within max_record_bytes(), else the bad-record reason. `at_least`: the
//! record is longer still (a streamed reader stops keeping it at the limit and skips the rest).
std::string record_size_problem(size_t size, bool at_least = false);

}  // namespace minispl
