// Event input: layout detection, chunked JSON-lines reading, array/Records iteration.
#include "minispl/io/event_reader.hpp"

#include "json_flatten_internal.hpp"
#include "minispl/io/byte_source.hpp"
#include "minispl/io/json_lines_piece.hpp"

#include <algorithm>
#include <cstring>
#include <simdjson.h>

namespace minispl {
namespace {

constexpr size_t kPad = simdjson::SIMDJSON_PADDING;
constexpr size_t kChunk = 1 << 20;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

size_t skip_space_and_bom(std::string_view s, size_t i = 0) {
    if (i == 0 && s.size() >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
        (unsigned char)s[2] == 0xBF)
        i = 3;
    while (i < s.size() && is_space(s[i])) ++i;
    return i;
}

//! Per record: validates/consumes the text (with readable padding after it); false = bad record.
enum class Outcome { Event, Bad, Skipped };
using RecordFn = std::function<Outcome(std::string_view json, uint64_t line, std::string& why)>;

class Driver {
public:
    Driver(const std::filesystem::path& file, ReadStats& stats, RecordFn fn)
        : src_(file), stats_(stats), fn_(std::move(fn)) {}

    void run() {
        try {
            run_inner();
        } catch (const SplError& e) {
            // A read error or corrupt gzip data part-way: keep what was read, report the rest.
            bad(line_, e.what());
        }
    }

private:
    void run_inner() {
        buf_.resize(kChunk + kPad);
        fill();
        InputLayout layout = detect_layout(std::string_view(buf_.data(), filled_));
        // Grow the sniffing window if the file starts with a lot of whitespace.
        while (layout == InputLayout::Empty && !eof_) {
            if (filled_ + kChunk + kPad > buf_.size()) buf_.resize(filled_ + kChunk + kPad);
            fill();
            layout = detect_layout(std::string_view(buf_.data(), filled_));
        }
        switch (layout) {
            case InputLayout::Empty: return;
            case InputLayout::JsonLines: return lines();
            case InputLayout::JsonArray:
            case InputLayout::CloudTrailRecords: return document(layout);
        }
    }

    // Reads more bytes after filled_, up to the buffer's end minus padding.
    void fill() {
        while (!eof_ && filled_ + kPad < buf_.size()) {
            size_t n = src_.read(buf_.data() + filled_, buf_.size() - kPad - filled_);
            if (n == 0) {
                eof_ = true;
                break;
            }
            filled_ += n;
            stats_.bytes += n;
        }
    }

    void record(std::string_view text, uint64_t line) {
        std::string why;
        switch (fn_(text, line, why)) {
            case Outcome::Event: ++stats_.events; break;
            case Outcome::Skipped: ++stats_.skipped; break;
            case Outcome::Bad: bad(line, why.empty() ? "truncated or invalid JSON record" : why); break;
        }
    }

    void bad(uint64_t line, const std::string& why) {
        ++stats_.bad_records;
        if (stats_.problems.size() < ReadStats::max_problems) stats_.problems.push_back(bad_event_diagnostic(src_.name(), line, why));
    }

    // JSON lines: complete lines are processed from a bounded buffer; a line longer than the
    // buffer grows it.
    void lines() {
        size_t start = 0;
        for (;;) {
            char* base = buf_.data();
            size_t pos = start;
            while (pos < filled_) {
                const char* nl = static_cast<const char*>(std::memchr(base + pos, '\n', filled_ - pos));
                if (!nl) break;
                size_t end = static_cast<size_t>(nl - base);
                ++line_;
                line(std::string_view(base + pos, end - pos));
                pos = end + 1;
            }
            start = pos;
            if (eof_) {
                if (start < filled_) {
                    ++line_;
                    // Padding after the last line must be readable: the buffer always keeps kPad spare.
                    line(std::string_view(base + start, filled_ - start));
                }
                return;
            }
            // Move the partial line to the front, growing when one line fills the buffer.
            size_t rest = filled_ - start;
            if (start > 0) std::memmove(base, base + start, rest);
            filled_ = rest;
            start = 0;
            if (filled_ + kPad + kChunk / 2 > buf_.size()) buf_.resize(std::max(buf_.size() * 2, filled_ + kChunk + kPad));
            fill();
        }
    }

    void line(std::string_view text) {
        text = trim_record_line(text, line_ == 1);
        if (text.empty()) return;
        record(text, line_);
    }

    // Array or Records: streamed. The top-level array's elements are found by tracking strings and
    // nesting over the chunked buffer (only the element being read is kept), and each element is
    // handed to the record callback, which validates it; a broken element is reported and skipped.
    void document(InputLayout layout) {
        size_t pos = 0;
        uint64_t line = 1;
        // The array's `[`: the first one for a plain array; after "Records": for CloudTrail. Both sit
        // in the sniffed head that detect_layout saw.
        auto advance_to_bracket = [&]() -> bool {
            for (; pos < filled_; ++pos) {
                if (buf_[pos] == '\n') ++line;
                if (buf_[pos] == '[') return ++pos, true;
            }
            return false;
        };
        if (layout == InputLayout::CloudTrailRecords) {
            std::string_view head(buf_.data(), filled_);
            size_t key = head.find("\"Records\"");
            line += std::count(buf_.data(), buf_.data() + key, '\n');
            pos = key;
        }
        if (!advance_to_bracket()) return bad(line, "malformed JSON: no array");
        for (;;) {
            // between elements: spaces and commas
            for (;;) {
                if (pos >= filled_) {
                    if (!refill(pos)) return bad(line, "truncated JSON array at end of file");
                    pos = 0;
                    continue;
                }
                char c = buf_[pos];
                if (c == '\n') ++line;
                if (!is_space(c) && c != ',') break;
                ++pos;
            }
            if (buf_[pos] == ']') return;
            // one element: up to the matching close at depth 0 (or the next separator for a scalar)
            size_t start = pos;
            const uint64_t start_line = line;
            int depth = 0;
            bool in_str = false, escaped = false, done = false;
            while (!done) {
                if (pos >= filled_) {
                    size_t shift = start;
                    if (!refill(start)) return bad(start_line, "truncated JSON record at end of file");
                    pos -= shift;
                    start = 0;
                    continue;
                }
                char d = buf_[pos];
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
            record(std::string_view(buf_.data() + start, pos - start), start_line);
        }
    }

    // Keeps buf_[keep, filled_) (moved to the front) and reads more after it; false at end of input.
    bool refill(size_t keep) {
        if (eof_) return false;
        size_t rest = filled_ - keep;
        if (keep > 0) std::memmove(buf_.data(), buf_.data() + keep, rest);
        filled_ = rest;
        if (filled_ + kPad + kChunk / 2 > buf_.size()) buf_.resize(std::max(buf_.size() * 2, filled_ + kChunk + kPad));
        size_t before = filled_;
        fill();
        return filled_ > before;
    }

    ByteSource src_;
    ReadStats& stats_;
    RecordFn fn_;
    std::vector<char> buf_;
    size_t filled_ = 0;
    bool eof_ = false;
    uint64_t line_ = 0;
};

}  // namespace

InputLayout detect_layout(std::string_view head) {
    size_t i = skip_space_and_bom(head);
    if (i >= head.size()) return InputLayout::Empty;
    if (head[i] == '[') return InputLayout::JsonArray;
    if (head[i] == '{') {
        // {"Records": [ ... — CloudTrail's S3 delivery format
        size_t j = skip_space_and_bom(head, i + 1);
        static constexpr std::string_view key = "\"Records\"";
        if (head.substr(j, key.size()) == key) {
            j = skip_space_and_bom(head, j + key.size());
            if (j < head.size() && head[j] == ':') {
                j = skip_space_and_bom(head, j + 1);
                if (j < head.size() && head[j] == '[') return InputLayout::CloudTrailRecords;
            }
        }
    }
    return InputLayout::JsonLines;
}

void read_events(const std::filesystem::path& file, const RawEventCallback& on_event, ReadStats& stats) {
    simdjson::dom::parser validator;
    Driver d(file, stats, [&](std::string_view json, uint64_t line, std::string& why) {
        if (json.empty() || json.front() != '{') {
            why = "not a JSON object";
            return Outcome::Bad;
        }
        simdjson::dom::element root;
        if (auto e = validator.parse(json.data(), json.size(), false).get(root)) {
            why = std::string("truncated or invalid JSON (") + simdjson::error_message(e) + ")";
            return Outcome::Bad;
        }
        on_event(json, line);
        return Outcome::Event;
    });
    d.run();
}

void read_flat_events(const std::filesystem::path& file, const FlatEventCallback& on_event, ReadStats& stats,
                      const RawFilter& keep, const FieldProjection* projection) {
    const bool raw = !projection || projection->wants_raw();
    simdjson::ondemand::parser parser;
    Driver d(file, stats, [&](std::string_view json, uint64_t line, std::string& why) {
        if (keep && !keep(json)) return Outcome::Skipped;
        Event ev;
        ev.fields().reserve(projection ? projection->names().size() + 1 : 48);
        if (raw) ev.fields().emplace_back("_raw", Value::string(std::string(json)));
        if (!detail::flatten_padded(parser, json, ev, true, projection)) {
            why = json.empty() || json.front() != '{' ? "not a JSON object" : "truncated or invalid JSON";
            return Outcome::Bad;
        }
        on_event(ev, line);
        return Outcome::Event;
    });
    d.run();
}

}  // namespace minispl
