#pragma once
// Output formats of `minispl lint`: text (file:line:col with a caret), JSON and SARIF 2.1.0.
#include "minispl/lint/linter.hpp"

#include <string>
#include <vector>

namespace minispl {

struct TextFormatOptions {
    bool quiet = false;  //!< errors only, no warnings, notes or summary
    bool color = false;
};

//! `file:line:col: error[rule]: message`, then the file's line and a `^~~~` caret under the span.
std::string format_text(const std::vector<RuleReport>& reports, const TextFormatOptions& opts = {});
//! One diagnostic: the `file:line:col: severity[rule]: message` line, then `source_line` (when
//! given) and a caret line under the diagnostic's columns.
std::string format_diagnostic(const Diagnostic& d, const std::string* source_line, bool color = false);
//! The summary line: `N rules, N errors, N warnings (T s)`.
std::string format_summary(const LintSummary& s, double seconds);
//! One JSON document: {"rules":[{file,name,runnable,not_runnable_reason,diagnostics:[...]}], "summary":{...}}.
std::string format_json(const std::vector<RuleReport>& reports);
//! A SARIF 2.1.0 log with one run; rule metadata from lint_rule_catalogue().
std::string format_sarif(const std::vector<RuleReport>& reports);

}  // namespace minispl
