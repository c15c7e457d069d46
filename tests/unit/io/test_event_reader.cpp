#include "minispl/io/event_reader.hpp"

#include "minispl/io/json_flatten.hpp"
#include "minispl/io/record_format.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <unistd.h>
#include <string>

using namespace minispl;

namespace {
const std::string fixtures = std::string(MINISPL_SOURCE_DIR) + "/tests/fixtures/io/";

struct Got {
    std::vector<std::string> json;
    std::vector<uint64_t> lines;
    ReadStats stats;
};
Got read_raw(const std::string& file) {
    Got g;
    read_events(file, [&](std::string_view j, uint64_t l) { g.json.emplace_back(j); g.lines.push_back(l); }, g.stats);
    return g;
}
}  // namespace

TEST_CASE("layout detection from the first bytes") {
    CHECK(detect_format("  \n[{}]") == &json_array_format());
    CHECK(detect_format("{\"Records\" : [") == &cloudtrail_records_format());
    CHECK(detect_format("{\"Records\":{}}") == &json_lines_format());
    CHECK(detect_format("{\"a\":1}\n") == &json_lines_format());
    CHECK(detect_format("\xEF\xBB\xBF[") == &json_array_format());
    CHECK(detect_format(" \n ") == nullptr);
}

TEST_CASE("JSON lines: bad lines are counted with file:line, the rest read") {
    Got g = read_raw(fixtures + "lines_bad.jsonl");
    CHECK(g.stats.events == 2);
    CHECK(g.stats.bad_records == 2);
    CHECK(g.lines == std::vector<uint64_t>{1, 5});
    CHECK(g.json[0] == R"({"a":1,"b":{"c":"x"}})");
    REQUIRE(g.stats.problems.size() == 2);
    CHECK(g.stats.problems[0].rule == "bad-event");
    CHECK(g.stats.problems[0].pos.line == 3);
    CHECK(g.stats.problems[0].message.find("lines_bad.jsonl:3") != std::string::npos);
    CHECK(g.stats.problems[1].pos.line == 4);
}

TEST_CASE("gzip is detected by its magic bytes") {
    Got g = read_raw(fixtures + "lines_bad_gz.jsonl.gz");
    CHECK(g.stats.events == 2);
    CHECK(g.stats.bad_records == 2);
    CHECK(g.lines == std::vector<uint64_t>{1, 5});
}

TEST_CASE("JSON array: each element's text with its line") {
    Got g = read_raw(fixtures + "array.json");
    REQUIRE(g.stats.events == 3);
    CHECK(g.lines == std::vector<uint64_t>{2, 3, 5});
    Event e;
    REQUIRE(flatten_json(g.json[1], e));
    CHECK(e.get("eventName").str() == "B");
    CHECK(e.get("n").str() == "2");
}

TEST_CASE("CloudTrail Records file") {
    Got g = read_raw(fixtures + "records.json");
    CHECK(g.stats.events == 2);
    CHECK(g.json[1] == R"({"eventName":"B"})");
}

TEST_CASE("truncated array: the complete elements are read, the rest reported") {
    Got g = read_raw(fixtures + "array_truncated.json");
    CHECK(g.stats.events == 2);
    CHECK(g.stats.bad_records == 1);
}

TEST_CASE("BOM and CRLF line ends") {
    Got g = read_raw(fixtures + "bom_crlf.jsonl");
    CHECK(g.stats.events == 2);
    CHECK(g.json[0] == R"({"x":"1"})");
}

TEST_CASE("missing file is an input error") {
    ReadStats s;
    try {
        read_events(fixtures + "nope.json", [](std::string_view, uint64_t) {}, s);
        FAIL("no error");
    } catch (const SplError& e) {
        CHECK(e.diagnostic().rule == "input");
        CHECK(std::string(e.what()).find("cannot open") != std::string::npos);
        CHECK(std::string(e.what()).find("nope.json") != std::string::npos);
    }
}

TEST_CASE("read_flat_events gives _raw first then the fields") {
    std::vector<Event> evs;
    ReadStats s;
    read_flat_events(fixtures + "lines_bad.jsonl", [&](Event& e, uint64_t) { evs.push_back(std::move(e)); }, s);
    REQUIRE(evs.size() == 2);
    CHECK(s.bad_records == 2);
    CHECK(evs[0].fields()[0].first == "_raw");
    CHECK(evs[0].get("b.c").str() == "x");
    CHECK(evs[1].get("arr{}").mv_values() == std::vector<std::string>{"1", "2"});
}

TEST_CASE("long lines beyond the buffer and many lines stream through") {
    std::string path = std::string("/tmp/minispl_io_long_") + std::to_string(::getpid()) + ".jsonl";
    {
        std::ofstream f(path);
        f << "{\"big\":\"" << std::string(3 << 20, 'x') << "\"}\n";
        for (int i = 0; i < 50000; ++i) f << "{\"i\":" << i << "}\n";
    }
    ReadStats s;
    uint64_t last_line = 0;
    size_t big = 0;
    read_flat_events(path, [&](Event& e, uint64_t l) {
        last_line = l;
        if (e.has("big")) big = e.get("big").str().size();
    }, s);
    CHECK(s.events == 50001);
    CHECK(s.bad_records == 0);
    CHECK(big == (3u << 20));
    CHECK(last_line == 50001);
    std::remove(path.c_str());
}

TEST_CASE("real attack_data CloudTrail file") {
    std::string f = std::string(MINISPL_SHARED_DIR) + "/attack_data/datasets/attack_techniques/T1537/aws_snapshot_exfil/aws_cloudtrail_events.json";
    ReadStats s;
    uint64_t with_name = 0;
    read_flat_events(f, [&](Event& e, uint64_t) { with_name += e.has("eventName"); }, s);
    CHECK(s.events == 160);
    CHECK(s.bad_records == 0);
    CHECK(with_name == 160);
}

TEST_CASE("Records files stream across chunk boundaries: brackets and quotes inside strings, lines kept") {
    // ~3 MB: larger than the reader's 1 MiB chunk, so elements straddle refills.
    std::string text = "{\"Records\": [\n";
    const int n = 6000;
    for (int i = 0; i < n; ++i) {
        text += "  {\"i\": " + std::to_string(i) + ", \"s\": \"x]}\\\" [{" + std::string(400, 'a') + "\", \"a\": [1, {\"b\": \"]\"}]}";
        text += i + 1 < n ? ",\n" : "\n";
    }
    text += "], \"other\": 1}\n";
    const std::string f = "/tmp/minispl_records_big_" + std::to_string(::getpid()) + ".json";
    std::ofstream(f) << text;
    ReadStats st;
    int count = 0;
    bool lines_ok = true;
    read_events(f, [&](std::string_view json, uint64_t line) {
        lines_ok = lines_ok && line == uint64_t(count) + 2;  // element i starts on line i + 2
        ++count;
        (void)json;
    }, st);
    CHECK(count == n);
    CHECK(st.bad_records == 0);
    CHECK(lines_ok);
    std::remove(f.c_str());
}

TEST_CASE("JSON array: a stray } where an element should start is reported and skipped, never a hang") {
    // Found by fuzz_xml_reader: "[\t}[\0b" made the element scan stop at the same byte forever.
    std::string path = std::string("/tmp/minispl_io_stray_") + std::to_string(::getpid()) + ".json";
    std::ofstream(path, std::ios::binary) << std::string("[\t}[\0b\x1c", 7);
    ReadStats s;
    read_flat_events(path, [](Event&, uint64_t) {}, s);
    CHECK(s.bad_records >= 1);
    CHECK(s.events == 0);
    ReadStats t;
    std::ofstream(path) << "[{\"a\":1} } {\"a\":2}]";
    uint64_t n = 0;
    read_flat_events(path, [&](Event& e, uint64_t) { n += e.has("a"); }, t);
    CHECK(n == 2);
    CHECK(t.bad_records == 1);
    REQUIRE(!t.problems.empty());
    CHECK(t.problems[0].message.find("unexpected '}'") != std::string::npos);
    std::remove(path.c_str());
}

namespace {
//! Sets the maximum event size for one test and restores the default after.
struct MaxRecordBytes {
    size_t before = max_record_bytes();
    explicit MaxRecordBytes(size_t n) { set_max_record_bytes(n); }
    ~MaxRecordBytes() { set_max_record_bytes(before); }
};
std::string temp_file(const std::string& name, const std::string& text) {
    std::string path = "/tmp/minispl_io_" + std::to_string(::getpid()) + "_" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}
}  // namespace

TEST_CASE("a streamed record over max_event_bytes is dropped as it is read, not kept whole") {
    MaxRecordBytes limit(100000);
    const std::string big(8 << 20, 'x');  // 8 MiB: far past the 1 MiB read chunk
    SUBCASE("JSON lines") {
        std::string path = temp_file("big.jsonl", "{\"i\":1}\n{\"big\":\"" + big + "\"}\n{\"i\":3}\n\n{\"i\":5}");
        Got g = read_raw(path);
        CHECK(g.stats.events == 3);
        CHECK(g.lines == std::vector<uint64_t>{1, 3, 5});
        CHECK(g.stats.bad_records == 1);
        REQUIRE(g.stats.problems.size() == 1);
        CHECK(g.stats.problems[0].pos.line == 2);
        CHECK(g.stats.problems[0].message.find("a record of more than") != std::string::npos);
        CHECK(g.stats.peak_buffer < (3u << 20));  // kept whole, the buffer would pass 8 MiB
        std::remove(path.c_str());
    }
    SUBCASE("JSON lines: the long line is the last, without a newline") {
        std::string path = temp_file("big_last.jsonl", "{\"i\":1}\n{\"big\":\"" + big + "\"}");
        Got g = read_raw(path);
        CHECK(g.stats.events == 1);
        CHECK(g.stats.bad_records == 1);
        CHECK(g.stats.peak_buffer < (3u << 20));
        std::remove(path.c_str());
    }
    SUBCASE("CloudTrail Records") {
        std::string path = temp_file("big_records.json", "{\"Records\": [{\"i\":1},\n{\"big\":\"" + big + "\"},\n{\"i\":3}]}");
        Got g = read_raw(path);
        CHECK(g.stats.events == 2);
        CHECK(g.lines == std::vector<uint64_t>{1, 3});
        REQUIRE(g.stats.problems.size() == 1);
        CHECK(g.stats.problems[0].pos.line == 2);
        CHECK(g.stats.problems[0].message.find(std::to_string(big.size() + 10) + " bytes is over") != std::string::npos);
        CHECK(g.stats.peak_buffer < (3u << 20));
        std::remove(path.c_str());
    }
    SUBCASE("XmlWinEventLog") {
        auto ev = [](const std::string& data) {
            return "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><EventID>1</EventID>"
                   "</System><EventData><Data Name='x'>" + data + "</Data></EventData></Event>\n";
        };
        std::string path = temp_file("big.xml", ev("a") + ev(big) + ev("c"));
        ReadStats s;
        std::vector<uint64_t> lines;
        read_events(path, [&](std::string_view, uint64_t l) { lines.push_back(l); }, s, "XmlWinEventLog");
        CHECK(s.events == 2);
        CHECK(lines == std::vector<uint64_t>{1, 3});
        REQUIRE(s.problems.size() == 1);
        CHECK(s.problems[0].pos.line == 2);
        CHECK(s.problems[0].message.find("a record of more than") != std::string::npos);
        CHECK(s.peak_buffer < (3u << 20));
        std::remove(path.c_str());
    }
}
