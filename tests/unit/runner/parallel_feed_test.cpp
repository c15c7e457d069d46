// The parallel feed (src/runner/feed.cpp): a plain JSON-lines file read in line-aligned pieces by
// several threads gives the same rows, in the same order, and the same read statistics as one
// thread and as the streaming reader (the same text gzipped goes through it); bad records are
// reported with their line in the file whatever piece they sit in; line and file edge cases
// (BOM, CRLF, blank lines, a line longer than a piece, no final newline at a page boundary).
#include "minispl/io/piece_file.hpp"
#include "minispl/runner/search_runner.hpp"

#include "tests/support/row_text.hpp"
#include "tests/support/scratch_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>
#include <zlib.h>

using namespace minispl;
namespace fs = std::filesystem;

namespace {

const fs::path kData = fs::path(MINISPL_SOURCE_DIR) / "tests/fixtures/io/cloudtrail_gen_small.jsonl";
constexpr int kCopies = 6;  // of the fixture's lines in the big file: ~3.9 MB

//! The same text gzip-compressed: read by the streaming reader, the reference for the pieces.
fs::path write_gzip(const std::string& name, const std::string& content) {
    fs::path p = test::scratch_dir() / name;
    gzFile gz = gzopen(p.c_str(), "wb");
    REQUIRE(gz);
    for (size_t at = 0; at < content.size(); at += 1 << 20) {
        const unsigned n = static_cast<unsigned>(std::min<size_t>(1 << 20, content.size() - at));
        REQUIRE(gzwrite(gz, content.data() + at, n) == static_cast<int>(n));
    }
    gzclose(gz);
    return p;
}

std::vector<std::string> fixture_lines() {
    std::ifstream in(kData);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);)
        if (!l.empty()) lines.push_back(l);
    return lines;
}

//! Fixture line with `"seq":n,"x":…` put first: every event identifiable, x numeric.
std::string numbered(const std::string& line, int seq) {
    return "{\"seq\":" + std::to_string(seq) + ",\"x\":" + std::to_string(seq * 37 % 1000) + "." +
           std::to_string(seq % 4 * 25) + "," + line.substr(1);
}

//! kCopies of the fixture's lines, numbered: its times repeat once per copy, so the order of
//! equal times shows whether events reached the pipeline in file order.
const std::string& big_text() {
    static const std::string text = [] {
        const auto lines = fixture_lines();
        std::string s;
        int seq = 0;
        for (int c = 0; c < kCopies; ++c)
            for (const auto& l : lines) s += numbered(l, seq++) + "\n";
        return s;
    }();
    return text;
}
const fs::path& big_file() {
    static const fs::path p = test::write_scratch_file("big.jsonl", big_text());
    return p;
}
const fs::path& big_gzip() {
    static const fs::path p = write_gzip("big.jsonl.gz", big_text());
    return p;
}

SearchJob make_job(const std::string& spl, const fs::path& file, unsigned threads) {
    SearchJob j;
    j.spl = spl;
    j.inputs = {InputSpec{file, "aws:cloudtrail", "aws_cloudtrail"}};
    j.now = 1712000000;
    j.threads = threads;
    return j;
}

SearchOutcome run(const std::string& spl, const fs::path& file, unsigned threads, bool prefilter = true) {
    SearchJob j = make_job(spl, file, threads);
    j.raw_prefilter = prefilter;
    return run_search(j);
}

//! Each row as one line of text, in output order, fields in order.
std::vector<std::string> row_lines(const std::vector<Event>& rows) {
    std::vector<std::string> out;
    for (const Event& e : rows) out.push_back(test::row_text(e));
    return out;
}

//! Same rows in the same order; on a difference, shows the first differing row only.
void check_same_rows(const std::vector<std::string>& got, const std::vector<std::string>& want) {
    CHECK(got.size() == want.size());
    for (size_t i = 0; i < std::min(got.size(), want.size()); ++i)
        if (got[i] != want[i]) {
            INFO("first difference at row " << i);
            CHECK(got[i].substr(0, 2000) == want[i].substr(0, 2000));
            return;
        }
}

void check_same_stats(const ReadStats& got, const ReadStats& want) {
    CHECK(got.events == want.events);
    CHECK(got.skipped == want.skipped);
    CHECK(got.bad_records == want.bad_records);
    CHECK(got.bytes == want.bytes);
    CHECK(got.problems.size() == want.problems.size());
}

//! (line, text after "file:line: ") of each problem.
std::vector<std::pair<uint32_t, std::string>> problems(const ReadStats& s) {
    std::vector<std::pair<uint32_t, std::string>> out;
    for (const auto& d : s.problems) {
        const std::string prefix = d.file + ":" + std::to_string(d.pos.line) + ": ";
        CHECK(d.message.substr(0, prefix.size()) == prefix);
        out.emplace_back(d.pos.line, d.message.substr(std::min(prefix.size(), d.message.size())));
    }
    return out;
}

uint64_t piece_target(uint64_t size, unsigned threads) {
    return std::clamp<uint64_t>(size / (8 * threads), 64 << 10, 1 << 20);
}

const unsigned kThreads[] = {1, 2, 3, 8};

}  // namespace

TEST_CASE("parallel feed: rows and their order do not depend on the number of threads") {
    const std::vector<std::string> searches = {
        "* | head 7",
        "* | tail 3",
        "* | dedup eventName",
        "* | stats first(eventName) last(eventName) list(eventName) by awsRegion",
        "* | streamstats count",
        "* | streamstats count by eventSource | table seq count eventName",
        "* | stats count dc(src_ip) values(eventName) by eventSource",  // partial stats on the threads
        "* | stats count dc(x) median(x) perc95(x) values(awsRegion)",  // partial stats, no by-field
        "* | stats count min(_time) max(_time) avg(x)",                 // not mergeable: in order
        "*",                                                            // whole events, _raw and all
        "eventSource=ec2.amazonaws.com",
        "* | table _time eventName seq",
        "eventName=ModifySnapshotAttribute [search eventName=CreateSnapshot | fields src_ip] "
        "| stats count values(eventName) by src_ip userName",
        "eventName=ModifySnapshotAttribute | table _time seq src_ip | append [search eventName=CreateSnapshot "
        "| stats count by src_ip]",
        "eventName=JobCreated | stats count by src_ip aws_account_id eventName errorCode userAgent",
        // evaluated on the reading threads at once: wildcards and eval in the leading search and in
        // partial aggregations, sourcetype lookups and calculated fields
        "eventName=Describe* OR userAgent=\"*terraform*\" | stats count values(action) values(status) by eventName "
        "change_type",
        "* | stats dc(eval(lower(eventName))) as names, count(eval(x>500)) as big, values(user) by awsRegion",
        "* | where match(eventName, \"^(Get|List)\") | stats count by eventName aws_account_id",
    };
    {
        auto f = PieceFile::open(big_file());
        REQUIRE(f);
        std::ostringstream pieces;
        for (unsigned t : kThreads) pieces << " " << t << ":" << f->split_at_lines(piece_target(f->size(), t)).size() - 1;
        MESSAGE(f->size() << " bytes; pieces per thread count" << pieces.str());
        CHECK(f->split_at_lines(piece_target(f->size(), 1)).size() - 1 >= 6);
        CHECK(f->split_at_lines(piece_target(f->size(), 8)).size() - 1 >= 50);
    }
    const uint64_t lines = static_cast<uint64_t>(std::count(big_text().begin(), big_text().end(), '\n'));
    size_t compared = 0;
    for (const std::string& spl : searches) {
        CAPTURE(spl);
        // the streaming reader (one thread) over the same text, gzipped
        const SearchOutcome ref = run(spl, big_gzip(), 2);
        const auto want = row_lines(ref.rows);
        CHECK(!want.empty());
        CHECK(ref.read.events + ref.read.skipped == lines);
        for (unsigned t : kThreads) {
            CAPTURE(t);
            const SearchOutcome out = run(spl, big_file(), t);
            check_same_rows(row_lines(out.rows), want);
            check_same_stats(out.read, ref.read);
            CHECK(out.returns_events == ref.returns_events);
            ++compared;
        }
    }
    MESSAGE(searches.size() << " searches, " << compared << " parallel runs compared with the streaming reader");
}

TEST_CASE("parallel feed: whole events keep _raw, byte for byte, in file order among equal times") {
    const SearchOutcome one = run("*", big_file(), 1);
    const SearchOutcome many = run("*", big_file(), 8);
    REQUIRE(one.rows.size() == static_cast<size_t>(kCopies) * fixture_lines().size());
    REQUIRE(many.rows.size() == one.rows.size());
    std::vector<std::string> raws;
    for (size_t i = 0; i < one.rows.size(); ++i) {
        CHECK(one.rows[i].get("_raw").to_string() == many.rows[i].get("_raw").to_string());
        raws.push_back(many.rows[i].get("_raw").to_string());
    }
    // every line of the file exactly once
    std::vector<std::string> file_lines;
    std::istringstream in(big_text());
    for (std::string l; std::getline(in, l);) file_lines.push_back(l);
    std::sort(raws.begin(), raws.end());
    std::sort(file_lines.begin(), file_lines.end());
    CHECK(raws == file_lines);
    // copies of one record have the same time: they come out in file order (seq ascending)
    const auto first = fixture_lines().size();
    std::map<std::string, std::vector<long>> seqs_by_time;
    for (const Event& e : many.rows) seqs_by_time[e.get("_time").to_string()].push_back(std::stol(e.get("seq").to_string()));
    size_t checked = 0;
    for (auto& [time, seqs] : seqs_by_time) {
        if (seqs.size() < 2) continue;
        CAPTURE(time);
        CHECK(std::is_sorted(seqs.begin(), seqs.end()));
        ++checked;
    }
    CHECK(checked >= first / 2);
}

TEST_CASE("parallel feed: selective search, events + skipped lines = the file's lines") {
    const uint64_t lines = static_cast<uint64_t>(std::count(big_text().begin(), big_text().end(), '\n'));
    for (unsigned t : kThreads) {
        CAPTURE(t);
        for (const char* spl : {"eventName=JobCreated", "eventName=JobCreated | stats count"}) {
            CAPTURE(spl);
            const SearchOutcome out = run(spl, big_file(), t);
            CHECK(out.read.skipped > 0);
            CHECK(out.read.events + out.read.skipped == lines);
            CHECK(out.read.bad_records == 0);
            const SearchOutcome unfiltered = run(spl, big_file(), t, false);
            CHECK(unfiltered.read.skipped == 0);
            CHECK(unfiltered.read.events == lines);
            check_same_rows(row_lines(out.rows), row_lines(unfiltered.rows));
        }
        CHECK(run("eventName=JobCreated", big_file(), t).rows.size() == 2 * kCopies);
    }
}

namespace {

//! One line of a handmade file: its text and how it ends.
struct Line {
    std::string text;
    const char* end = "\n";
};
std::string join(const std::vector<Line>& lines) {
    std::string s;
    for (const auto& l : lines) s += l.text + l.end;
    return s;
}
bool blank(const std::string& s) { return s.find_first_not_of(" \t\r") == std::string::npos; }

//! Fixture lines (numbered) twice over with blank lines, whitespace-only lines and CRLF endings
//! among them: > 1 MB.
std::vector<Line> messy_lines() {
    const auto fixture = fixture_lines();
    std::vector<Line> lines;
    int seq = 0;
    for (int c = 0; c < 2; ++c)
        for (const auto& l : fixture) {
            lines.push_back({numbered(l, seq), seq % 7 == 3 ? "\r\n" : "\n"});
            if (seq % 50 == 10) lines.push_back({"", "\n"});
            if (seq % 90 == 20) lines.push_back({" \t ", "\r\n"});
            ++seq;
        }
    return lines;
}

uint64_t count_non_blank(const std::vector<Line>& lines) {
    return static_cast<uint64_t>(std::count_if(lines.begin(), lines.end(), [](const Line& l) { return !blank(l.text); }));
}

//! The same length, not JSON / truncated JSON (keeps every newline where it was, so the pieces too).
std::string not_json(size_t n) {
    std::string s;
    while (s.size() < n) s += "not json ";
    s.resize(n);
    if (n) s.back() = 'x';
    return s;
}
std::string truncated(const std::string& json) {
    return json.substr(0, json.size() / 2) + std::string(json.size() - json.size() / 2, ' ');
}

//! Index into `lines` of the line starting at byte `offset` of join(lines).
size_t line_at(const std::vector<Line>& lines, uint64_t offset) {
    uint64_t at = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (at == offset) return i;
        at += lines[i].text.size() + std::strlen(lines[i].end);
    }
    FAIL("no line starts at " << offset);
    return 0;
}

}  // namespace

TEST_CASE("parallel feed: bad records counted, reported with their line in the file") {
    std::vector<Line> lines = messy_lines();
    lines.back().end = "";  // the last line ends without a newline
    const std::string text0 = join(lines);
    REQUIRE(text0.size() > (1 << 20));
    // Where the pieces of 2 threads are cut (planting same-length lines does not move them).
    auto f0 = PieceFile::open(test::write_scratch_file("bad0.jsonl", text0));
    REQUIRE(f0);
    const std::vector<uint64_t> cuts = f0->split_at_lines(piece_target(text0.size(), 2));
    REQUIRE(cuts.size() > 8);
    std::map<size_t, std::string> planted;  // line index -> why
    auto plant_not_json = [&](size_t i) {
        REQUIRE(!blank(lines[i].text));
        lines[i].text = not_json(lines[i].text.size());
        planted[i] = "not a JSON object";
    };
    auto plant_truncated = [&](size_t i) {
        REQUIRE(!blank(lines[i].text));
        lines[i].text = truncated(lines[i].text);
        planted[i] = "truncated or invalid JSON";
    };
    auto non_blank_from = [&](size_t i) {
        while (blank(lines[i].text)) ++i;
        return i;
    };
    auto non_blank_before = [&](size_t i) {
        do --i;
        while (blank(lines[i].text));
        return i;
    };
    plant_not_json(0);                                       // the first line of the file
    plant_truncated(non_blank_from(line_at(lines, cuts[3])));  // the first line of a piece
    plant_not_json(non_blank_before(line_at(lines, cuts[5])));  // the last record of a piece
    plant_truncated(non_blank_from(line_at(lines, cuts[5])));   // and the first of the next
    {
        size_t i = non_blank_from(line_at(lines, cuts[6]) + 40);  // inside a piece: two in a row
        plant_truncated(i);
        plant_not_json(non_blank_from(i + 1));
    }
    {
        const size_t i = non_blank_from(line_at(lines, cuts[7]) + 3);
        lines[i].text = "[1,2,3]";  // JSON, not an object (shifts later cuts: nothing planted there but the last line)
        planted[i] = "not a JSON object";
    }
    plant_truncated(lines.size() - 1);  // the last line, without a newline
    REQUIRE(planted.size() == 8);       // fewer than ReadStats::max_problems: all reported

    const std::string text = join(lines);
    const fs::path file = test::write_scratch_file("bad.jsonl", text);
    const fs::path gz = write_gzip("bad.jsonl.gz", text);
    std::vector<std::pair<uint32_t, std::string>> want;
    for (auto& [i, why] : planted) want.emplace_back(static_cast<uint32_t>(i + 1), why + ", skipped");
    const uint64_t good = count_non_blank(lines) - planted.size();

    for (const char* spl : {"* | stats count", "* | table seq", "* | stats count dc(seq) by eventSource"}) {
        CAPTURE(spl);
        const SearchOutcome ref = run(spl, gz, 2);
        CHECK(ref.read.events == good);
        CHECK(ref.read.bad_records == planted.size());
        CHECK(problems(ref.read) == want);
        for (unsigned t : kThreads) {
            CAPTURE(t);
            const SearchOutcome out = run(spl, file, t);
            CHECK(out.read.events == good);
            CHECK(out.read.skipped == 0);
            CHECK(out.read.bad_records == planted.size());
            CHECK(out.read.bytes == text.size());
            CHECK(problems(out.read) == want);
            for (const auto& d : out.read.problems) {
                CHECK(d.file == file.string());
                CHECK(d.rule == "bad-event");
                CHECK(d.pos.column == 1);
            }
            check_same_rows(row_lines(out.rows), row_lines(ref.rows));
        }
    }
    CHECK(run("* | stats count", file, 2).rows.at(0).get("count").to_string() == std::to_string(good));
}

TEST_CASE("parallel feed: more bad records than are reported: the first ones in file order") {
    std::vector<Line> lines = messy_lines();
    // every 37th non-blank line bad: bad records in every piece, 10 reported (the first 10)
    std::vector<uint32_t> bad_lines;
    for (size_t i = 0, k = 0; i < lines.size(); ++i) {
        if (blank(lines[i].text) || k++ % 37 != 5) continue;
        lines[i].text = truncated(lines[i].text);
        bad_lines.push_back(static_cast<uint32_t>(i + 1));
    }
    REQUIRE(bad_lines.size() > 2 * ReadStats::max_problems);
    const std::string text = join(lines);
    const fs::path file = test::write_scratch_file("many_bad.jsonl", text);
    for (unsigned t : kThreads) {
        CAPTURE(t);
        const SearchOutcome out = run("* | stats count", file, t);
        CHECK(out.read.bad_records == bad_lines.size());
        CHECK(out.read.events == count_non_blank(lines) - bad_lines.size());
        std::vector<uint32_t> reported;
        for (const auto& [line, why] : problems(out.read)) reported.push_back(line);
        CHECK(reported == std::vector<uint32_t>(bad_lines.begin(), bad_lines.begin() + ReadStats::max_problems));
    }
}

TEST_CASE("parallel feed: UTF-8 BOM on line 1, CRLF endings and blank lines") {
    std::vector<Line> lines = messy_lines();
    lines.front().text = "\xEF\xBB\xBF" + lines.front().text;
    lines.insert(lines.begin() + 1, Line{"", "\r\n"});
    lines.push_back({"   ", ""});  // trailing whitespace without a newline
    const std::string text = join(lines);
    const fs::path file = test::write_scratch_file("bom_crlf.jsonl", text);
    const fs::path gz = write_gzip("bom_crlf.jsonl.gz", text);
    const uint64_t records = count_non_blank(lines);
    const SearchOutcome ref = run("* | table seq eventVersion eventName", gz, 2);
    REQUIRE(ref.read.events == records);
    for (unsigned t : kThreads) {
        CAPTURE(t);
        const SearchOutcome out = run("* | table seq eventVersion eventName", file, t);
        CHECK(out.read.events == records);
        CHECK(out.read.bad_records == 0);
        check_same_rows(row_lines(out.rows), row_lines(ref.rows));
        // the BOM line is a record like any other: its first key read
        const SearchOutcome first = run("seq=0 | table seq eventVersion", file, t);
        REQUIRE(first.rows.size() == 1);
        CHECK(first.rows[0].get("eventVersion").to_string() == "1.08");
        // no value keeps a carriage return
        for (const Event& e : run("* | stats values(eventName) as n", file, t).rows)
            for (size_t i = 0; i < e.get("n").mv_size(); ++i) CHECK(std::string(e.get("n").mv_at(i)).find('\r') == std::string::npos);
    }
}

// Where the piece scan skips text between literal hits it counts records without splitting the
// lines out; blank and whitespace-only lines must not count (the streaming reader drops them).
TEST_CASE("parallel feed: selective search over blank lines and CRLF: events + skipped = non-blank lines") {
    std::vector<Line> lines = messy_lines();
    const std::string text = join(lines);
    const fs::path file = test::write_scratch_file("selective_blank.jsonl", text);
    const fs::path gz = write_gzip("selective_blank.jsonl.gz", text);
    const uint64_t records = count_non_blank(lines);
    const SearchOutcome ref = run("eventName=JobCreated", gz, 2);
    CHECK(ref.read.events + ref.read.skipped == records);
    for (unsigned t : kThreads) {
        CAPTURE(t);
        const SearchOutcome out = run("eventName=JobCreated", file, t);
        CHECK(out.rows.size() == 4);
        CHECK(out.read.skipped > 0);
        CHECK(out.read.events + out.read.skipped == records);
        check_same_stats(out.read, ref.read);
    }
}

TEST_CASE("parallel feed: a line longer than a piece is read whole") {
    const auto fixture = fixture_lines();
    const size_t big = (1 << 20) + 500000;  // > 1 MiB, the largest piece
    auto long_line = [&](int seq) {
        return "{\"seq\":" + std::to_string(seq) + ",\"eventName\":\"Long\",\"big\":\"" + std::string(big, 'a' + seq % 26) +
               "\",\"eventTime\":\"2024-03-01T00:00:00Z\"}";
    };
    std::string text = long_line(0) + "\n";  // the first line
    int seq = 1;
    for (int i = 0; i < 150; ++i) text += numbered(fixture[i], seq++) + "\n";
    text += long_line(seq++) + "\n";  // in the middle
    for (int i = 150; i < 300; ++i) text += numbered(fixture[i], seq++) + "\n";
    text += long_line(seq++);  // the last, without a newline
    const fs::path file = test::write_scratch_file("long_lines.jsonl", text);
    for (unsigned t : kThreads) {
        CAPTURE(t);
        const SearchOutcome out = run("eventName=Long | eval n=len(big) | table seq n", file, t);
        CHECK(out.read.bad_records == 0);
        std::vector<std::string> got;
        for (const Event& e : out.rows) got.push_back(e.get("seq").to_string() + ":" + e.get("n").to_string());
        std::sort(got.begin(), got.end());
        CHECK(got == std::vector<std::string>{"0:" + std::to_string(big), "151:" + std::to_string(big),
                                              "302:" + std::to_string(big)});
        const SearchOutcome all = run("* | stats count", file, t, false);
        CHECK(all.read.events == 303);
        CHECK(all.rows.at(0).get("count").to_string() == "303");
        const SearchOutcome raw = run("seq=151", file, t);
        REQUIRE(raw.rows.size() == 1);
        CHECK(raw.rows[0].get("_raw").to_string() == long_line(151));
    }
}

TEST_CASE("parallel feed: the end of the file at a page boundary, without a newline") {
    const auto fixture = fixture_lines();
    auto build = [&](size_t records, size_t multiple, bool final_newline) {
        std::string s;
        for (size_t i = 0; i < records; ++i) s += numbered(fixture[i % fixture.size()], static_cast<int>(i)) + "\n";
        // the last record padded so that the file ends exactly at a multiple of `multiple`
        const std::string head = "{\"seq\":" + std::to_string(records) + ",\"pad\":\"";
        const std::string tail = std::string("\"}") + (final_newline ? "\n" : "");
        size_t fixed = s.size() + head.size() + tail.size();
        size_t pad = (multiple - fixed % multiple) % multiple;
        if (pad < 10) pad += multiple;
        s += head + std::string(pad, 'p') + tail;
        REQUIRE(s.size() % multiple == 0);
        return std::make_pair(s, pad);
    };
    for (bool final_newline : {false, true})
        for (size_t records : {size_t(0), size_t(3), size_t(400), size_t(1500)}) {
            CAPTURE(final_newline);
            CAPTURE(records);
            auto [text, pad] = build(records, 4096, final_newline);
            const fs::path file = test::write_scratch_file("page_" + std::to_string(records) + (final_newline ? "_nl" : "") + ".jsonl", text);
            for (unsigned t : kThreads) {
                CAPTURE(t);
                const SearchOutcome out = run("* | stats count", file, t);
                CHECK(out.read.bad_records == 0);
                CHECK(out.read.events == records + 1);
                const SearchOutcome last = run("seq=" + std::to_string(records) + " | eval n=len(pad) | table n", file, t);
                REQUIRE(last.rows.size() == 1);
                CHECK(last.rows[0].get("n").to_string() == std::to_string(pad));
            }
        }
}

TEST_CASE("parallel feed: tiny and whitespace-only files") {
    struct Case {
        const char* name;
        std::string text;
        uint64_t events, bad;
    };
    const std::vector<Case> cases = {
        {"newline", "\n", 0, 0},
        {"space", " ", 0, 0},
        {"brace", "{", 0, 1},
        {"x", "x", 0, 1},
        {"blank_lines", "  \n\t\r\n\n   ", 0, 0},
        {"empty_object", "{}", 1, 0},
        {"one_record_crlf", "{\"eventName\":\"A\"}\r\n", 1, 0},
        {"bom_only", "\xEF\xBB\xBF", 0, 0},
        {"bom_record", "\xEF\xBB\xBF{\"eventName\":\"A\"}", 1, 0},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const fs::path file = test::write_scratch_file(std::string("tiny_") + c.name, c.text);
        for (unsigned t : {1u, 2u}) {
            CAPTURE(t);
            SearchOutcome out;
            REQUIRE_NOTHROW(out = run("* | stats count", file, t));
            CHECK(out.read.events == c.events);
            CHECK(out.read.bad_records == c.bad);
            REQUIRE(out.rows.size() == 1);
            CHECK(out.rows[0].get("count").to_string() == std::to_string(c.events));
            if (c.bad) {
                REQUIRE(out.read.problems.size() == 1);
                CHECK(out.read.problems[0].pos.line == 1);
            }
        }
    }
}

TEST_CASE("parallel feed: several input files, each in pieces, in the order given") {
    SearchJob j = make_job("* | table seq", big_file(), 3);
    const fs::path second = test::write_scratch_file("second.jsonl", numbered(fixture_lines()[0], 999999) + "\n");
    j.inputs.push_back(InputSpec{second, "aws:cloudtrail", "aws_cloudtrail"});
    j.inputs.push_back(InputSpec{big_gzip(), "aws:cloudtrail", "aws_cloudtrail"});
    const SearchOutcome out = run_search(j);
    CHECK(out.read.events == 2 * static_cast<uint64_t>(kCopies) * fixture_lines().size() + 1);
    CHECK(out.rows.size() == out.read.events);
    SearchJob one = j;
    one.threads = 1;
    check_same_rows(row_lines(run_search(one).rows), row_lines(out.rows));
}
