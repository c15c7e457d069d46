// Event input through the record formats: open, sniff, stream the records, validate or flatten.
#include "minispl/io/event_reader.hpp"

#include <atomic>

#include "minispl/io/byte_source.hpp"
#include "minispl/io/json_lines_piece.hpp"
#include "minispl/io/record_format.hpp"
#include "record_stream.hpp"

namespace minispl {

RecordReader::RecordReader(const std::filesystem::path& file, std::string_view sourcetype)
    : file_(file), src_(std::make_unique<ByteSource>(file)) {
    try {
        head_ = detail::read_head(*src_);
    } catch (const SplError& e) {
        // a read error or corrupt gzip data at once: reported by stream(), as a bad first record
        head_.clear();
        head_error_ = e.what();
    }
    format_ = detect_format(head_, sourcetype);
}

RecordReader::~RecordReader() = default;

// Streams the records to `on_record`. A read error or corrupt gzip data part-way keeps what was
// read and reports the rest at the last record's line.
void RecordReader::stream(ReadStats& stats, const std::function<void(std::string_view, uint64_t)>& on_record) {
    uint64_t last_line = 1;
    try {
        if (!head_error_.empty()) throw SplError("input", head_error_);
        if (!format_) {
            stats.bytes += head_.size();
            return;
        }
        format_->stream(file_, *src_, std::move(head_),
                        [&](std::string_view record, uint64_t line) {
                            last_line = line;
                            on_record(record, line);
                        },
                        stats);
    } catch (const SplError& e) {
        count_bad_record(stats, src_->name(), last_line, e.what());
    }
}

void RecordReader::read_raw(const RawEventCallback& on_event, ReadStats& stats) {
    std::unique_ptr<RecordParser> parser = format_ ? format_->parser() : nullptr;
    stream(stats, [&](std::string_view text, uint64_t line) {
        std::string why = record_size_problem(text.size());
        if (!why.empty()) return count_bad_record(stats, src_->name(), line, why);
        if (!parser->validate(text, why)) return count_bad_record(stats, src_->name(), line, why);
        ++stats.events;
        on_event(text, line);
    });
}

void RecordReader::read_flat(const FlatEventCallback& on_event, ReadStats& stats, const RawFilter& keep,
                             const FieldProjection* projection) {
    std::unique_ptr<RecordParser> parser = format_ ? format_->parser() : nullptr;
    stream(stats, [&](std::string_view text, uint64_t line) {
        if (std::string too_big = record_size_problem(text.size()); !too_big.empty())
            return count_bad_record(stats, src_->name(), line, too_big);
        if (keep && !keep(text)) {
            ++stats.skipped;
            return;
        }
        Event ev;
        ev.fields().reserve(projection ? projection->names().size() + 1 : 48);
        std::string why;
        if (!parser->flatten(text, ev, projection, why))
            return count_bad_record(stats, src_->name(), line, why.empty() ? "malformed record" : why);
        ++stats.events;
        on_event(ev, line);
    });
}

namespace {
std::atomic<size_t> g_max_record_bytes{64u << 20};
}  // namespace

void set_max_record_bytes(size_t n) { g_max_record_bytes.store(n); }
size_t max_record_bytes() { return g_max_record_bytes.load(std::memory_order_relaxed); }

std::string record_size_problem(size_t size, bool at_least) {
    const size_t max = max_record_bytes();
    if (size <= max) return {};
    return std::string("a record of ") + (at_least ? "more than " : "") + std::to_string(size) + " bytes is over the maximum event size of " + std::to_string(max) +
           " bytes (--limit max_event_bytes=N)";
}

void count_bad_record(ReadStats& stats, const std::string& file, uint64_t line, const std::string& why) {
    ++stats.bad_records;
    if (stats.problems.size() < ReadStats::max_problems) stats.problems.push_back(bad_event_diagnostic(file, line, why));
}

void read_events(const std::filesystem::path& file, const RawEventCallback& on_event, ReadStats& stats,
                 std::string_view sourcetype) {
    RecordReader(file, sourcetype).read_raw(on_event, stats);
}

void read_flat_events(const std::filesystem::path& file, const FlatEventCallback& on_event, ReadStats& stats,
                      const RawFilter& keep, const FieldProjection* projection, std::string_view sourcetype) {
    RecordReader(file, sourcetype).read_flat(on_event, stats, keep, projection);
}

}  // namespace minispl
