// missing-filter-macro: contentctl expects every search to end with `| `<name>_filter``.
#include "checks.hpp"

#include <cctype>

namespace minispl::lint {

namespace {

//! The search with ```comments``` blanked out (same length, so offsets stay valid).
std::string blank_comments(const std::string& s) {
    std::string r = s;
    size_t i = 0;
    while ((i = r.find("```", i)) != std::string::npos) {
        size_t end = r.find("```", i + 3);
        size_t stop = end == std::string::npos ? r.size() : end + 3;
        for (size_t k = i; k < stop; ++k) if (r[k] != '\n') r[k] = ' ';
        i = stop;
    }
    return r;
}

}  // namespace

void check_filter_macro(const Detection& rule, std::vector<Diagnostic>& out) {
    const std::string name = rule.filter_macro_name();
    const std::string text = blank_comments(rule.search);
    const std::string call = "`" + name + "`";
    size_t at = text.rfind(call);
    Diagnostic d;
    d.rule = "missing-filter-macro";
    d.severity = Severity::Warning;
    if (at == std::string::npos) {
        size_t end = text.find_last_not_of(" \t\r\n");
        d.offset = end == std::string::npos ? 0 : static_cast<uint32_t>(end);
        d.message = "the search does not end with `" + name + "` (contentctl's per-rule filter macro)";
        out.push_back(std::move(d));
        return;
    }
    size_t after = text.find_first_not_of(" \t\r\n", at + call.size());
    if (after != std::string::npos) {
        d.offset = static_cast<uint32_t>(at);
        d.length = static_cast<uint32_t>(call.size());
        d.message = "`" + name + "` is not the last stage of the search";
        out.push_back(std::move(d));
    }
}

}  // namespace minispl::lint
