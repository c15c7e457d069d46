// PieceFile: where a file is cut into line-aligned pieces, and what a mapped piece lets a parser
// read (its text, and the padding after it, which stops at the end of the file's last page).
#include "minispl/core/diagnostic.hpp"
#include "minispl/io/piece_file.hpp"

#include "tests/support/scratch_dir.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <random>
#include <unistd.h>

using namespace minispl;
namespace fs = std::filesystem;

namespace {

//! What split_at_lines must return, spelled out on a string: each piece runs from its start to
//! right after the first newline at or after start+target; the last piece ends at the end.
std::vector<uint64_t> expected_cuts(const std::string& s, uint64_t target) {
    std::vector<uint64_t> cuts{0};
    uint64_t pos = target;
    while (pos < s.size()) {
        size_t nl = s.find('\n', pos);
        if (nl == std::string::npos || nl + 1 >= s.size()) break;
        cuts.push_back(nl + 1);
        pos = nl + 1 + target;
    }
    cuts.push_back(s.size());
    return cuts;
}

//! Lines of random lengths (up to `max_line` bytes) until `size` bytes.
std::string random_lines(size_t size, size_t max_line, uint32_t seed, bool final_newline = true) {
    std::mt19937 rng(seed);
    std::string s;
    while (s.size() < size) {
        size_t n = std::uniform_int_distribution<size_t>(0, max_line)(rng);
        for (size_t i = 0; i < n; ++i) s += static_cast<char>('a' + rng() % 26);
        s += '\n';
    }
    s.resize(size);
    if (final_newline) s.back() = '\n';
    else if (s.back() == '\n') s.back() = 'z';
    return s;
}

void check_cuts_shape(const std::string& s, const std::vector<uint64_t>& cuts) {
    REQUIRE(cuts.size() >= 2);
    CHECK(cuts.front() == 0);
    CHECK(cuts.back() == s.size());
    for (size_t i = 1; i < cuts.size(); ++i) {
        CHECK(cuts[i] > cuts[i - 1]);
        if (i + 1 < cuts.size()) CHECK(s[cuts[i] - 1] == '\n');  // every inner cut right after a newline
    }
}

}  // namespace

TEST_CASE("PieceFile::open: only regular, non-empty files") {
    CHECK(PieceFile::open(test::write_scratch_file("empty.jsonl", "")) == nullptr);
    CHECK(PieceFile::open(test::scratch_dir() / "does_not_exist.jsonl") == nullptr);
    CHECK(PieceFile::open(test::scratch_dir()) == nullptr);  // a directory
    CHECK(PieceFile::open("-") == nullptr);             // stdin
    auto f = PieceFile::open(test::write_scratch_file("one.jsonl", "x"));
    REQUIRE(f);
    CHECK(f->size() == 1);
    CHECK(f->head() == "x");
}

TEST_CASE("split_at_lines: small handwritten cases") {
    using Cuts = std::vector<uint64_t>;
    auto cuts = [](const std::string& name, const std::string& content, uint64_t target) {
        auto f = PieceFile::open(test::write_scratch_file(name, content));
        REQUIRE(f);
        return f->split_at_lines(target);
    };
    CHECK(cuts("abc", "a\nb\nc\n", 1) == Cuts{0, 2, 4, 6});
    CHECK(cuts("abc_nofinal", "a\nb\nc", 1) == Cuts{0, 2, 4, 5});
    CHECK(cuts("target0", "a\nb\n", 0) == Cuts{0, 2, 4});            // every line its own piece
    CHECK(cuts("big_target", "a\nb\nc\n", 100) == Cuts{0, 6});        // one piece
    CHECK(cuts("exact_target", "aaaa\nbb\n", 5) == Cuts{0, 8});       // byte 5 is 'b': next newline ends the file
    CHECK(cuts("at_newline", "aaaa\nbb\ncc\n", 4) == Cuts{0, 5, 11}); // the newline at the target belongs to the piece
    CHECK(cuts("no_newline", std::string(1000, 'x'), 10) == Cuts{0, 1000});
    CHECK(cuts("only_newline", "\n", 1) == Cuts{0, 1});
    CHECK(cuts("newlines", "\n\n\n\n", 1) == Cuts{0, 2, 4});
    CHECK(cuts("single_byte", "x", 1) == Cuts{0, 1});
    CHECK(cuts("crlf", "a\r\nb\r\nc\r\n", 1) == Cuts{0, 3, 6, 9});
}

TEST_CASE("split_at_lines: random files, the reference cut rule, every target") {
    for (uint32_t seed = 1; seed <= 6; ++seed) {
        const bool final_nl = seed % 2;
        const std::string s = random_lines(300000 + seed * 777, seed * 200, seed, final_nl);
        auto f = PieceFile::open(test::write_scratch_file("random" + std::to_string(seed), s));
        REQUIRE(f);
        CHECK(f->size() == s.size());
        for (uint64_t target : {uint64_t(1), uint64_t(100), uint64_t(4095), uint64_t(65536), uint64_t(100000),
                                uint64_t(1) << 20}) {
            CAPTURE(seed);
            CAPTURE(target);
            auto cuts = f->split_at_lines(target);
            check_cuts_shape(s, cuts);
            CHECK(cuts == expected_cuts(s, target));
        }
    }
}

TEST_CASE("split_at_lines: lines longer than the 64 KiB search window and than the target") {
    // A 200 KB line and a 70 KB line between short ones: the newline after them is several
    // windows away from where the search starts.
    std::string s = "short\n" + std::string(200000, 'L') + "\nmid\n" + std::string(70000, 'M') + "\nend\n";
    auto f = PieceFile::open(test::write_scratch_file("long_lines", s));
    REQUIRE(f);
    for (uint64_t target : {uint64_t(1), uint64_t(3), uint64_t(10), uint64_t(65536), uint64_t(65537),
                            uint64_t(131072), uint64_t(250000)}) {
        CAPTURE(target);
        auto cuts = f->split_at_lines(target);
        check_cuts_shape(s, cuts);
        CHECK(cuts == expected_cuts(s, target));
    }
    CHECK(f->split_at_lines(1) == std::vector<uint64_t>{0, 6, 200007, 200011, 270012, 270016});

    // The last line is long and has no newline: the last piece takes it whole.
    std::string t = "a\n" + std::string(150000, 'T');
    auto g = PieceFile::open(test::write_scratch_file("long_last", t));
    REQUIRE(g);
    CHECK(g->split_at_lines(1) == std::vector<uint64_t>{0, 2, t.size()});
}

TEST_CASE("read: any range, up to the end of the file") {
    // sizes around page multiples; ranges at the start, the end, and within 64 bytes of the end
    for (size_t size : {size_t(1), size_t(63), size_t(100), size_t(4095), size_t(4096), size_t(4097),
                        size_t(3 * 4096 - 30), size_t(200000)}) {
        CAPTURE(size);
        const std::string s = random_lines(size, 80, static_cast<uint32_t>(size), size % 2 == 0);
        auto f = PieceFile::open(test::write_scratch_file("range_" + std::to_string(size), s));
        REQUIRE(f);
        std::vector<std::pair<uint64_t, uint64_t>> ranges = {{0, size}, {0, 1}, {size - 1, size}, {size / 2, size}};
        if (size > 200) ranges.push_back({size - 100, size - 40});
        std::string buf;
        for (auto [b, e] : ranges) {
            CAPTURE(b);
            CAPTURE(e);
            const size_t n = f->read(b, e, buf, 64);
            CHECK(n == e - b);
            CHECK(std::string_view(buf.data(), n) == std::string_view(s).substr(b, e - b));
            CHECK(buf.size() == n + 64);
        }
    }
}

TEST_CASE("read: a file that shrank under the reader is an input error, not a crash") {
    const fs::path path = test::write_scratch_file("shrinks", random_lines(100000, 70, 3));
    auto f = PieceFile::open(path);
    REQUIRE(f);
    fs::resize_file(path, 1000);
    std::string buf;
    CHECK_THROWS_AS(f->read(50000, 90000, buf, 64), SplError);
}

TEST_CASE("read: the range followed by space padding; head is the first 64 KiB") {
    const std::string s = random_lines(100000, 70, 9);
    auto f = PieceFile::open(test::write_scratch_file("read", s));
    REQUIRE(f);
    std::string buf = "garbage";
    CHECK(f->read(5, 1005, buf, 64) == 1000);
    REQUIRE(buf.size() == 1064);
    CHECK(buf.substr(0, 1000) == s.substr(5, 1000));
    CHECK(buf.substr(1000) == std::string(64, ' '));
    CHECK(f->head() == s.substr(0, 65536));
}
