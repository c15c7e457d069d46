// Literals for skipping input lines before parsing, derived from the leading search expression.
#include "minispl/compile/raw_prefilter.hpp"

#include "minispl/core/ascii.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace minispl {
namespace {

using Clauses = std::vector<std::vector<std::string>>;

// A literal the raw JSON text holds byte for byte (up to ASCII case) wherever the value does:
// printable ASCII, none of the characters JSON escapes or may escape (" \ /).
bool plain(std::string_view s) {
    for (unsigned char c : s)
        if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '/') return false;
    return true;
}

// Names that are search syntax, not event fields (time bounds and the like), in any case.
bool search_modifier(std::string_view field) {
    static constexpr std::string_view names[] = {"earliest", "latest", "starttime", "endtime", "starttimeu",
                                                 "endtimeu", "daysago", "hoursago", "minutesago", "monthsago",
                                                 "searchtimespandays", "searchtimespanhours", "searchtimespanminutes",
                                                 "searchtimespanmonths", "timeformat", "savedsearch", "savedsplunk"};
    const std::string low = lower(field);
    for (auto n : names)
        if (low == n) return true;
    return false;
}

// A field whose values the raw text holds.
bool raw_field(const std::string& field, const std::function<bool(std::string_view)>& json_field) {
    return !field.empty() && field.find('*') == std::string::npos && !search_modifier(field) && json_field(field);
}

// The longest piece of a `*` wildcard pattern, lower-cased; nullopt when none is usable.
std::optional<std::string> literal_of(const std::string& pattern) {
    std::string best;
    size_t start = 0;
    while (start <= pattern.size()) {
        size_t star = pattern.find('*', start);
        if (star == std::string::npos) star = pattern.size();
        if (star - start > best.size()) best = pattern.substr(start, star - start);
        start = star + 1;
    }
    if (best.empty() || !plain(best)) return std::nullopt;
    lower_in_place(best);
    return best;
}

// Clauses every event matching `e` satisfies; empty when nothing is known.
Clauses needs(const ast::SearchExpr* e, const std::function<bool(std::string_view)>& json_field) {
    using K = ast::SearchExpr::Kind;
    if (!e) return {};
    switch (e->kind) {
        case K::And: {
            Clauses all;
            for (const auto& c : e->children)
                for (auto& cl : needs(c.get(), json_field)) all.push_back(std::move(cl));
            return all;
        }
        case K::Or: {
            // Each branch must contribute a clause; their union is needed.
            std::vector<std::string> any;
            for (const auto& c : e->children) {
                Clauses sub = needs(c.get(), json_field);
                if (sub.empty()) return {};
                // the branch's most selective clause: the one with the longest shortest literal
                auto best = std::max_element(sub.begin(), sub.end(), [](const auto& a, const auto& b) {
                    auto shortest = [](const std::vector<std::string>& v) {
                        size_t m = SIZE_MAX;
                        for (const auto& s : v) m = std::min(m, s.size());
                        return m;
                    };
                    return shortest(a) < shortest(b);
                });
                for (auto& s : *best) any.push_back(std::move(s));
            }
            return {any};
        }
        case K::Compare: {
            if (e->op != ast::CompareOp::Eq || e->values.size() != 1) return {};
            if (!raw_field(e->field, json_field)) return {};
            auto lit = literal_of(e->values[0].text);
            if (!lit) return {};
            return {{*lit}};
        }
        case K::In: {
            if (!raw_field(e->field, json_field) || e->values.empty()) return {};
            std::vector<std::string> any;
            for (const auto& v : e->values) {
                auto lit = literal_of(v.text);
                if (!lit) return {};
                any.push_back(*lit);
            }
            return {any};
        }
        case K::Term: {
            // a bare term is searched for in _raw, which is the line itself
            if (e->values.size() != 1) return {};
            auto lit = literal_of(e->values[0].text);
            if (!lit) return {};
            return {{*lit}};
        }
        case K::TermFn: {
            if (e->values.size() != 1) return {};
            auto lit = literal_of(e->values[0].text);
            if (!lit) return {};
            return {{*lit}};
        }
        case K::Not:
        case K::Subsearch: return {};
    }
    return {};
}

bool icase_equal(const char* a, std::string_view lower_b) {
    for (size_t i = 0; i < lower_b.size(); ++i)
        if (ascii_lower(a[i]) != lower_b[i]) return false;
    return true;
}

std::string longest_common_substring(const std::vector<std::string>& all) {
    const std::string& shortest = *std::min_element(all.begin(), all.end(), [](const auto& a, const auto& b) {
        return a.size() < b.size();
    });
    for (size_t len = shortest.size(); len > 0; --len)
        for (size_t at = 0; at + len <= shortest.size(); ++at) {
            std::string_view cand(shortest.data() + at, len);
            if (std::all_of(all.begin(), all.end(), [&](const std::string& s) { return s.find(cand) != std::string::npos; }))
                return std::string(cand);
        }
    return {};
}

//! How common each (lower-case) byte is in log and JSON text, 0 (rare) to 9: from English letter
//! frequencies, with digits, quotes and JSON punctuation counted as common. A table: find_icase
//! ranks its needle's bytes on every call.
constexpr std::array<uint8_t, 256> kCommonness = [] {
    std::array<uint8_t, 256> t{};
    for (auto& r : t) r = 9;
    const char* by_rank[] = {"jqxz", "kv", "bpwyg", "fmu", "cdl", "hr", "ins", "aot", "e"};
    for (uint8_t r = 0; r < 9; ++r)
        for (const char* c = by_rank[r]; *c; ++c) t[static_cast<unsigned char>(*c)] = r;
    return t;
}();

//! The positions of the needle's two rarest bytes, in order ({0, 0} for a one-byte needle): the
//! scan tests both at every offset, so rarer bytes mean fewer candidates to compare in full
//! ("snapshot": p and h give 40x fewer than its first and last byte in CloudTrail text).
std::pair<size_t, size_t> rare_pair(std::string_view needle) {
    const size_t m = needle.size();
    if (m == 1) return {0, 0};
    auto rank = [&](size_t i) { return kCommonness[static_cast<unsigned char>(needle[i])]; };
    // the rarest byte, then the rarest other one (earlier positions win ties)
    size_t a = 0;
    for (size_t i = 0; i < m; ++i)
        if (rank(i) < rank(a)) a = i;
    size_t b = a == 0 ? 1 : 0;
    for (size_t i = 0; i < m; ++i)
        if (i != a && rank(i) < rank(b)) b = i;
    return {std::min(a, b), std::max(a, b)};
}

#if defined(__x86_64__)
// The same scan 32 bytes at a time, for CPUs with AVX2 (checked at run time: the build targets
// baseline x86-64). Returns the first hit in [i, last], or npos; `i` is where it stopped otherwise.
__attribute__((target("avx2"))) size_t find_icase_avx2(std::string_view hay, std::string_view needle, size_t& i,
                                                      size_t last, std::pair<size_t, size_t> at) {
    const __m256i fold = _mm256_set1_epi8(0x20);
    const __m256i first = _mm256_set1_epi8(static_cast<char>(needle[at.first] | 0x20));
    const __m256i second = _mm256_set1_epi8(static_cast<char>(needle[at.second] | 0x20));
    for (; i + 32 <= last + 1; i += 32) {
        __m256i a = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(hay.data() + i + at.first)), fold);
        __m256i b = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(hay.data() + i + at.second)), fold);
        unsigned mask = static_cast<unsigned>(
            _mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi8(a, first), _mm256_cmpeq_epi8(b, second))));
        while (mask) {
            unsigned bit = static_cast<unsigned>(__builtin_ctz(mask));
            if (icase_equal(hay.data() + i + bit, needle)) return i + bit;
            mask &= mask - 1;
        }
    }
    return std::string_view::npos;
}
const bool have_avx2 = __builtin_cpu_supports("avx2");
#endif

}  // namespace

size_t find_icase(std::string_view hay, std::string_view needle, size_t from) {
    const size_t m = needle.size();
    if (from > hay.size()) return std::string_view::npos;
    if (m == 0) return from;
    if (hay.size() - from < m) return std::string_view::npos;
    const size_t last = hay.size() - m;  // last start position
    size_t i = from;
    // Candidates where two rare bytes of the needle match with bit 0x20 folded on both sides (a
    // superset of the case-insensitive matches), then a full comparison.
    const auto at = rare_pair(needle);
#if defined(__x86_64__)
    if (have_avx2)
        if (size_t hit = find_icase_avx2(hay, needle, i, last, at); hit != std::string_view::npos) return hit;
#endif
#if defined(__SSE2__)
    const __m128i fold = _mm_set1_epi8(0x20);
    const __m128i first = _mm_set1_epi8(static_cast<char>(needle[at.first] | 0x20));
    const __m128i second = _mm_set1_epi8(static_cast<char>(needle[at.second] | 0x20));
    for (; i + 16 <= last + 1; i += 16) {
        __m128i a = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(hay.data() + i + at.first)), fold);
        __m128i b = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(hay.data() + i + at.second)), fold);
        unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, second))));
        while (mask) {
            unsigned bit = static_cast<unsigned>(__builtin_ctz(mask));
            if (icase_equal(hay.data() + i + bit, needle)) return i + bit;
            mask &= mask - 1;
        }
    }
#endif
    for (; i <= last; ++i)
        if (ascii_lower(hay[i]) == needle[0] && icase_equal(hay.data() + i, needle)) return i;
    return std::string_view::npos;
}

bool contains_icase(std::string_view hay, std::string_view needle) {
    return find_icase(hay, needle) != std::string_view::npos;
}

RawPrefilter::Scanner::Scanner(const RawPrefilter& filter, std::string_view text)
    : literals_(filter.clauses_.empty() ? nullptr : &filter.clauses_.front()), text_(text) {
    if (literals_)
        for (const auto& lit : *literals_) next_.push_back(find_icase(text_, lit, 0));
}

size_t RawPrefilter::Scanner::next(size_t from) {
    if (!literals_) return from < text_.size() ? from : std::string_view::npos;
    size_t best = std::string_view::npos;
    for (size_t k = 0; k < literals_->size(); ++k) {
        // Each literal's next hit is kept until the scan passes it: a rare literal beside a
        // common one is not searched for again at every line.
        if (next_[k] != std::string_view::npos && next_[k] < from) next_[k] = find_icase(text_, (*literals_)[k], from);
        best = std::min(best, next_[k]);
    }
    return best;
}

RawPrefilter RawPrefilter::derive(const ast::Pipeline& pipeline, const std::function<bool(std::string_view)>& json_field) {
    RawPrefilter out;
    if (pipeline.leading_pipe || pipeline.commands.empty()) return out;
    const ast::Command& first = pipeline.commands.front();
    const auto* search = std::get_if<ast::SearchCmd>(&first.body);
    if (!search || !search->expr) return out;
    out.clauses_ = needs(search->expr.get(), json_field);
    // A disjunction whose literals share a substring also needs that substring: one scan of the
    // line for it rejects most lines (createsnapshot|deletesnapshot|... → snapshot).
    const size_t n = out.clauses_.size();
    for (size_t c = 0; c < n; ++c) {
        const auto& any = out.clauses_[c];
        if (any.size() < 2) continue;
        std::string common = longest_common_substring(any);
        if (common.size() >= 4) out.clauses_.push_back({common});
    }
    // Most selective clause first: it rejects most lines with one scan.
    std::stable_sort(out.clauses_.begin(), out.clauses_.end(), [](const auto& a, const auto& b) {
        auto shortest = [](const std::vector<std::string>& v) {
            size_t m = SIZE_MAX;
            for (const auto& s : v) m = std::min(m, s.size());
            return m;
        };
        return a.size() < b.size() || (a.size() == b.size() && shortest(a) > shortest(b));
    });
    return out;
}

bool RawPrefilter::may_match(std::string_view raw) const {
    for (const auto& clause : clauses_) {
        bool any = false;
        for (const auto& lit : clause)
            if (contains_icase(raw, lit)) {
                any = true;
                break;
            }
        if (!any) return false;
    }
    return true;
}

}  // namespace minispl
