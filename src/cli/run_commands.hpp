#pragma once
#include <CLI/CLI.hpp>

namespace minispl::cli {

//! `minispl search 'SPL' --input FILE...`
void add_search_command(CLI::App& app);
//! `minispl run RULE.yml [--input FILE...]`
void add_run_command(CLI::App& app);

}  // namespace minispl::cli
