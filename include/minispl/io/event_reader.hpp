#pragma once
// Reading JSON events from files: JSON lines, JSON arrays, CloudTrail {"Records":[...]}, gzip.
#include "minispl/core/diagnostic.hpp"

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
    uint64_t bytes = 0;
    std::vector<Diagnostic> problems;   //!< the first few bad records, with file and line
};

//! Called with each event's JSON text (one object) and the line it starts on.
using RawEventCallback = std::function<void(std::string_view json, uint64_t line)>;

//! Reads one file ("-" = stdin), detecting the layout from its first non-space bytes and gzip
//! from its magic bytes. Malformed records are counted in `stats` and skipped. Throws SplError
//! ("input") when the file cannot be opened.
void read_events(const std::filesystem::path& file, const RawEventCallback& on_event, ReadStats& stats);

}  // namespace minispl
