// Mutation test: one syntax error injected into each of >= 500 real searches must be reported
// (syntax or unknown-command) at the right place in the rule file, for >= 99 % of them.
//
// "Right place", per mutation (offsets in the mutated search text; tolerance +-2 bytes, then
// mapped through the rule's YAML to file:line:col exactly as `minispl lint` prints it):
//   quote     drop the closing " of the LAST double-quoted string (so no later quote pairs with
//             it; only when no macro expansion after it brings in a quote) -> its opening "
//   paren     drop the LAST ')' outside strings and macro calls      -> its matching '('
//   bracket   drop the LAST ']' outside strings and macro calls      -> its matching '['
//   empty     `| cmd` -> `| | cmd` at the middle top-level pipe      -> the second '|'
//   command   swap the first two letters of the middle top-level command word (append 'x' when
//             that is still a known command)                          -> the command word
//   stats     remove the aggregations of the first top-level `stats` -> from `stats` to the token after it
//   by        remove the fields after a top-level `by` (stats/tstats/eventstats/...) -> from `by` to the token after it
//   span      replace the first `span=` value with `5zz`             -> the value
#include "minispl/compile/command_spec.hpp"
#include "minispl/lint/linter.hpp"
#include "minispl/macros/expander.hpp"
#include "minispl/parse/parser.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace minispl;

namespace {

fs::path corpus() { return fs::path(MINISPL_SHARED_DIR) / "security_content"; }

uint64_t fnv1a(const std::string& s) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h;
}

//! The structure of a search that the mutations need, found outside strings and macro calls.
struct Scan {
    struct Pair { size_t open, close; };
    std::vector<Pair> strings, parens, brackets;
    std::vector<size_t> pipes;  //!< top level (outside [ ])
};

Scan scan(const std::string& t) {
    Scan s;
    std::vector<size_t> ps, bs;
    for (size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        if (c == '\\') { ++i; continue; }
        if (c == '`') {
            size_t j = t.find('`', i + 1);
            if (j == std::string::npos) break;
            i = j;
        } else if (c == '"') {
            size_t j = i + 1;
            while (j < t.size() && t[j] != '"') j += t[j] == '\\' ? 2 : 1;
            if (j >= t.size()) break;
            s.strings.push_back({i, j});
            i = j;
        } else if (c == '(') ps.push_back(i);
        else if (c == ')') { if (!ps.empty()) { s.parens.push_back({ps.back(), i}); ps.pop_back(); } }
        else if (c == '[') bs.push_back(i);
        else if (c == ']') { if (!bs.empty()) { s.brackets.push_back({bs.back(), i}); bs.pop_back(); } }
        else if (c == '|' && bs.empty()) s.pipes.push_back(i);
    }
    return s;
}

//! Top-level stage after pipe `p`: [begin of command word, end of stage).
std::pair<size_t, size_t> stage(const std::string& t, const Scan& s, size_t k) {
    size_t b = t.find_first_not_of(" \t\r\n", s.pipes[k] + 1);
    size_t e = k + 1 < s.pipes.size() ? s.pipes[k + 1] : t.size();
    return {b == std::string::npos ? t.size() : b, e};
}

//! Offset of a ` by ` keyword at paren depth 0 outside strings in [b, e), or npos.
size_t find_by(const std::string& t, size_t b, size_t e) {
    int depth = 0;
    for (size_t i = b; i < e; ++i) {
        char c = t[i];
        if (c == '"') { size_t j = i + 1; while (j < e && t[j] != '"') j += t[j] == '\\' ? 2 : 1; i = j; continue; }
        if (c == '`') { size_t j = t.find('`', i + 1); if (j == std::string::npos || j >= e) return std::string::npos; i = j; continue; }
        if (c == '(' || c == '[') ++depth;
        if (c == ')' || c == ']') --depth;
        if (depth == 0 && i > b && std::isspace((unsigned char)t[i - 1]) && i + 2 < e &&
            (t[i] == 'b' || t[i] == 'B') && (t[i + 1] == 'y' || t[i + 1] == 'Y') && std::isspace((unsigned char)t[i + 2]))
            return i;
    }
    return std::string::npos;
}

size_t next_token(const std::string& t, size_t from) {
    size_t n = t.find_first_not_of(" \t\r\n", from);
    return n == std::string::npos ? t.size() : n;
}

struct Mutant {
    std::string text;
    size_t lo, hi;  //!< the right place: [lo, hi] in the mutated text
};

const char* kKinds[] = {"quote", "paren", "bracket", "empty", "command", "stats", "by", "span"};
constexpr int kKindCount = 8;

std::optional<Mutant> mutate(int kind, const std::string& t, const Expansion& exp) {
    Scan s = scan(t);
    switch (kind) {
        case 0: {  // quote
            if (s.strings.empty()) return {};
            auto str = s.strings.back();
            // No quote may come after it from a macro expansion (it would close the string there).
            for (const auto& seg : exp.map.segments())
                if (seg.src_begin > str.close && exp.text.find('"', seg.out_begin) < seg.out_end) return {};
            std::string m = t;
            m.erase(str.close, 1);
            return Mutant{m, str.open, str.open};
        }
        case 1:
        case 2: {  // paren, bracket
            const auto& v = kind == 1 ? s.parens : s.brackets;
            if (v.empty()) return {};
            auto last = *std::max_element(v.begin(), v.end(), [](auto& a, auto& b) { return a.close < b.close; });
            std::string m = t;
            m.erase(last.close, 1);
            return Mutant{m, last.open, last.open};
        }
        case 3: {  // empty stage
            if (s.pipes.size() < 2) return {};
            size_t p = s.pipes[s.pipes.size() / 2];
            std::string m = t;
            m.insert(p + 1, " |");
            return Mutant{m, p + 2, p + 2};
        }
        case 4: {  // misspelled command
            std::vector<std::pair<size_t, size_t>> words;
            for (size_t k = 0; k < s.pipes.size(); ++k) {
                auto [b, e] = stage(t, s, k);
                size_t w = b;
                while (w < e && std::isalpha((unsigned char)t[w])) ++w;
                if (w - b >= 3 && (w == t.size() || std::isspace((unsigned char)t[w]))) words.push_back({b, w});
            }
            if (words.empty()) return {};
            auto [b, w] = words[words.size() / 2];
            std::string word = t.substr(b, w - b), bad = word;
            std::swap(bad[0], bad[1]);
            if (bad == word || is_known_command(bad)) bad += "x";
            std::string m = t.substr(0, b) + bad + t.substr(w);
            return Mutant{m, b, b + bad.size() - 1};
        }
        case 5: {  // stats without a function
            for (size_t k = 0; k < s.pipes.size(); ++k) {
                auto [b, e] = stage(t, s, k);
                if (t.compare(b, 6, "stats ") != 0) continue;
                size_t args = next_token(t, b + 5);
                size_t by = find_by(t, args, e);
                size_t cut_end = by == std::string::npos ? e : by;
                if (cut_end <= args) continue;
                std::string m = t.substr(0, args) + t.substr(cut_end);
                return Mutant{m, b, next_token(m, b + 5)};
            }
            return {};
        }
        case 6: {  // dangling by
            for (size_t k = 0; k < s.pipes.size(); ++k) {
                auto [b, e] = stage(t, s, k);
                size_t by = find_by(t, b, e);
                if (by == std::string::npos) continue;
                std::string m = t.substr(0, by + 2) + (e < t.size() ? " " : "") + t.substr(e);
                return Mutant{m, by, next_token(m, by + 2)};
            }
            return {};
        }
        case 7: {  // bad span value
            for (size_t i = t.find("span="); i != std::string::npos; i = t.find("span=", i + 1)) {
                bool in_string = false;
                for (const auto& str : s.strings) if (i > str.open && i < str.close) in_string = true;
                if (in_string) continue;
                if (i > 0 && (std::isalnum((unsigned char)t[i - 1]) || t[i - 1] == '_')) continue;  // maxspan=, timespan=
                size_t v = i + 5, ve = v;
                while (ve < t.size() && !std::isspace((unsigned char)t[ve]) && t[ve] != '|' && t[ve] != ']' && t[ve] != ')') ++ve;
                if (ve == v) continue;
                std::string m = t.substr(0, v) + "5zz" + t.substr(ve);
                return Mutant{m, v, v + 2};
            }
            return {};
        }
    }
    return {};
}

//! Writes `rule` with its search replaced (as a literal block) into `file`.
void write_rule(const Detection& rule, const std::string& search, const fs::path& file) {
    YAML::Emitter e;
    e << YAML::BeginMap;
    for (const auto& kv : rule.yaml) {
        e << YAML::Key << kv.first;
        if (kv.first.Scalar() == "search") e << YAML::Value << YAML::Literal << search;
        else e << YAML::Value << kv.second;
    }
    e << YAML::EndMap;
    std::ofstream(file) << e.c_str() << "\n";
}

}  // namespace

TEST_CASE("mutation: injected errors are reported at the right place in >= 99% of >= 500 real rules") {
    if (!fs::is_directory(corpus() / "detections")) {
        MESSAGE("security_content corpus not found");
        return;
    }
    MacroTable macros;
    macros.load_directory(corpus() / "macros");
    LookupIndex lookups;
    lookups.load_directory(corpus() / "lookups");
    LintContext ctx;
    ctx.lookups = &lookups;

    // Candidates: non-deprecated rules that lint without syntax/unknown-command errors, in a
    // deterministic order spread over the directories.
    std::vector<fs::path> files;
    for (const auto& f : find_rule_files({corpus() / "detections"}))
        if (f.string().find("/deprecated/") == std::string::npos) files.push_back(f);
    std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
        return fnv1a(a.filename().string()) < fnv1a(b.filename().string());
    });

    const size_t quota = 66;  // per kind: 8 x 66 = 528 mutants
    size_t done[kKindCount] = {}, right[kKindCount] = {};
    fs::path tmp = fs::temp_directory_path() / ("minispl_mutation_" + std::to_string(::getpid()));
    fs::create_directories(tmp);
    int failures_shown = 0;
    size_t next_kind = 0;
    for (const auto& file : files) {
        Detection rule;
        try { rule = load_detection(file); } catch (const std::exception&) { continue; }
        if (rule.search.find("```") != std::string::npos) continue;
        RuleReport base = lint_rule(rule, macros, ctx);
        bool clean = std::none_of(base.diagnostics.begin(), base.diagnostics.end(), [](const Diagnostic& d) {
            return d.rule == "syntax" || d.rule == "unknown-command";
        });
        if (!clean) continue;
        std::string text = rule.search;
        text.erase(0, text.find_first_not_of(" \t\r\n"));
        while (!text.empty() && std::isspace((unsigned char)text.back())) text.pop_back();
        ExpandOptions eo;
        eo.filter_macro = rule.filter_macro_name();
        Expansion exp = expand_macros(text, macros, eo);

        std::optional<Mutant> m;
        int kind = -1;
        for (int k = 0; k < kKindCount && !m; ++k) {
            int cand = static_cast<int>((next_kind + k) % kKindCount);
            if (done[cand] >= quota) continue;
            if ((m = mutate(cand, text, exp))) kind = cand;
        }
        if (!m) continue;
        next_kind = (kind + 1) % kKindCount;

        fs::path out = tmp / file.filename();
        write_rule(rule, m->text, out);
        Detection mutated = load_detection(out);
        // A literal block keeps one final line break ("|" chomping): ignore it.
        while (!mutated.search.empty() && mutated.search.back() == '\n') mutated.search.pop_back();
        REQUIRE_MESSAGE(mutated.search == m->text, "the emitted YAML must round-trip: " << out.string());
        RuleReport rep = lint_rule(mutated, macros, ctx);
        ++done[kind];

        const Diagnostic* hit = nullptr;
        for (const auto& d : rep.diagnostics)
            if (d.severity == Severity::Error && (d.rule == "syntax" || d.rule == "unknown-command")) { hit = &d; break; }
        // The file position -> the offset in the mutated search (inverse of the rule's ScalarMap).
        std::optional<size_t> at;
        if (hit)
            for (size_t o = 0; o <= mutated.search.size(); ++o) {
                Position p = mutated.search_map.position(static_cast<uint32_t>(o));
                if (p.line == hit->pos.line && p.column == hit->pos.column) { at = o; break; }
            }
        const size_t tol = 2;
        bool ok = at && *at + tol >= m->lo && *at <= m->hi + tol;
        if (ok) {
            ++right[kind];
        } else if (failures_shown++ < 60) {
            std::string ctxt = m->text.substr(m->lo > 30 ? m->lo - 30 : 0, 70);
            std::replace(ctxt.begin(), ctxt.end(), '\n', ' ');
            std::printf("  MISS %-7s %s: expected offset %zu..%zu, got %s%s%s  | ...%s...\n", kKinds[kind],
                        file.filename().string().c_str(), m->lo, m->hi,
                        at ? std::to_string(*at).c_str() : "none",
                        hit ? (" [" + hit->rule + "] ").c_str() : " ", hit ? hit->message.c_str() : "", ctxt.c_str());
        }
        bool all_full = true;
        for (int k = 0; k < kKindCount; ++k) all_full = all_full && done[k] >= quota;
        if (all_full) break;
    }
    fs::remove_all(tmp);

    size_t total = 0, total_right = 0;
    for (int k = 0; k < kKindCount; ++k) {
        std::printf("  %-8s %zu/%zu at the right place\n", kKinds[k], right[k], done[k]);
        total += done[k];
        total_right += right[k];
    }
    std::printf("mutation: %zu/%zu at the right place (%.1f%%)\n", total_right, total,
                total ? 100.0 * total_right / total : 0.0);
    CHECK(total >= 500);
    CHECK(total_right * 100 >= total * 99);
}
