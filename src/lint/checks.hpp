#pragma once
// The individual lint checks, each appending diagnostics. Internal to src/lint.
#include "minispl/core/diagnostic.hpp"
#include "minispl/lint/linter.hpp"
#include "minispl/parse/ast.hpp"
#include "minispl/rules/detection.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace minispl::lint {

//! contentctl-style checks of the YAML document (rule "schema"); positions are file positions
//! (Diagnostic::pos filled, offset unused).
void check_schema(const Detection& rule, std::vector<Diagnostic>& out);

//! `tests:` entries without attack_data (rule "tests-without-data"), file positions.
void check_tests(const Detection& rule, std::vector<Diagnostic>& out);

//! A test's attack_data sourcetype minispl has no definitions for (rule "unknown-sourcetype",
//! info: its events get only the plain JSON extraction), file positions. Needs ctx.sourcetypes.
void check_sourcetypes(const Detection& rule, const LintContext& ctx, std::vector<Diagnostic>& out);

//! The rule's `<name>_filter` macro: absent, or not the last stage (rule "missing-filter-macro").
//! Offsets into the ORIGINAL search text.
void check_filter_macro(const Detection& rule, std::vector<Diagnostic>& out);

//! unknown-command, unknown-function, lookup-undefined, eval-dotted-name over the whole AST
//! (subsearches included).
//! Offsets into the parsed (expanded) text.
void check_pipeline(const ast::Pipeline& pipeline, const LintContext& ctx, std::vector<Diagnostic>& out);

//! Each `$field$` of the rule message must be an output field of the search, when the output
//! set can be derived exactly (rule "message-field", file positions of the message).
void check_message_fields(const Detection& rule, const ast::Pipeline& pipeline, std::vector<Diagnostic>& out);

//! drilldown-syntax (error) and drilldown-field (warning) over drilldown_searches (drilldowns.cpp).
void check_drilldowns(const Detection& rule, const ast::Pipeline& pipeline, std::vector<Diagnostic>& out);

//! rba-schema (error) and rba-field (warning) over `rba:` and a top-level `threat_objects:` (rba_check.cpp).
void check_rba(const Detection& rule, const ast::Pipeline& pipeline, std::vector<Diagnostic>& out);

//! addon-not-modelled (info): how_to_implement names an add-on none of whose sourcetypes minispl
//! defines (addon_check.cpp). Needs ctx.addons and ctx.sourcetypes.
void check_addons(const Detection& rule, const LintContext& ctx, std::vector<Diagnostic>& out);

//! A diagnostic placed directly at a file position (for checks of YAML keys).
Diagnostic file_diagnostic(const Detection& rule, const char* id, Severity sev, std::string message,
                           const YAML::Node& at, uint32_t length = 1);

}  // namespace minispl::lint
