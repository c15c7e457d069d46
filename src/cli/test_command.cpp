// `minispl test`: the true-positive tests of detection YAMLs, offline, judged like `contentctl test`.
#include "test_command.hpp"

#include "fetch_options.hpp"
#include "progress.hpp"

#include "minispl/runner/test_runner.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>

namespace fs = std::filesystem;

namespace minispl::cli {

namespace {

struct TestArgs {
    std::vector<std::string> paths;
    std::string attack_data;
    std::vector<std::string> macro_dirs, lookup_dirs;
    unsigned threads = 0;
    std::string filter, junit, json;
    bool strict = false, quiet = false;
    FetchArgs fetch;
};

//! Writes a report file, or throws CLI::RuntimeError(2) naming it.
template <typename Write>
void write_report(const std::string& path, Write write) {
    if (path.empty()) return;
    std::ofstream out(path);
    if (out) write(out);
    if (!out) {
        std::cerr << fmt::format("error[io]: cannot write {}\n", path);
        throw CLI::RuntimeError(2);
    }
}

}  // namespace

void add_test_command(CLI::App& app) {
    auto a = std::make_shared<TestArgs>();
    auto* cmd = app.add_subcommand(
        "test", "Run the true-positive tests of detection rules (their `tests:` attack_data), and judge them "
                "as contentctl test does: pass when the search returns results with every risk and threat object "
                "field filled in.\n\n"
                "  minispl test detections/cloud --attack-data ../shared/attack_data --junit report.xml\n\n"
                "Prints `PASS|FAIL|SKIP rule — reason` per rule and test, then `N passed, N failed, N skipped` "
                "(skipped: not runnable by minispl, or dataset missing).\n\n"
                "Datasets: read from the --attack-data mirror; one it lacks is downloaded from the test's URL (as "
                "contentctl does) into a cache, and read from there on later runs without a request:\n\n"
                "  minispl test detections/cloud/aws_createaccesskey.yml            # downloads, then caches\n"
                "  minispl test detections/ --offline                                # cache and mirror only\n"
                "  minispl test detections/ --dataset-base-url https://mirror.example/attack_data/");
    cmd->add_option("paths", a->paths, "rule files or directories (searched recursively; deprecated/ folders only "
                                       "when named)")
        ->required();
    cmd->add_option("--attack-data", a->attack_data,
                    "local attack_data mirror: https://media.githubusercontent.com/media/splunk/attack_data/master/<path> "
                    "is read from DIR/<path> (default: $MINISPL_ATTACK_DATA or ../shared/attack_data); a dataset "
                    "it lacks is downloaded from its URL into the cache (see --offline)")
        ->check(CLI::ExistingDirectory);
    cmd->add_option("--macros", a->macro_dirs, "macro directory (default: the macros/ of each rule's pack)")
        ->check(CLI::ExistingDirectory);
    cmd->add_option("--lookups", a->lookup_dirs, "lookup directory (default: the lookups/ of each rule's pack)")
        ->check(CLI::ExistingDirectory);
    cmd->add_option("-j,--jobs", a->threads, "rules tested in parallel (default: hardware threads)")
        ->check(CLI::Range(1u, 256u));
    cmd->add_option("--filter", a->filter, "only rules whose file name or rule name matches this glob (e.g. 'aws_*')");
    cmd->add_option("--junit", a->junit, "also write a JUnit XML report to FILE");
    cmd->add_option("--json", a->json, "also write a JSON report to FILE");
    cmd->add_flag("--strict", a->strict, "skipped tests (not runnable, dataset missing) fail the run too");
    cmd->add_flag("-q,--quiet", a->quiet, "no progress bar, no PASS/SKIP lines: failures and the summary only");
    add_fetch_options(cmd, a->fetch);
    cmd->callback([a] {
        TestOptions opts;
        opts.paths.assign(a->paths.begin(), a->paths.end());
        opts.attack_data_dir = a->attack_data;
        opts.macro_dirs.assign(a->macro_dirs.begin(), a->macro_dirs.end());
        opts.lookup_dirs.assign(a->lookup_dirs.begin(), a->lookup_dirs.end());
        opts.threads = a->threads;
        opts.filter = a->filter;
        ProgressBar download_bar("downloading datasets", !a->quiet && stderr_is_terminal());
        std::unique_ptr<DatasetFetcher> fetcher = make_fetcher(a->fetch, a->threads, download_bar);
        opts.fetcher = fetcher.get();
        ProgressBar bar("testing rules", !a->quiet && stderr_is_terminal());
        // The downloads all finish before the first test runs: their bar goes when testing starts.
        opts.progress = [&](uint64_t done, uint64_t total) {
            download_bar.clear();
            bar.update(done, total);
        };
        opts.on_rule = [&](const std::vector<TestVerdict>& vs) {
            for (const auto& v : vs) {
                if (a->quiet && v.status != TestStatus::Failed) continue;
                download_bar.clear();
                bar.clear();
                std::cout << verdict_line(v) << std::endl;
            }
        };
        std::vector<TestVerdict> verdicts;
        try {
            verdicts = run_tests(opts);
        } catch (const SplError& e) {
            bar.clear();
            std::cerr << fmt::format("error[{}]: {}\n", e.diagnostic().rule, e.diagnostic().message);
            throw CLI::RuntimeError(2);
        }
        bar.clear();
        write_report(a->junit, [&](std::ostream& out) { write_junit(out, verdicts); });
        write_report(a->json, [&](std::ostream& out) { write_test_json(out, verdicts); });
        TestSummary s = summarize_tests(verdicts);
        std::cout << summary_line(s) << std::endl;
        int code = test_exit_code(s, a->strict);
        if (code != 0) throw CLI::RuntimeError(code);
    });
}

}  // namespace minispl::cli
