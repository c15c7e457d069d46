// Text output of `minispl lint`: compiler-style lines with the source line and a caret.
#include "minispl/lint/format.hpp"

#include <fmt/format.h>

#include <fstream>
#include <map>

namespace minispl {

namespace {

//! The 1-based line of a file (read once per file).
class LineCache {
public:
    const std::string* line(const std::string& file, uint32_t n) {
        auto it = files_.find(file);
        if (it == files_.end()) {
            std::vector<std::string> lines;
            std::ifstream in(file, std::ios::binary);
            for (std::string l; std::getline(in, l);) {
                if (!l.empty() && l.back() == '\r') l.pop_back();
                lines.push_back(std::move(l));
            }
            it = files_.emplace(file, std::move(lines)).first;
        }
        if (n == 0 || n > it->second.size()) return nullptr;
        return &it->second[n - 1];
    }

private:
    std::map<std::string, std::vector<std::string>> files_;
};

}  // namespace

std::string format_diagnostic(const Diagnostic& d, const std::string* line, bool color) {
    const char* sev = d.severity == Severity::Info ? "note" : severity_name(d.severity);
    std::string out;
    if (color) {
        const char* c = d.severity == Severity::Error ? "\x1b[1;31m" : d.severity == Severity::Warning ? "\x1b[1;35m" : "\x1b[1;36m";
        out = fmt::format("\x1b[1m{}:{}:{}:\x1b[0m {}{}[{}]:\x1b[0m {}\n", d.file, d.pos.line, d.pos.column, c, sev, d.rule, d.message);
    } else {
        out = fmt::format("{}:{}:{}: {}[{}]: {}\n", d.file, d.pos.line, d.pos.column, sev, d.rule, d.message);
    }
    if (!line) return out;
    out += *line;
    out += '\n';
    std::string caret;
    // Keep tabs so the caret lines up whatever the tab width.
    for (uint32_t i = 1; i < d.pos.column && i <= line->size(); ++i) caret += (*line)[i - 1] == '\t' ? '\t' : ' ';
    caret += '^';
    size_t room = line->size() >= d.pos.column ? line->size() - d.pos.column + 1 : 1;
    size_t len = std::min<size_t>(std::max<uint32_t>(1, d.length), room);
    caret.append(len - 1, '~');
    out += caret;
    out += '\n';
    return out;
}

std::string format_text(const std::vector<RuleReport>& reports, const TextFormatOptions& opts) {
    std::string out;
    LineCache cache;
    for (const auto& r : reports) {
        for (Diagnostic d : r.diagnostics) {
            if (opts.quiet && d.severity != Severity::Error) continue;
            if (d.file.empty()) d.file = r.file.string();
            out += format_diagnostic(d, cache.line(d.file, d.pos.line), opts.color);
        }
    }
    return out;
}

std::string format_summary(const LintSummary& s, double seconds) {
    std::string line = fmt::format("{} rules, {} errors, {} warnings ({:.2f} s)", s.rules, s.errors, s.warnings, seconds);
    if (s.skipped) line += fmt::format("; {} deprecated rules skipped", s.skipped);
    return line;
}

}  // namespace minispl
