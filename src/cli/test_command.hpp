#pragma once
#include <CLI/CLI.hpp>

namespace minispl::cli {

//! `minispl test PATH... [--attack-data DIR] [-j N] [--filter GLOB] [--junit FILE] [--json FILE]
//!  [--strict] [--quiet]` — exit 1 when a test failed (with --strict also when one was skipped),
//!  2 for a usage or I/O error, else 0.
void add_test_command(CLI::App& app);

}  // namespace minispl::cli
