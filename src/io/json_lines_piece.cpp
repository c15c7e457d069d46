#include "minispl/io/json_lines_piece.hpp"

#include "json_flatten_internal.hpp"
#include "minispl/io/event_reader.hpp"
#include "minispl/io/field_projection.hpp"

#include <algorithm>
#include <cstring>
#include <simdjson.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace minispl {

namespace {
constexpr size_t kPad = simdjson::SIMDJSON_PADDING;
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

#if defined(__x86_64__)
// The newlines of 64 bytes, and their bytes <= 0x20 (min(byte, 0x20) == byte).
__attribute__((target("avx2"))) inline void newline_masks(const char* at, uint64_t& is_nl, uint64_t& is_blank) {
    const __m256i nl = _mm256_set1_epi8('\n'), blank = _mm256_set1_epi8(0x20);
    const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(at));
    const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(at + 32));
    is_nl = uint64_t(uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, nl)))) |
            uint64_t(uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, nl)))) << 32;
    is_blank = uint64_t(uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_min_epu8(lo, blank), lo)))) |
               uint64_t(uint32_t(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_min_epu8(hi, blank), hi)))) << 32;
}

// Newlines in [p, p+n), and whether one is followed by a space, tab, CR, newline or other byte
// <= 0x20 (a blank line, or a record indented by spaces: the exact count must then look at each
// line; other control bytes only send it there needlessly). AVX2, 64 bytes a step, one load per 32.
__attribute__((target("avx2"))) uint64_t scan_newlines_avx2(const char* p, size_t n, size_t& i, bool& space_after) {
    uint64_t count = 0, after_nl = 0, carry = 0;
    for (; i + 64 <= n; i += 64) {
        uint64_t is_nl, is_blank;
        newline_masks(p + i, is_nl, is_blank);
        after_nl |= ((is_nl << 1) | carry) & is_blank;
        carry = is_nl >> 63;
        count += static_cast<uint64_t>(__builtin_popcountll(is_nl));
    }
    // a newline ending the last block: the byte after it is the scalar tail's first
    if (carry && i < n && is_space(p[i])) after_nl = 1;
    space_after |= after_nl != 0;
    return count;
}
const bool have_avx2 = __builtin_cpu_supports("avx2");
#endif

//! Records (non-blank lines, as the line reader sees them) in [p, p+n), a run of whole lines the
//! selective scan passed over: counted without splitting them out unless a line may be blank.
uint64_t count_records(const char* p, size_t n) {
    if (n == 0) return 0;
    uint64_t newlines = 0;
    bool space_after = is_space(p[0]);
    size_t i = 0;
#if defined(__x86_64__)
    if (have_avx2) newlines = scan_newlines_avx2(p, n, i, space_after);
#endif
    for (; i < n; ++i)
        if (p[i] == '\n') {
            ++newlines;
            space_after |= i + 1 < n && is_space(p[i + 1]);
        }
    if (!space_after) return newlines + (p[n - 1] != '\n');  // every line starts with a non-space byte
    uint64_t records = 0;
    for (size_t at = 0; at < n;) {
        const char* nl = static_cast<const char*>(std::memchr(p + at, '\n', n - at));
        const size_t end = nl ? static_cast<size_t>(nl - p) : n;
        if (!trim_record_line(std::string_view(p + at, end - at), false).empty()) ++records;
        at = end + 1;
    }
    return records;
}
}  // namespace

Diagnostic bad_event_diagnostic(const std::string& file, uint64_t line, const std::string& why) {
    Diagnostic d;
    d.rule = "bad-event";
    d.severity = Severity::Warning;
    d.file = file;
    d.pos.line = static_cast<uint32_t>(line);
    d.pos.column = 1;
    d.message = file + ":" + std::to_string(line) + ": " + why + ", skipped";
    return d;
}

std::string_view trim_record_line(std::string_view text, bool first_line_of_file) {
    if (first_line_of_file && text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    size_t i = 0;
    while (i < text.size() && is_space(text[i])) ++i;
    text.remove_prefix(i);
    return text;
}

struct JsonLinesParser::Impl {
    simdjson::ondemand::parser parser;
    simdjson::dom::parser validator;
    std::string padded;  // a line too close to the end of readable memory is copied here
};

JsonLinesParser::JsonLinesParser() : impl_(std::make_unique<Impl>()) {}
JsonLinesParser::~JsonLinesParser() = default;

bool JsonLinesParser::flatten(std::string_view json, Event& ev, const FieldProjection* projection, std::string& why) {
    if (projection ? projection->wants_raw() : true) ev.fields().emplace_back("_raw", Value::string(std::string(json)));
    if (detail::flatten_padded(impl_->parser, json, ev, true, projection)) return true;
    why = json.empty() || json.front() != '{' ? "not a JSON object" : "truncated or invalid JSON";
    return false;
}

bool JsonLinesParser::validate(std::string_view json, std::string& why) {
    simdjson::dom::element root;
    if (json.empty() || json.front() != '{') why = "not a JSON object";
    else if (auto e = impl_->validator.parse(json.data(), json.size(), false).get(root))
        why = std::string("truncated or invalid JSON (") + simdjson::error_message(e) + ")";
    return why.empty();
}

void JsonLinesParser::parse_piece(std::string_view piece, size_t readable_after, bool file_start, const LineSelector* select,
                            const FieldProjection* projection, const OnEvent& on_event, PieceStats& stats) {
    const char* const base = piece.data();
    const size_t size = piece.size();
    const char* const readable_end = base + size + readable_after;
    const bool with_raw = !projection || projection->wants_raw();
    size_t pos = 0;
    while (pos < size) {
        size_t start = pos;
        if (select) {
            const size_t hit = select->next_hit(pos);
            if (hit == std::string_view::npos || hit >= size) {
                stats.skipped += count_records(base + pos, size - pos);
                break;
            }
            // The line holding the hit starts after the last newline before it.
            const void* nl_before = hit > pos ? memrchr(base + pos, '\n', hit - pos) : nullptr;
            start = nl_before ? static_cast<size_t>(static_cast<const char*>(nl_before) - base) + 1 : pos;
            stats.skipped += count_records(base + pos, start - pos);
        }
        const char* nl = static_cast<const char*>(std::memchr(base + start, '\n', size - start));
        const size_t end = nl ? static_cast<size_t>(nl - base) : size;
        pos = nl ? end + 1 : size;
        std::string_view text = trim_record_line(std::string_view(base + start, end - start), file_start && start == 0);
        if (text.empty()) continue;
        auto bad = [&](std::string why) {
            ++stats.bad_records;
            if (stats.bad.size() < ReadStats::max_problems)
                stats.bad.emplace_back(1 + static_cast<uint64_t>(std::count(base, base + start, '\n')), std::move(why));
        };
        if (std::string too_big = record_size_problem(text.size()); !too_big.empty()) {
            bad(std::move(too_big));
            continue;
        }
        if (select && !select->keep(text)) {
            ++stats.skipped;
            continue;
        }
        if (static_cast<size_t>(readable_end - (text.data() + text.size())) < kPad) {
            impl_->padded.assign(text);
            impl_->padded.append(kPad, ' ');
            text = std::string_view(impl_->padded.data(), text.size());
        }
        Event ev;
        // room for the extracted fields plus metadata and sourcetype fields, without regrowing
        ev.fields().reserve(projection ? projection->names().size() + 8 : 48);
        if (with_raw) ev.fields().emplace_back("_raw", Value::string(std::string(text)));
        if (!detail::flatten_padded(impl_->parser, text, ev, true, projection)) {
            bad(text.front() != '{' ? "not a JSON object" : "truncated or invalid JSON");
            continue;
        }
        ++stats.events;
        on_event(ev);
    }
}

}  // namespace minispl
