// PCRE2 wrapper: compile once (JIT when available), match with a per-thread match block.
#define PCRE2_CODE_UNIT_WIDTH 8
#include "minispl/eval/regex.hpp"

#include "minispl/core/diagnostic.hpp"

#include <pcre2.h>

#include <algorithm>
#include <atomic>
#include <string>

namespace minispl {

struct Regex::Impl {
    pcre2_code* code = nullptr;
    uint32_t capture_count = 0;
    ~Impl() {
        if (code) pcre2_code_free(code);
    }
};

namespace {

// The limits every thread's match context carries; `generation` tells a thread to rebuild its own.
std::atomic<uint32_t> g_match_limit{100000}, g_depth_limit{1000}, g_generation{1};

//! What each thread reuses for every match: a match-data block (grown when a pattern needs
//! more) and a match context carrying the current limits.
struct ThreadState {
    pcre2_match_data* md = nullptr;
    uint32_t pairs = 0;
    pcre2_match_context* mc = nullptr;
    uint32_t generation = 0;
    ~ThreadState() {
        if (md) pcre2_match_data_free(md);
        if (mc) pcre2_match_context_free(mc);
    }
};
thread_local ThreadState t_state;

pcre2_match_data* thread_match_data(uint32_t pairs) {
    ThreadState& h = t_state;
    if (h.pairs < pairs) {
        if (h.md) pcre2_match_data_free(h.md);
        h.pairs = std::max<uint32_t>(pairs, 16);
        h.md = pcre2_match_data_create(h.pairs, nullptr);
    }
    return h.md;
}

pcre2_match_context* thread_match_context() {
    ThreadState& h = t_state;
    const uint32_t gen = g_generation.load(std::memory_order_acquire);
    if (h.generation != gen) {
        if (!h.mc) h.mc = pcre2_match_context_create(nullptr);
        pcre2_set_match_limit(h.mc, g_match_limit.load());
        pcre2_set_depth_limit(h.mc, g_depth_limit.load());
        h.generation = gen;
    }
    return h.mc;
}

//! The result of pcre2_match: >= 0 a match, PCRE2_ERROR_NOMATCH none; a resource limit throws.
int checked(int rc, size_t subject_size) {
    if (rc >= 0 || rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL) return rc;
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
        throw SplError("limit", "a regular expression ran out of PCRE2's backtracking stack on a value of " +
                                    std::to_string(subject_size) +
                                    " bytes (the pattern backtracks over the whole value: rewrite it, e.g. with "
                                    "possessive or atomic groups)");
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT) {
        const bool depth = rc == PCRE2_ERROR_DEPTHLIMIT;
        throw SplError("limit", "a regular expression has exceeded the configured " +
                                    std::string(depth ? "depth_limit=" + std::to_string(g_depth_limit.load())
                                                      : "match_limit=" + std::to_string(g_match_limit.load())) +
                                    " on a value of " + std::to_string(subject_size) +
                                    " bytes (limits.conf [rex]; --limit rex." +
                                    (depth ? "depth_limit" : "match_limit") + "=N to raise it)");
    }
    return rc;  // other errors (bad UTF, ...) are no match, as before
}

size_t utf8_len(std::string_view s, size_t i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    return i + n <= s.size() ? n : 1;
}

}  // namespace

Regex::Regex(std::string_view pattern, bool caseless) : impl_(std::make_unique<Impl>()) {
    int err = 0;
    PCRE2_SIZE erroff = 0;
    uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | (caseless ? PCRE2_CASELESS : 0);
    impl_->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), opts, &err,
                                &erroff, nullptr);
    if (!impl_->code) {
        PCRE2_UCHAR buf[256];
        pcre2_get_error_message(err, buf, sizeof buf);
        throw SplError("regex",
                       "bad regular expression at offset " + std::to_string(erroff) + ": " +
                           reinterpret_cast<const char*>(buf),
                       static_cast<uint32_t>(erroff));
    }
    pcre2_jit_compile(impl_->code, PCRE2_JIT_COMPLETE);  // falls back to the interpreter on failure
    pcre2_pattern_info(impl_->code, PCRE2_INFO_CAPTURECOUNT, &impl_->capture_count);
}

void set_regex_limits(uint32_t match_limit, uint32_t depth_limit) {
    if (g_match_limit.load() == match_limit && g_depth_limit.load() == depth_limit) return;
    g_match_limit.store(match_limit);
    g_depth_limit.store(depth_limit);
    g_generation.fetch_add(1, std::memory_order_release);
}

Regex::~Regex() = default;
Regex::Regex(Regex&&) noexcept = default;
Regex& Regex::operator=(Regex&&) noexcept = default;

bool Regex::search(std::string_view subject) const {
    pcre2_match_data* md = thread_match_data(impl_->capture_count + 1);
    int rc = pcre2_match(impl_->code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), 0, 0, md,
                         thread_match_context());
    return checked(rc, subject.size()) >= 0;
}

std::optional<Regex::Match> Regex::find(std::string_view subject, size_t start) const {
    if (start > subject.size()) return std::nullopt;
    pcre2_match_data* md = thread_match_data(impl_->capture_count + 1);
    int rc = checked(pcre2_match(impl_->code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), start, 0,
                                 md, thread_match_context()),
                     subject.size());
    if (rc < 0) return std::nullopt;
    PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md);
    Match m;
    m.groups.resize(impl_->capture_count + 1);
    for (uint32_t g = 0; g <= impl_->capture_count; ++g) {
        if (static_cast<int>(g) >= rc || ov[2 * g] == PCRE2_UNSET) continue;
        m.groups[g] = std::string(subject.substr(ov[2 * g], ov[2 * g + 1] - ov[2 * g]));
    }
    m.begin = ov[0];
    m.end = ov[1];
    return m;
}

std::vector<std::pair<std::string, int>> Regex::named_groups() const {
    std::vector<std::pair<std::string, int>> out;
    uint32_t count = 0, entry_size = 0;
    PCRE2_SPTR table = nullptr;
    pcre2_pattern_info(impl_->code, PCRE2_INFO_NAMECOUNT, &count);
    pcre2_pattern_info(impl_->code, PCRE2_INFO_NAMEENTRYSIZE, &entry_size);
    pcre2_pattern_info(impl_->code, PCRE2_INFO_NAMETABLE, &table);
    for (uint32_t i = 0; i < count; ++i) {
        const unsigned char* e = table + i * entry_size;
        int num = (e[0] << 8) | e[1];
        out.emplace_back(reinterpret_cast<const char*>(e + 2), num);
    }
    // The name table is sorted by name; callers want the order of the groups in the pattern.
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    return out;
}

void Regex::expand(std::string& out, std::string_view replacement, const Match& m, OtherEscapes other) {
    for (size_t i = 0; i < replacement.size(); ++i) {
        char c = replacement[i];
        if (c == '\\' && i + 1 < replacement.size()) {
            char d = replacement[i + 1];
            if (d >= '0' && d <= '9') {
                size_t g = static_cast<size_t>(d - '0');
                if (g < m.groups.size() && m.groups[g]) out += *m.groups[g];
                ++i;
                continue;
            }
            if (d == '\\' || other == OtherEscapes::Drop) {
                out += d;
                ++i;
                continue;
            }
        }
        out += c;
    }
}

std::string Regex::replace(std::string_view subject, std::string_view replacement, bool global) const {
    std::string out;
    size_t pos = 0;      // where the unmatched text starts
    size_t search = 0;   // where the next match may start
    while (search <= subject.size()) {
        auto m = find(subject, search);
        if (!m) break;
        out.append(subject.substr(pos, m->begin - pos));
        expand(out, replacement, *m, OtherEscapes::Keep);
        pos = m->end;
        if (m->end == m->begin) {
            // Empty match: copy one character and move on, so the loop always advances.
            if (m->end >= subject.size()) {
                search = subject.size() + 1;
            } else {
                size_t n = utf8_len(subject, m->end);
                out.append(subject.substr(m->end, n));
                pos = search = m->end + n;
            }
        } else {
            search = m->end;
        }
        if (!global) break;
    }
    if (pos < subject.size()) out.append(subject.substr(pos));
    return out;
}

}  // namespace minispl
