// The JSON record formats: JSON lines (read in pieces on every core when plain), a JSON array
// of objects, and CloudTrail's {"Records":[...]} delivery files (both streamed element by element).
#include "minispl/io/json_lines_piece.hpp"
#include "minispl/io/record_format.hpp"
#include "record_stream.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <simdjson.h>

namespace minispl {
namespace {

using detail::is_space;
using detail::StreamBuffer;
static_assert(kRecordPadding >= simdjson::SIMDJSON_PADDING, "records must carry simdjson's padding");

// A literal the raw JSON text holds byte for byte (up to ASCII case) wherever the value does:
// printable ASCII, none of the characters JSON escapes or may escape (" \ /).
bool json_literal_safe(std::string_view s) {
    for (unsigned char c : s)
        if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '/') return false;
    return true;
}

//! One JSON object per line. Complete lines are cut out of a bounded buffer; a line longer than
//! the buffer grows it.
class JsonLinesFormat : public RecordFormat {
public:
    std::string_view name() const override { return "json_lines"; }
    bool reads_in_pieces() const override { return true; }
    bool literal_safe(std::string_view literal) const override { return json_literal_safe(literal); }
    std::unique_ptr<RecordParser> parser() const override { return std::make_unique<JsonLinesParser>(); }

    void stream(const std::filesystem::path&, ByteSource& src, std::string head, const OnRecord& on_record,
                ReadStats& stats) const override {
        StreamBuffer in(src, std::move(head), stats);
        uint64_t line_no = 0;
        auto line = [&](std::string_view text) {
            ++line_no;
            text = trim_record_line(text, line_no == 1);
            if (!text.empty()) on_record(text, line_no);
        };
        size_t start = 0;
        for (;;) {
            char* base = in.data();
            size_t pos = start;
            while (pos < in.filled()) {
                const char* nl = static_cast<const char*>(std::memchr(base + pos, '\n', in.filled() - pos));
                if (!nl) break;
                size_t end = static_cast<size_t>(nl - base);
                line(std::string_view(base + pos, end - pos));
                pos = end + 1;
            }
            start = pos;
            if (in.eof()) {
                if (start < in.filled()) line(std::string_view(base + start, in.filled() - start));
                return;
            }
            if (in.filled() - start > max_record_bytes()) {
                // A line past the maximum event size is not kept whole (a many-GB line would
                // exhaust memory first): report it and drop bytes up to its newline.
                ++line_no;
                count_bad_record(stats, in.name(), line_no, record_size_problem(in.filled() - start, true));
                if (!skip_past_newline(in)) return;
                start = 0;
                continue;
            }
            in.refill(start);
            start = 0;
        }
    }

private:
    //! Drops bytes up to and including the next newline; false at the end of the input. The
    //! buffer then holds what follows that newline at its front.
    static bool skip_past_newline(StreamBuffer& in) {
        for (;;) {
            in.refill(in.filled());  // keeps nothing
            if (in.filled() == 0) return false;
            const char* nl = static_cast<const char*>(std::memchr(in.data(), '\n', in.filled()));
            if (nl) {
                in.refill(static_cast<size_t>(nl - in.data()) + 1);
                return true;
            }
            if (in.eof()) return false;
        }
    }
};

//! A JSON array of objects, or CloudTrail's {"Records": [...]}: the top-level array's elements
//! are found by tracking strings and nesting over the chunked buffer (only the element being read
//! is kept), each handed out as one record; a broken element is reported and skipped.
class JsonDocumentFormat : public RecordFormat {
public:
    explicit JsonDocumentFormat(bool records) : records_(records) {}
    std::string_view name() const override { return records_ ? "cloudtrail_records" : "json_array"; }
    bool literal_safe(std::string_view literal) const override { return json_literal_safe(literal); }
    std::unique_ptr<RecordParser> parser() const override { return std::make_unique<JsonLinesParser>(); }

    void stream(const std::filesystem::path&, ByteSource& src, std::string head, const OnRecord& on_record,
                ReadStats& stats) const override {
        StreamBuffer in(src, std::move(head), stats);
        auto bad = [&](uint64_t line, const std::string& why) { count_bad_record(stats, in.name(), line, why); };
        size_t pos = 0;
        uint64_t line = 1;
        // The array's `[`: the first one for a plain array; after "Records": for CloudTrail. Both
        // sit in the sniffed head that detect_format saw.
        if (records_) {
            size_t key = in.text().find("\"Records\"");
            line += std::count(in.data(), in.data() + key, '\n');
            pos = key;
        }
        auto advance_to_bracket = [&]() -> bool {
            for (; pos < in.filled(); ++pos) {
                if (in.data()[pos] == '\n') ++line;
                if (in.data()[pos] == '[') return ++pos, true;
            }
            return false;
        };
        if (!advance_to_bracket()) return bad(line, "malformed JSON: no array");
        for (;;) {
            // between elements: spaces and commas
            for (;;) {
                if (pos >= in.filled()) {
                    if (!in.refill(pos)) return bad(line, "truncated JSON array at end of file");
                    pos = 0;
                    continue;
                }
                char c = in.data()[pos];
                if (c == '\n') ++line;
                if (!is_space(c) && c != ',') break;
                ++pos;
            }
            if (in.data()[pos] == ']') return;
            // one element: up to the matching close at depth 0 (or the next separator for a scalar)
            size_t start = pos;
            const uint64_t start_line = line;
            int depth = 0;
            bool in_str = false, escaped = false, done = false;
            size_t dropped = 0;  // bytes of an element past the maximum event size, not kept
            while (!done) {
                if (pos >= in.filled()) {
                    // Past the maximum event size the element is scanned to its end but not kept.
                    size_t keep = dropped || pos - start > max_record_bytes() ? pos : start;
                    dropped += keep - start;
                    if (!in.refill(keep)) return bad(start_line, "truncated JSON record at end of file");
                    pos -= keep;
                    start = 0;
                    continue;
                }
                char d = in.data()[pos];
                if (d == '\n') ++line;
                if (in_str) {
                    if (escaped) escaped = false;
                    else if (d == '\\') escaped = true;
                    else if (d == '"') in_str = false;
                    ++pos;
                    continue;
                }
                if (d == '"') in_str = true;
                else if (d == '{' || d == '[') ++depth;
                else if (d == '}' || d == ']') {
                    if (depth == 0) break;  // a scalar element right before the array's end
                    if (--depth == 0) done = true;
                } else if (depth == 0 && (d == ',' || is_space(d))) {
                    break;
                }
                ++pos;
            }
            if (pos == start) {
                // A stray `}` where an element should start: nothing was consumed, so skip it
                // (else the loop would stop at the same byte forever) and say so.
                bad(start_line, fmt::format("malformed JSON array: unexpected '{}'", in.data()[pos]));
                ++pos;
                continue;
            }
            if (dropped) {
                bad(start_line, record_size_problem(dropped + pos - start));
                continue;
            }
            on_record(std::string_view(in.data() + start, pos - start), start_line);
        }
    }

private:
    bool records_;
};

}  // namespace

const RecordFormat& json_lines_format() {
    static const JsonLinesFormat f;
    return f;
}
const RecordFormat& json_array_format() {
    static const JsonDocumentFormat f(false);
    return f;
}
const RecordFormat& cloudtrail_records_format() {
    static const JsonDocumentFormat f(true);
    return f;
}

}  // namespace minispl
