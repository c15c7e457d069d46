#pragma once
// Reading JSON events from files: JSON lines, JSON arrays, CloudTrail {"Records":[...]}, gzip.
#include "minispl/core/diagnostic.hpp"
#include "minispl/core/event.hpp"
#include "minispl/io/field_projection.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
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
    std::vector<Diagnostic> problems;   //!< the first few bad records, with file and line
    static constexpr size_t max_problems = 10;
};

//! How a file holds its events (detected from its first non-space bytes).
enum class InputLayout { JsonLines, JsonArray, CloudTrailRecords, Empty };

//! Called with each event's JSON text (one object) and the line it starts on.
using RawEventCallback = std::function<void(std::string_view json, uint64_t line)>;
//! Called with each event, already flattened (first field `_raw`, unless a projection leaves it
//! out), and the line it starts on.
//! The callback may move from `event`.
using FlatEventCallback = std::function<void(Event& event, uint64_t line)>;

//! Reads one file ("-" = stdin), detecting the layout from its first non-space bytes and gzip
//! from its magic bytes. Each record is validated (a JSON object); malformed ones are counted in
//! `stats` (rule "bad-event", file:line) and skipped. Throws SplError ("input") when the file
//! cannot be opened.
//! JSON lines stream through a bounded buffer; an array or Records file is held in memory whole
//! (simdjson On-Demand over the array, each element's raw text handed out).
void read_events(const std::filesystem::path& file, const RawEventCallback& on_event, ReadStats& stats);

//! Like read_events, but flattens each record with Splunk's JSON extraction (flatten_json) and
//! hands out an Event holding `_raw` then the extracted fields. One parse per record: the fast path.
//! `keep`, when given, sees each record's text first: a record it rejects is skipped unparsed
//! (counted in `stats.skipped`, not in `events`).
//! `projection`, when given, limits extraction to its names (see flatten_json), and `_raw` is
//! added only when it wants `_raw`.
using RawFilter = std::function<bool(std::string_view json)>;
void read_flat_events(const std::filesystem::path& file, const FlatEventCallback& on_event, ReadStats& stats,
                      const RawFilter& keep = {}, const FieldProjection* projection = nullptr);

//! The layout read_events would use for a file's opening bytes.
InputLayout detect_layout(std::string_view head);

}  // namespace minispl
