// XmlWinEventLog files: one `<Event ...>...</Event>` per line as Splunk writes them, events
// pretty-printed over several lines, concatenated events, wevtutil's <Events> wrapper, gzip of
// each. Records are cut at `<Event` ... `</Event>`; a plain file is cut in pieces where a line
// starts an event, so big files are parsed on every core like JSON lines.
#include "minispl/io/json_lines_piece.hpp"
#include "minispl/io/event_reader.hpp"
#include "minispl/io/record_format.hpp"
#include "minispl/io/win_event_xml.hpp"
#include "record_stream.hpp"

#include <algorithm>
#include <cstring>

namespace minispl {
namespace {

using detail::is_space;

bool tag_delim(char c) { return c == '>' || c == '/' || is_space(c); }

// The next `<Event` followed by a space, `>` or `/` in [from, limit) (not `<EventData`, `<Events`).
size_t find_event_start(std::string_view text, size_t from, size_t limit) {
    static constexpr std::string_view kOpen = "<Event";
    while (from + kOpen.size() < limit) {
        const void* p = memmem(text.data() + from, limit - from, kOpen.data(), kOpen.size());
        if (!p) return std::string_view::npos;
        const size_t at = static_cast<size_t>(static_cast<const char*>(p) - text.data());
        if (at + kOpen.size() < text.size() && tag_delim(text[at + kOpen.size()])) return at;
        from = at + 1;
    }
    return std::string_view::npos;
}

// The last event start in [from, to] (the record a prefilter hit at `to` lies in), npos if none.
size_t rfind_event_start(std::string_view text, size_t from, size_t to) {
    static constexpr std::string_view kOpen = "<Event";
    size_t at = to + 1;
    while (at > from) {
        const void* p = memrchr(text.data() + from, '<', at - from);
        if (!p) return std::string_view::npos;
        at = static_cast<size_t>(static_cast<const char*>(p) - text.data());
        if (text.substr(at, kOpen.size()) == kOpen && at + kOpen.size() < text.size() &&
            tag_delim(text[at + kOpen.size()]))
            return at;
    }
    return std::string_view::npos;
}

uint64_t count_event_starts(std::string_view text, size_t from, size_t to) {
    uint64_t n = 0;
    for (size_t at = find_event_start(text, from, to); at != std::string_view::npos; at = find_event_start(text, at + 1, to))
        ++n;
    return n;
}

//! What comes next in an XML events text.
struct XmlStep {
    enum Kind { Record, Bad, End, NeedMore } kind;
    size_t begin = 0, end = 0;  // Record/Bad: the text's range; NeedMore: where to resume
    const char* why = "";
};

// From `pos`: skips spaces, XML declarations, comments and a <Events> wrapper, then gives the next
// event, or a bad stretch (a truncated event, up to the next event start; a line that is not
// XML). `at_end`: nothing follows `text`; otherwise an unfinished item asks for more.
XmlStep next_xml_item(std::string_view text, size_t pos, bool at_end) {
    const size_t n = text.size();
    auto more_or_bad = [&](size_t at, const char* why) {
        return at_end ? XmlStep{XmlStep::Bad, at, n, why} : XmlStep{XmlStep::NeedMore, at, at};
    };
    for (;;) {
        while (pos < n && is_space(text[pos])) ++pos;
        if (pos >= n) return at_end ? XmlStep{XmlStep::End} : XmlStep{XmlStep::NeedMore, pos, pos};
        std::string_view rest = text.substr(pos);
        if (rest.size() < 10 && !at_end && std::string_view("<Event").substr(0, rest.size()) == rest.substr(0, 6))
            return {XmlStep::NeedMore, pos, pos};
        auto skip_to = [&](std::string_view close) -> bool {
            size_t e = text.find(close, pos);
            if (e == std::string_view::npos) return false;
            pos = e + close.size();
            return true;
        };
        if (rest.substr(0, 2) == "<?") {
            if (!skip_to("?>")) return more_or_bad(pos, "truncated XML declaration");
            continue;
        }
        if (rest.substr(0, 4) == "<!--") {
            if (!skip_to("-->")) return more_or_bad(pos, "truncated XML comment");
            continue;
        }
        if (rest.substr(0, 7) == "<Events" && rest.size() > 7 && tag_delim(rest[7])) {
            if (!skip_to(">")) return more_or_bad(pos, "truncated <Events> tag");
            continue;
        }
        if (rest.substr(0, 9) == "</Events>") {
            pos += 9;
            continue;
        }
        if (rest.size() > 6 && rest.substr(0, 6) == "<Event" && tag_delim(rest[6])) {
            static constexpr std::string_view kClose = "</Event>";
            const size_t close = text.find(kClose, pos + 6);
            const size_t limit = close == std::string_view::npos ? n : close;
            const size_t next = find_event_start(text, pos + 6, limit);
            if (next != std::string_view::npos) return {XmlStep::Bad, pos, next, "truncated or unbalanced XML event"};
            if (close != std::string_view::npos) return {XmlStep::Record, pos, close + kClose.size()};
            return more_or_bad(pos, "truncated XML event at end of file");
        }
        // Not XML: the rest of the line, or up to an event starting on it.
        const char* nl = static_cast<const char*>(std::memchr(text.data() + pos, '\n', n - pos));
        if (!nl && !at_end) return {XmlStep::NeedMore, pos, pos};
        size_t end = nl ? static_cast<size_t>(nl - text.data()) : n;
        const size_t ev = find_event_start(text, pos + 1, end);
        if (ev != std::string_view::npos) end = ev;
        return {XmlStep::Bad, pos, end, text[pos] == '<' ? "not an XML <Event> (unknown element)" : "not an XML event"};
    }
}

//! Parses XML event records into flattened events, in place where it may.
class XmlEventParser : public RecordParser {
public:
    bool flatten(std::string_view record, Event& event, const FieldProjection* projection, std::string& why) override {
        return xml_.flatten(record, event, projection, why);
    }

    void parse_piece(std::string_view piece, size_t, bool file_start, const LineSelector* select,
                     const FieldProjection* projection, const OnEvent& on_event, PieceStats& stats) override {
        char* const base = const_cast<char*>(piece.data());
        size_t pos = file_start && piece.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
        size_t counted = 0;  // newlines before it are in `line`: bad records count lines once
        uint64_t line = 1;
        auto bad = [&](size_t at, const std::string& why) {
            ++stats.bad_records;
            if (stats.bad.size() >= ReadStats::max_problems) return;
            line += static_cast<uint64_t>(std::count(base + counted, base + at, '\n'));
            counted = at;
            stats.bad.emplace_back(line, why);
        };
        std::string why;
        while (pos < piece.size()) {
            if (select) {
                const size_t hit = select->next_hit(pos);
                if (hit == std::string_view::npos || hit >= piece.size()) {
                    stats.skipped += count_event_starts(piece, pos, piece.size());
                    return;
                }
                const size_t start = rfind_event_start(piece, pos, hit);
                if (start != std::string_view::npos && start > pos) {
                    stats.skipped += count_event_starts(piece, pos, start);
                    pos = start;
                }
            }
            const XmlStep step = next_xml_item(piece, pos, true);
            if (step.kind == XmlStep::End || step.kind == XmlStep::NeedMore) return;
            pos = std::max(step.end, pos + 1);
            if (step.kind == XmlStep::Bad) {
                bad(step.begin, step.why);
                continue;
            }
            std::string_view text = piece.substr(step.begin, step.end - step.begin);
            if (std::string too_big = record_size_problem(text.size()); !too_big.empty()) {
                bad(step.begin, too_big);
                continue;
            }
            if (select && !select->keep(text)) {
                ++stats.skipped;
                continue;
            }
            Event ev;
            ev.fields().reserve(projection ? projection->names().size() + 8 : 48);
            if (!xml_.flatten_in_place(base + step.begin, text.size(), ev, projection, why)) {
                bad(step.begin, why);
                continue;
            }
            ++stats.events;
            on_event(ev);
        }
    }

private:
    WinEventXmlFlattener xml_;
};

class XmlEventFormat : public RecordFormat {
public:
    std::string_view name() const override { return "xml_win_event_log"; }
    bool reads_in_pieces() const override { return true; }
    bool piece_starts_at(std::string_view after_newline) const override {
        size_t i = 0;
        while (i < after_newline.size() && (after_newline[i] == ' ' || after_newline[i] == '\t')) ++i;
        return after_newline.size() > i + 6 && after_newline.substr(i, 6) == "<Event" && tag_delim(after_newline[i + 6]);
    }
    bool literal_safe(std::string_view s) const override {
        for (unsigned char c : s)
            if (c < 0x20 || c >= 0x7f || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'') return false;
        return true;
    }
    bool derives_source_and_host() const override { return true; }
    std::unique_ptr<RecordParser> parser() const override { return std::make_unique<XmlEventParser>(); }

    void stream(const std::filesystem::path&, ByteSource& src, std::string head, const OnRecord& on_record,
                ReadStats& stats) const override {
        detail::StreamBuffer in(src, std::move(head), stats);
        size_t pos = in.text().substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
        uint64_t line = 1;      // the line `counted` is on
        size_t counted = 0;     // newlines before it are in `line`
        auto line_at = [&](size_t at) {
            line += static_cast<uint64_t>(std::count(in.data() + counted, in.data() + at, '\n'));
            counted = at;
            return line;
        };
        for (;;) {
            const XmlStep step = next_xml_item(in.text(), pos, in.eof());
            switch (step.kind) {
                case XmlStep::End: return;
                case XmlStep::NeedMore: {
                    line_at(step.begin);
                    if (in.filled() - step.begin > max_record_bytes()) {
                        // An event past the maximum event size is not kept whole: report it and
                        // drop bytes up to its end tag.
                        count_bad_record(stats, in.name(), line,
                                         record_size_problem(in.filled() - step.begin, true));
                        counted = 0;
                        if (!skip_past_end_tag(in, step.begin, line)) return;
                        pos = 0;
                        continue;
                    }
                    if (!in.refill(step.begin)) {
                        // the input ended: read what is left as the end
                        pos = 0;
                        counted = 0;
                        continue;
                    }
                    pos = 0;
                    counted = 0;
                    continue;
                }
                case XmlStep::Bad:
                    count_bad_record(stats, in.name(), line_at(step.begin), step.why);
                    pos = std::max(step.end, step.begin + 1);
                    continue;
                case XmlStep::Record:
                    on_record(std::string_view(in.data() + step.begin, step.end - step.begin), line_at(step.begin));
                    pos = step.end;
                    continue;
            }
        }
    }

private:
    //! Drops bytes from `from` up to and including the next `</Event>`, counting the newlines
    //! dropped into `line`; false when the input ends first. What follows is then at the
    //! buffer's front.
    static bool skip_past_end_tag(detail::StreamBuffer& in, size_t from, uint64_t& line) {
        static constexpr std::string_view kEnd = "</Event>";
        for (;;) {
            const size_t at = in.text().find(kEnd, from);
            const size_t drop = at != std::string_view::npos
                                    ? at + kEnd.size()
                                    : std::max(from, in.filled() - std::min(in.filled(), kEnd.size() - 1));
            line += static_cast<uint64_t>(std::count(in.data() + from, in.data() + drop, '\n'));
            from = 0;
            const bool more = in.refill(drop);
            if (at != std::string_view::npos) return true;
            if (!more) return false;
        }
    }
};

}  // namespace

const RecordFormat& xml_event_format() {
    static const XmlEventFormat f;
    return f;
}

}  // namespace minispl
