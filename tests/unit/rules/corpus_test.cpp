// Checks over the whole security_content corpus (1,711 detection files, deprecated included).
#include "minispl/rules/detection.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <iostream>

using namespace minispl;

namespace {

const std::filesystem::path kCorpus = std::filesystem::path(MINISPL_SHARED_DIR) / "security_content";

// Bytes YAML produces by folding rather than copying: a space or newline mapped to a line break
// or to a blank line.
bool produced_by_folding(const std::string& file, char value_byte, uint32_t off) {
    if (off >= file.size()) return false;
    char f = file[off];
    if (value_byte == ' ' && (f == '\n' || f == '\r')) return true;
    if (value_byte == '\n' && (f == '\n' || f == '\r')) return true;
    // a control character from a double-quoted escape (\n, \t) maps to its backslash
    if (f == '\\' && static_cast<unsigned char>(value_byte) < 0x20) return true;
    return false;
}

}  // namespace

TEST_CASE("corpus: every detection loads and its search maps byte for byte to the file") {
    auto t0 = std::chrono::steady_clock::now();
    auto files = find_rule_files({kCorpus / "detections"});
    REQUIRE(files.size() == 1711);
    size_t deprecated = 0, with_tests = 0, bytes = 0, folded = 0, observables = 0;
    for (const auto& f : files) {
        Detection d = load_detection(f);
        CAPTURE(f.string());
        REQUIRE(!d.name.empty());
        REQUIRE(!d.search.empty());
        deprecated += d.deprecated;
        with_tests += !d.tests.empty();
        observables += d.observables.size();
        REQUIRE(d.search_map.exact());
        const std::string& text = d.file_text;
        for (uint32_t i = 0; i < d.search.size(); ++i) {
            Position p = d.search_map.position(i);
            REQUIRE(p.offset < text.size());
            // line/column agree with the offset
            REQUIRE(p.line >= 1);
            const std::string& line = d.search_map.file_line(p.line);
            REQUIRE(p.column >= 1);
            char c = d.search[i];
            if (text[p.offset] != c || c == '\n') {
                INFO("search byte " << i << " '" << c << "' maps to " << p.line << ":" << p.column);
                REQUIRE(produced_by_folding(text, c, p.offset));
                ++folded;
            } else {
                REQUIRE(p.column <= line.size());
                REQUIRE(line[p.column - 1] == c);
            }
            if (i) REQUIRE(d.search_map.position(i - 1).offset < p.offset);  // strictly increasing
            ++bytes;
        }
        // the end position is just past the last byte (at the closing quote, if any)
        Position end = d.search_map.position(static_cast<uint32_t>(d.search.size()));
        REQUIRE(end.offset > d.search_map.position(static_cast<uint32_t>(d.search.size() - 1)).offset);
    }
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    std::cout << "corpus: " << files.size() << " detections, " << deprecated << " deprecated, " << with_tests
              << " with tests, " << observables << " observables, " << bytes << " search bytes (" << folded
              << " from folding) checked in " << ms << " ms\n";
    CHECK(deprecated == 98);
}

TEST_CASE("corpus: the filter macro called in every search is filter_macro_name()") {
    size_t last = 0, search_search = 0;
    for (const auto& f : find_rule_files({kCorpus / "detections"})) {
        Detection d = load_detection(f);
        CAPTURE(f.string());
        std::string call = "`" + d.filter_macro_name() + "`";
        auto at = d.search.find(call);
        REQUIRE(at != std::string::npos);
        // no other *_filter macro is called
        size_t n = 0;
        for (size_t p = d.search.find("_filter`"); p != std::string::npos; p = d.search.find("_filter`", p + 1)) ++n;
        // windows_adfind_exe.yml calls its filter twice; no detection calls another one's
        CHECK(n == (d.filter_macro_name() == "windows_adfind_exe_filter" ? 2 : 1));
        size_t tail = at + call.size();
        while (tail < d.search.size() && (d.search[tail] == ' ' || d.search[tail] == '\n')) ++tail;
        last += tail == d.search.size();
        search_search += d.search.find("search " + call) != std::string::npos;
    }
    CHECK(search_search >= 3);
    MESSAGE("filter macro last: " << last << ", called as `search `x_filter``: " << search_search);
}
