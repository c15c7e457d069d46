#pragma once
// Subcommands of the minispl executable, each added to the CLI11 app by its own file.
#include <CLI/CLI.hpp>

namespace minispl::cli {

//! `minispl lint PATH... [--format text|json|sarif] [--macros DIR]... [--lookups DIR]...
//!  [--include-deprecated] [--strict] [--quiet]` — exit 0 clean, 1 findings, 2 usage/IO error.
void add_lint_command(CLI::App& app);
//! `minispl parse [--explain] (RULE.yml | --spl 'SPL')` — the expanded search and its AST.
void add_parse_command(CLI::App& app);

}  // namespace minispl::cli
