#pragma once
// What a detection needs to run: its rule pack's macros and lookups, its search job, its datasets.
// Shared by `minispl run` and `minispl test`.
#include "minispl/lint/lookup_index.hpp"
#include "minispl/macros/macro_table.hpp"
#include "minispl/rules/detection.hpp"
#include "minispl/runner/search_runner.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace minispl {

//! The macros and lookups of one rule pack (or of directories given on the command line).
//! Read-only once loaded, so one pack is shared by every worker thread.
struct RulePack {
    MacroTable macros;
    std::vector<std::filesystem::path> lookup_dirs;
    LookupIndex lookups;
};

//! Loads `<root>/macros` and `<root>/lookups` when `macro_dirs` / `lookup_dirs` are empty,
//! then the given directories. Throws SplError on a malformed macro file.
RulePack load_rule_pack(const std::filesystem::path& root, const std::vector<std::filesystem::path>& macro_dirs = {},
                        const std::vector<std::filesystem::path>& lookup_dirs = {});

//! The search job of a rule: its search unchanged, its `<name>_filter` macro, the pack's lookups.
//! `pack` must outlive the job. Inputs are left to the caller.
SearchJob rule_search_job(const Detection& rule, const RulePack& pack);

//! The input of one attack_data entry: the resolved local path, tagged with the entry's
//! sourcetype and source (as contentctl's HEC replay tags them). The file may not exist.
InputSpec dataset_input(const AttackData& data, const std::filesystem::path& rule_file,
                        const std::filesystem::path& attack_data_dir);

}  // namespace minispl
