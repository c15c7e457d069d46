// XmlWinEventLog and EVTX files through the readers: detection, layouts (one per line,
// pretty-printed, concatenated, <Events>, gzip), pieces, prefilter-safe literals, bad input.
#include "minispl/io/event_reader.hpp"
#include "minispl/io/json_lines_piece.hpp"
#include "minispl/io/piece_file.hpp"
#include "minispl/io/record_format.hpp"

#include "tests/support/scratch_dir.hpp"

#include <doctest/doctest.h>

#include <zlib.h>

using namespace minispl;

namespace {
using Strings = std::vector<std::string>;

std::string event(int id, const std::string& user, bool pretty = false) {
    const std::string nl = pretty ? "\n  " : "";
    return "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>" + nl + "<System>" + nl +
           "<EventID>" + std::to_string(id) + "</EventID>" + nl + "<Channel>Security</Channel>" + nl +
           "<Computer>h1</Computer>" + nl + "</System>" + nl + "<EventData>" + nl + "<Data Name='User'>" + user +
           "</Data>" + nl + "</EventData>" + (pretty ? "\n" : "") + "</Event>";
}

struct Read {
    std::vector<Event> events;
    std::vector<uint64_t> lines;
    ReadStats stats;
};
Read read(const std::filesystem::path& f, std::string_view sourcetype = "XmlWinEventLog") {
    Read r;
    read_flat_events(f, [&](Event& e, uint64_t l) { r.events.push_back(std::move(e)); r.lines.push_back(l); },
                     r.stats, {}, nullptr, sourcetype);
    return r;
}
Strings users(const Read& r) {
    Strings out;
    for (const auto& e : r.events) out.push_back(e.get("User").str());
    return out;
}
std::filesystem::path gzip_file(const std::string& name, const std::string& text) {
    auto p = test::scratch_dir() / name;
    gzFile g = gzopen(p.c_str(), "wb");
    gzwrite(g, text.data(), static_cast<unsigned>(text.size()));
    gzclose(g);
    return p;
}
}  // namespace

TEST_CASE("xml detection: from the first bytes, then the declared sourcetype; never the file name") {
    CHECK(detect_format("<Event xmlns='x'>") == &xml_event_format());
    CHECK(detect_format("\xEF\xBB\xBF  <?xml version='1.0'?>\n<Events>") == &xml_event_format());
    CHECK(detect_format(std::string_view("ElfFile\0\0\0", 10)) == &evtx_format());
    CHECK(detect_format("{\"a\":1}", "XmlWinEventLog") == &json_lines_format());  // content first
    CHECK(detect_format("garbage line\n<Event>", "XmlWinEventLog") == &xml_event_format());
    CHECK(detect_format("garbage line\n<Event>", "xmlwineventlog:Microsoft-Windows-Sysmon/Operational") == &xml_event_format());
    CHECK(detect_format("garbage line\n<Event>", "WinEventLog") == &xml_event_format());
    CHECK(detect_format("garbage line\n<Event>", "aws:cloudtrail") == &json_lines_format());
    CHECK(windows_event_sourcetype("XMLWINEVENTLOG"));
    CHECK(windows_event_sourcetype("XmlWinEventLog:Security"));
    CHECK_FALSE(windows_event_sourcetype("XmlWinEventLogs"));
    CHECK_FALSE(windows_event_sourcetype("aws:cloudtrail"));
}

TEST_CASE("xml prefilter literals: no character an entity may stand for; JSON: none JSON escapes") {
    const RecordFormat& x = xml_event_format();
    CHECK(x.literal_safe("powershell.exe"));
    CHECK(x.literal_safe("c:\\windows\\"));  // backslashes are plain text in XML
    CHECK_FALSE(x.literal_safe("a&b"));
    CHECK_FALSE(x.literal_safe("<x>"));
    CHECK_FALSE(x.literal_safe("it's"));
    CHECK(json_lines_format().literal_safe("createsnapshot"));
    CHECK_FALSE(json_lines_format().literal_safe("c:\\windows"));
    CHECK_FALSE(json_lines_format().literal_safe("a/b"));
    CHECK(evtx_format().literal_safe("4688"));
}

TEST_CASE("xml files: one event per line, pretty-printed, concatenated, <Events> wrapper, gzip") {
    const std::string lines = event(1, "a") + "\n" + event(2, "b") + "\n";
    Read r = read(test::write_scratch_file("lines.log", lines));
    CHECK(users(r) == Strings{"a", "b"});
    CHECK(r.lines == std::vector<uint64_t>{1, 2});
    CHECK(r.stats.bad_records == 0);
    CHECK(r.events[0].get("_raw").str() == event(1, "a"));

    r = read(test::write_scratch_file("pretty.xml", "<?xml version='1.0' encoding='utf-8'?>\n" + event(1, "a", true) +
                                                          "\n" + event(2, "b", true) + "\n"));
    CHECK(users(r) == Strings{"a", "b"});
    CHECK(r.lines == std::vector<uint64_t>{2, 12});

    r = read(test::write_scratch_file("concat.xml", event(1, "a") + event(2, "b") + event(3, "c")));
    CHECK(users(r) == Strings{"a", "b", "c"});

    r = read(test::write_scratch_file("wrapped.xml", "<Events>\n  " + event(1, "a") + "\n  " + event(2, "b") + "\n</Events>\n"),
             "");
    CHECK(users(r) == Strings{"a", "b"});
    CHECK(r.stats.bad_records == 0);

    r = read(gzip_file("lines.log.gz", lines));
    CHECK(users(r) == Strings{"a", "b"});
    r = read(gzip_file("pretty.xml.gz", event(1, "a", true) + "\n" + event(2, "b", true)));
    CHECK(users(r) == Strings{"a", "b"});
}

TEST_CASE("xml streaming: events straddle the 1 MiB buffer, line numbers kept") {
    std::string text;
    const int n = 20000;
    for (int i = 0; i < n; ++i) text += event(i, "u" + std::to_string(i), i % 2 == 0) + "\n";
    Read r = read(gzip_file("many.xml.gz", text));
    REQUIRE(r.events.size() == static_cast<size_t>(n));
    CHECK(r.events.back().get("User").str() == "u" + std::to_string(n - 1));
    CHECK(r.lines[1] == 11);  // event 0 takes 10 lines
    CHECK(r.stats.bad_records == 0);
}

TEST_CASE("xml bad input: each counted with file:line, the rest read") {
    const std::string text = event(1, "a") + "\n" +                        // 1 ok
                             "this is not XML\n" +                          // 2 not XML
                             event(3, "b").substr(0, 60) + "\n" +           // 3 truncated (up to the next event)
                             "<Event><System></Event>\n" +                  // 4 unbalanced
                             "<Foo/>\n" +                                   // 5 unknown element
                             event(6, "\xff\xfe") + "\n" +                  // 6 invalid UTF-8
                             event(7, std::string(10 << 20, 'x')) + "\n" +  // 7 a 10 MB <Data>: fine
                             event(8, "h") + "\n" +                         // 8 ok
                             event(9, "i").substr(0, 80);                   // 9 truncated at the end
    const auto f = test::write_scratch_file("bad.log", text);
    Read r = read(f);
    REQUIRE(r.events.size() == 3);
    CHECK(r.lines == std::vector<uint64_t>{1, 7, 8});
    CHECK(r.events[1].get("User").str().size() == (10u << 20));
    CHECK(r.stats.bad_records == 6);
    std::vector<uint32_t> bad_lines;
    for (const auto& p : r.stats.problems) {
        bad_lines.push_back(p.pos.line);
        CHECK(p.rule == "bad-event");
        CHECK(p.message.find("bad.log:" + std::to_string(p.pos.line) + ": ") != std::string::npos);
    }
    CHECK(bad_lines == std::vector<uint32_t>{2, 3, 4, 5, 6, 9});

    // The same file in pieces: the same events, the same bad records at the same lines.
    auto pf = PieceFile::open(f);
    REQUIRE(pf);
    const RecordFormat& fmt = xml_event_format();
    const auto cuts = pf->split_at_lines(1024, [&](std::string_view s) { return fmt.piece_starts_at(s); });
    CHECK(cuts.size() > 2);
    auto parser = fmt.parser();
    std::vector<std::string> got;
    uint64_t bad = 0;
    std::string buf;
    for (size_t i = 0; i + 1 < cuts.size(); ++i) {
        const size_t n = pf->read(cuts[i], cuts[i + 1], buf, kRecordPadding);
        PieceStats ps;
        parser->parse_piece(std::string_view(buf.data(), n), kRecordPadding, i == 0, nullptr, nullptr,
                            [&](Event& e) { got.push_back(e.get("EventCode").str()); }, ps);
        bad += ps.bad_records;
    }
    CHECK(got == Strings{"1", "7", "8"});
    CHECK(bad == 6);
}

TEST_CASE("xml pieces: cut only where a line starts an event, so pretty-printed events stay whole") {
    std::string text;
    for (int i = 0; i < 300; ++i) text += event(i, "u", true) + "\n";
    auto pf = PieceFile::open(test::write_scratch_file("pretty_pieces.xml", text));
    REQUIRE(pf);
    const RecordFormat& fmt = xml_event_format();
    const auto cuts = pf->split_at_lines(4096, [&](std::string_view s) { return fmt.piece_starts_at(s); });
    REQUIRE(cuts.size() > 5);
    auto parser = fmt.parser();
    std::string buf;
    uint64_t events = 0, bad = 0;
    for (size_t i = 0; i + 1 < cuts.size(); ++i) {
        const size_t n = pf->read(cuts[i], cuts[i + 1], buf, kRecordPadding);
        CHECK(std::string_view(buf.data(), 6) == "<Event");
        PieceStats ps;
        parser->parse_piece(std::string_view(buf.data(), n), kRecordPadding, i == 0, nullptr, nullptr, [](Event&) {}, ps);
        events += ps.events;
        bad += ps.bad_records;
    }
    CHECK(events == 300);
    CHECK(bad == 0);
}

TEST_CASE("xml pieces: the prefilter picks whole events, the others are counted as skipped") {
    std::string text;
    for (int i = 0; i < 50; ++i) text += event(i, i == 17 ? "needle" : "hay", i % 3 == 0) + "\n";
    std::string buf = text + std::string(kRecordPadding, ' ');
    LineSelector select{[&](size_t from) {
                            size_t at = buf.find("needle", from);
                            return at < text.size() ? at : std::string_view::npos;
                        },
                        [](std::string_view rec) { return rec.find("needle") != std::string_view::npos; }};
    auto parser = xml_event_format().parser();
    PieceStats ps;
    Strings codes;
    parser->parse_piece(std::string_view(buf.data(), text.size()), kRecordPadding, true, &select, nullptr,
                        [&](Event& e) { codes.push_back(e.get("EventCode").str()); }, ps);
    CHECK(codes == Strings{"17"});
    CHECK(ps.skipped == 49);
}

TEST_CASE("evtx: a corrupt file is reported as a bad record naming the file, not a crash") {
    // No EVTX is generated here by hand: only the signature, then bytes that are no EVTX header.
    std::string bytes("ElfFile\0", 8);
    bytes += std::string(4096, '\x5a');
    Read r = read(test::write_scratch_file("corrupt.evtx", bytes), "");
    CHECK(r.events.empty());
    CHECK(r.stats.bad_records == 1);
    REQUIRE(r.stats.problems.size() == 1);
    CHECK(r.stats.problems[0].message.find("corrupt.evtx") != std::string::npos);
    CHECK(r.stats.problems[0].message.find("EVTX") != std::string::npos);
    // gzip of the same: inflated to a temporary copy, then the same report
    Read g = read(gzip_file("corrupt.evtx.gz", bytes), "");
    CHECK(g.stats.bad_records == 1);
}
