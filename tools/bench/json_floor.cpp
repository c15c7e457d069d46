// The floor for a search that must read every event: how fast the least work any engine has to do
// on the api_calls_by_region benchmark rule can go on this machine, with no engine around it.
// Each step adds to the one before, on as many threads as minispl uses, reading the file the way
// minispl does (pread, 1 MiB at a time, whole lines):
//
//   read      read the file and find the lines
//   scan      + find each line's top-level keys with a hand-written AVX2 scanner (strings and
//               brackets by bit masks, as simdjson's stage 1 does) and take the five values the rule
//               reads (eventType, eventSource, eventName, awsRegion, sourceIPAddress) as views.
//               No validation at all: less than any JSON parser does.
//   simdjson  instead of scan: simdjson On-Demand reading the same five fields
//   groups    + simdjson + count the groups and distinct IPs of the rule (what the rule computes)
//
// BENCHMARKS.md puts these beside minispl and DuckDB: the rule's budget for 5x DuckDB is below
// what `scan` alone needs here.
//
//   cmake --build build --target json_floor && build/json_floor FILE [threads]
#include <simdjson.h>

#include <immintrin.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace {

//! The five fields of the rule, as views into the line.
struct Fields {
    std::string_view type, source, name, region, ip;

    std::string_view* slot(std::string_view key) {
        return key == "eventType" ? &type : key == "eventSource" ? &source : key == "eventName" ? &name
             : key == "awsRegion" ? &region : key == "sourceIPAddress" ? &ip : nullptr;
    }
};

// ---- scan: one 64-byte block → bit masks of real quotes and of brackets/colons outside strings.
struct Block {
    uint64_t quote, open, close, colon;
};

__attribute__((target("avx2"))) inline uint64_t eq_mask(__m256i lo, __m256i hi, char c) {
    const __m256i v = _mm256_set1_epi8(c);
    return uint64_t(uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, v)))) |
           (uint64_t(uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, v)))) << 32);
}

__attribute__((target("avx2,pclmul"))) Block classify(const char* p, uint64_t valid, uint64_t& prev_escaped,
                                                      uint64_t& prev_in_string) {
    const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
    uint64_t backslash = eq_mask(lo, hi, '\\') & valid;
    uint64_t escaped = 0;
    if (backslash | prev_escaped) {  // simdjson's odd-length backslash run detection
        backslash &= ~prev_escaped;
        const uint64_t follows = backslash << 1 | prev_escaped;
        const uint64_t even = 0x5555555555555555ULL;
        const uint64_t odd_starts = backslash & ~even & ~follows;
        uint64_t even_runs;
        prev_escaped = __builtin_add_overflow(odd_starts, backslash, &even_runs);
        escaped = (even ^ (even_runs << 1)) & follows;
    }
    const uint64_t quote = eq_mask(lo, hi, '"') & ~escaped & valid;
    // prefix xor of the quotes: the bytes inside strings
    const uint64_t in = uint64_t(_mm_cvtsi128_si64(_mm_clmulepi64_si128(_mm_set_epi64x(0, int64_t(quote)),
                                                                       _mm_set1_epi8(-1), 0))) ^ prev_in_string;
    prev_in_string = uint64_t(int64_t(in) >> 63);
    const __m256i case_bit = _mm256_set1_epi8(0x20);  // '{'|0x20 == '{', '['|0x20 == '{'
    const __m256i lo2 = _mm256_or_si256(lo, case_bit), hi2 = _mm256_or_si256(hi, case_bit);
    const uint64_t outside = ~in & valid;
    return {quote, eq_mask(lo2, hi2, '{') & outside, eq_mask(lo2, hi2, '}') & outside, eq_mask(lo, hi, ':') & outside};
}

//! The top-level keys of one line (readable 64 bytes past its end): the wanted values as views.
//! Returns false when the brackets or quotes do not balance.
bool scan_line(const char* s, size_t len, std::vector<uint64_t>& quotes, Fields& out) {
    if (len == 0 || s[0] != '{') return false;
    const size_t blocks = (len + 63) / 64;
    quotes.resize(blocks);
    uint64_t prev_escaped = 0, prev_in = 0;
    int depth = 0;
    for (size_t b = 0; b < blocks; ++b) {
        const size_t left = len - 64 * b;
        const uint64_t valid = left >= 64 ? ~0ULL : (1ULL << left) - 1;
        const Block k = classify(s + 64 * b, valid, prev_escaped, prev_in);
        quotes[b] = k.quote;
        // the bytes at depth 1 (directly in the top-level object)
        uint64_t top = 0;
        uint64_t brackets = k.open | k.close;
        if (!brackets) {
            top = depth == 1 ? ~0ULL : 0;
        } else {
            int from = 0;
            while (brackets) {
                const int i = __builtin_ctzll(brackets);
                if (depth == 1) top |= ((1ULL << i) - 1) & ~((1ULL << from) - 1);
                depth += (k.open >> i & 1) ? 1 : -1;
                from = i;
                brackets &= brackets - 1;
            }
            if (depth == 1) top |= ~((1ULL << from) - 1);
        }
        for (uint64_t colons = k.colon & top; colons; colons &= colons - 1) {
            const size_t at = 64 * b + size_t(__builtin_ctzll(colons));
            // the key: the two quotes before the colon
            size_t q[2];
            size_t bi = at / 64;
            uint64_t w = quotes[bi] & ((1ULL << (at % 64)) - 1);
            for (size_t& x : q) {
                while (!w) {
                    if (bi == 0) return false;
                    w = quotes[--bi];
                }
                x = bi * 64 + 63 - size_t(__builtin_clzll(w));
                w &= ~(1ULL << (x % 64));
            }
            std::string_view* dst = out.slot(std::string_view(s + q[1] + 1, q[0] - q[1] - 1));
            if (!dst) continue;
            size_t v = at + 1;
            while (v < len && s[v] == ' ') ++v;
            if (v < len && s[v] == '"') {
                const void* end = std::memchr(s + v + 1, '"', len - v - 1);
                if (end) *dst = std::string_view(s + v + 1, size_t(static_cast<const char*>(end) - s - v - 1));
            }
        }
    }
    return depth == 0 && !prev_in;
}

bool simdjson_line(simdjson::ondemand::parser& parser, const char* s, size_t len, Fields& out) {
    simdjson::ondemand::document doc;
    simdjson::ondemand::object obj;
    if (parser.iterate(simdjson::padded_string_view(s, len, len + simdjson::SIMDJSON_PADDING)).get(doc) ||
        doc.get_object().get(obj))
        return false;
    for (auto f : obj) {
        std::string_view* dst = out.slot(f.unescaped_key().value_unsafe());
        if (dst && f.value().get_string().get(*dst) != simdjson::SUCCESS) *dst = {};
    }
    return true;
}

enum class Mode { Read, Scan, Simdjson, Groups };

struct Counts {
    size_t lines = 0, events = 0;
    std::unordered_map<std::string, std::unordered_set<std::string>> groups;
};

//! One thread's share [from, to) of the file, read like minispl: 1 MiB preads, whole lines.
void run(int fd, uint64_t from, uint64_t to, Mode mode, Counts& c) {
    constexpr size_t kPiece = 1 << 20, kPad = 64;
    std::string buf(kPiece + kPad, ' ');
    size_t carry = 0;
    simdjson::ondemand::parser parser;
    std::vector<uint64_t> quotes;
    std::string key;
    for (uint64_t off = from; off < to || carry;) {
        const size_t want = size_t(std::min<uint64_t>(kPiece - carry, to - off));
        const ssize_t got = want ? pread(fd, buf.data() + carry, want, off_t(off)) : 0;
        if (got < 0) return;
        off += uint64_t(got);
        const size_t n = carry + size_t(got);
        const bool last = off >= to;
        std::memset(buf.data() + n, ' ', kPad);
        const char* p = buf.data();
        const char* end = p + n;
        while (p < end) {
            const char* nl = static_cast<const char*>(std::memchr(p, '\n', size_t(end - p)));
            if (!nl && !last) break;
            if (!nl) nl = end;
            const size_t len = size_t(nl - p);
            ++c.lines;
            Fields f;
            bool ok = true;
            if (mode == Mode::Scan) ok = scan_line(p, len, quotes, f);
            else if (mode != Mode::Read) ok = simdjson_line(parser, p, len, f);
            c.events += ok;
            // as the rule: an event without one of the by-fields is in no group
            if (ok && mode == Mode::Groups && f.type == "AwsApiCall" && f.source.data() && f.name.data() &&
                f.region.data()) {
                key.assign(f.source).append(1, '\x1f').append(f.name).append(1, '\x1f').append(f.region);
                auto& ips = c.groups[key];
                if (ips.find(std::string(f.ip)) == ips.end()) ips.emplace(f.ip);
            }
            p = nl + 1;
        }
        carry = p < end ? size_t(end - p) : 0;
        std::memmove(buf.data(), p, carry);
        if (last && !carry) break;
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: json_floor FILE [threads]\n");
        return 2;
    }
    const unsigned threads = argc > 2 ? unsigned(std::atoi(argv[2])) : 2;
    const int fd = open(argv[1], O_RDONLY);
    struct stat st {};
    if (fd < 0 || fstat(fd, &st) != 0) {
        std::perror(argv[1]);
        return 1;
    }
    const uint64_t n = uint64_t(st.st_size);
    // Thread shares end at newlines.
    std::vector<uint64_t> cuts{0};
    for (unsigned i = 1; i < threads; ++i) {
        uint64_t c = n * i / threads;
        char ch = 0;
        while (c < n && pread(fd, &ch, 1, off_t(c - 1)) == 1 && ch != '\n') ++c;
        cuts.push_back(c);
    }
    cuts.push_back(n);
    const struct {
        Mode mode;
        const char* name;
    } modes[] = {{Mode::Read, "read"}, {Mode::Scan, "scan"}, {Mode::Simdjson, "simdjson"}, {Mode::Groups, "groups"}};
    std::printf("%s, %u threads\n", argv[1], threads);
    for (const auto& m : modes) {
        double best = 1e9;
        Counts total;
        for (int rep = 0; rep < 3; ++rep) {
            std::vector<Counts> counts(threads);
            const auto t0 = std::chrono::steady_clock::now();
            std::vector<std::thread> pool;
            for (unsigned t = 0; t < threads; ++t) pool.emplace_back(run, fd, cuts[t], cuts[t + 1], m.mode, std::ref(counts[t]));
            for (auto& th : pool) th.join();
            best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
            total = Counts{};
            for (auto& c : counts) {
                total.lines += c.lines;
                total.events += c.events;
                for (auto& [k, v] : c.groups) total.groups[k].insert(v.begin(), v.end());
            }
        }
        std::printf("  %-9s %.3f s  %6.0f MB/s  %zu lines, %zu objects", m.name, best, double(n) / 1e6 / best,
                    total.lines, total.events);
        if (m.mode == Mode::Groups) std::printf(", %zu groups", total.groups.size());
        std::printf("\n");
    }
}
