#pragma once
// `minispl lint`: checks detection rules (YAML schema, SPL syntax, macros, commands, functions,
// lookups, contentctl conventions) and says per rule whether minispl can run it.
#include "minispl/core/diagnostic.hpp"
#include "minispl/lint/lookup_index.hpp"
#include "minispl/macros/macro_table.hpp"
#include "minispl/rules/detection.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace minispl {

//! What `lint_paths` reads besides the rules themselves.
struct LintOptions {
    //! Macro / lookup directories. Empty: `<rule_pack_root(rule)>/macros` and `/lookups` of each rule.
    std::vector<std::filesystem::path> macro_dirs, lookup_dirs;
    bool include_deprecated = false;  //!< lint rules under deprecated/ or with status: deprecated
    unsigned threads = 2;             //!< worker threads over the files
};

class SourcetypeRegistry;
class AddonCatalogue;
class DataModelRegistry;

//! What one rule is checked against (shared, read-only, by every worker).
struct LintContext {
    const LookupIndex* lookups = nullptr;  //!< null: lookup-undefined is not checked
    const SourcetypeRegistry* sourcetypes = nullptr;  //!< null: unknown-sourcetype is not checked
    //! null: unknown-datamodel, unknown-dataset and unknown-datamodel-field are not checked
    const DataModelRegistry* datamodels = nullptr;
    const AddonCatalogue* addons = nullptr;  //!< null: addon-not-modelled is not checked
};

//! The findings for one rule file, positions mapped to the file.
struct RuleReport {
    std::filesystem::path file;
    std::string name;
    std::vector<Diagnostic> diagnostics;  //!< sorted by line, column
    bool runnable = false;                //!< no error: minispl can parse and run it
    std::string not_runnable_reason;      //!< the first error, when not runnable
    bool skipped = false;                 //!< deprecated and not asked for: no checks ran

    size_t count(Severity s) const;
};

//! Lints a loaded rule. Never throws for problems in the rule: they become diagnostics.
RuleReport lint_rule(const Detection& rule, const MacroTable& macros, const LintContext& ctx);

//! Loads and lints one file (a load failure becomes a yaml/schema diagnostic).
RuleReport lint_file(const std::filesystem::path& file, const MacroTable& macros, const LintContext& ctx,
                     bool include_deprecated);

//! Lints every rule under `paths` (files or directories; directories skip `macros/` and `lookups/`),
//! in parallel, reports in path order. Throws SplError ("io") for a missing path or macro directory.
std::vector<RuleReport> lint_paths(const std::vector<std::filesystem::path>& paths, const LintOptions& opts);

struct Expansion;
//! Moves a diagnostic on a macro-expanded text to the original search text (offset and length;
//! text from a macro maps to the whole macro call, and the message names the macro).
void map_to_original(const Expansion& exp, Diagnostic& d);
//! Places a diagnostic on the rule's original search text in its file (file, pos, length).
void map_to_file(const Detection& rule, Diagnostic& d);

//! Totals over reports.
struct LintSummary {
    size_t rules = 0, skipped = 0, errors = 0, warnings = 0, infos = 0, runnable = 0;
};
LintSummary summarize(const std::vector<RuleReport>& reports);

//! Exit status of `minispl lint`: 1 when there are errors (or, with `strict`, warnings), else 0.
int lint_exit_code(const LintSummary& s, bool strict);

//! One lint rule of the catalogue (docs/lint-rules.md, SARIF `rules`).
struct LintRuleInfo {
    const char* id;
    Severity severity;
    const char* summary;
};
const std::vector<LintRuleInfo>& lint_rule_catalogue();

}  // namespace minispl
