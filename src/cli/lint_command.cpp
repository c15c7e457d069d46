// `minispl lint`: lints detection rules and prints text, JSON or SARIF.
#include "commands.hpp"
#include "minispl/lint/format.hpp"
#include "minispl/lint/linter.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>

namespace minispl::cli {

namespace {
struct LintArgs {
    std::vector<std::string> paths, macro_dirs, lookup_dirs;
    std::string format = "text";
    bool include_deprecated = false, strict = false, quiet = false;
    unsigned threads = 2;
};
}  // namespace

void add_lint_command(CLI::App& app) {
    auto a = std::make_shared<LintArgs>();
    auto* cmd = app.add_subcommand(
        "lint",
        "Check detection rules: YAML schema (contentctl), SPL syntax, macros, commands, functions, lookups,\n"
        "message fields, tests; and whether minispl can run each rule.\n\n"
        "  minispl lint detections/\n"
        "  minispl lint --format sarif detections/ > lint.sarif\n\n"
        "Exit status: 0 no errors (warnings allowed; with --strict, none either), 1 findings, 2 usage or I/O error.");
    cmd->add_option("paths", a->paths, "rule files or directories (searched recursively for *.yml)")->required();
    cmd->add_option("--format", a->format, "output format")->check(CLI::IsMember({"text", "json", "sarif"}));
    cmd->add_option("--macros", a->macro_dirs, "macro directory (default: the macros/ of each rule's pack)")
        ->check(CLI::ExistingDirectory);
    cmd->add_option("--lookups", a->lookup_dirs, "lookup directory (default: the lookups/ of each rule's pack)")
        ->check(CLI::ExistingDirectory);
    cmd->add_flag("--include-deprecated", a->include_deprecated, "also lint deprecated rules");
    cmd->add_flag("--strict", a->strict, "warnings fail the run too (exit 1)");
    cmd->add_flag("--quiet,-q", a->quiet, "errors only: no warnings, notes or summary line");
    cmd->add_option("--jobs,-j", a->threads, "worker threads")->check(CLI::Range(1u, 256u));
    cmd->callback([a] {
        auto t0 = std::chrono::steady_clock::now();
        LintOptions opts;
        opts.macro_dirs.assign(a->macro_dirs.begin(), a->macro_dirs.end());
        opts.lookup_dirs.assign(a->lookup_dirs.begin(), a->lookup_dirs.end());
        opts.include_deprecated = a->include_deprecated;
        opts.threads = a->threads;
        std::vector<RuleReport> reports;
        try {
            reports = lint_paths({a->paths.begin(), a->paths.end()}, opts);
        } catch (const SplError& e) {
            const Diagnostic& d = e.diagnostic();
            if (!d.file.empty())
                std::cerr << fmt::format("{}:{}:{}: error[{}]: {}\n", d.file, d.pos.line, d.pos.column, d.rule, d.message);
            else
                std::cerr << fmt::format("minispl lint: error[{}]: {}\n", d.rule, d.message);
            throw CLI::RuntimeError(2);
        } catch (const std::exception& e) {
            std::cerr << "minispl lint: error: " << e.what() << "\n";
            throw CLI::RuntimeError(2);
        }
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        LintSummary s = summarize(reports);
        if (a->format == "json") {
            std::cout << format_json(reports);
        } else if (a->format == "sarif") {
            std::cout << format_sarif(reports);
        } else {
            TextFormatOptions to;
            to.quiet = a->quiet;
            to.color = isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
            std::cout << format_text(reports, to);
        }
        if (!a->quiet) (a->format == "text" ? std::cout : std::cerr) << format_summary(s, secs) << "\n";
        std::cout.flush();
        if (int rc = lint_exit_code(s, a->strict)) throw CLI::RuntimeError(rc);
    });
}

}  // namespace minispl::cli
