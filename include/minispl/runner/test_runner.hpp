#pragma once
// `minispl test`: runs the true-positive tests embedded in detection YAMLs (`tests:` with
// attack_data) offline, and decides pass/fail the way `contentctl test` does on a live Splunk.
#include "minispl/core/event.hpp"
#include "minispl/rules/detection.hpp"
#include "minispl/runner/dataset_fetch.hpp"
#include "minispl/runner/rule_job.hpp"
#include "minispl/runner/search_runner.hpp"

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace minispl {

enum class TestStatus {
    Passed,          //!< ≥ 1 result and the risk/threat object fields are filled in
    Failed,          //!< no results, or a risk/threat object field missing or "null"
    NotRunnable,     //!< unsupported command, missing lookup, tstats/datamodel, search error
    DatasetMissing,  //!< an attack_data file is not in the local mirror
};
//! "passed", "failed", "not_runnable", "dataset_missing".
const char* test_status_name(TestStatus s);

//! The verdict of one test of one rule.
struct TestVerdict {
    std::filesystem::path file;
    std::string rule_name, rule_id;
    std::string test_name;
    size_t tests_in_rule = 1;     //!< how many tests the rule has (the test name is shown when > 1)
    TestStatus status = TestStatus::NotRunnable;
    std::string reason;           //!< why; for a pass, how many results
    std::vector<std::string> missing_datasets;  //!< local paths not found
    size_t results = 0;           //!< result rows of the search
    uint64_t events = 0;          //!< events read from the datasets
    double seconds = 0;           //!< wall time of this test
};

//! contentctl's pass/fail decision on a search's results (see judge_results in test_runner.cpp).
struct Judgement {
    bool passed = false;
    std::string reason;
};
Judgement judge_results(const std::vector<Event>& rows, const std::vector<RuleObservable>& observables);

//! How each test's search reads its datasets.
struct TestReading {
    unsigned threads = 0;                          //!< SearchJob::threads (0: hardware threads)
    const SourcetypeRegistry* sourcetypes = nullptr;  //!< SearchJob::sourcetypes (null: the default)
    //! Where datasets the mirror lacks were fetched (null: the mirror only).
    const DatasetFetcher* fetcher = nullptr;
};

//! What `run_tests` reads and how.
struct TestOptions {
    std::vector<std::filesystem::path> paths;   //!< rule files or directories (recursively)
    std::filesystem::path attack_data_dir;      //!< empty: default_attack_data_dir(rule)
    std::vector<std::filesystem::path> macro_dirs, lookup_dirs;  //!< empty: the rule pack's own
    //! Rules tested at once (0: hardware threads). Each rule's search then reads with the
    //! hardware threads left per rule (at least 1), so the total stays at the hardware threads.
    unsigned threads = 0;
    //! The sourcetype definitions every search uses; null: default_sourcetypes(), loaded once.
    const SourcetypeRegistry* sourcetypes = nullptr;
    std::string filter;                         //!< glob on the rule name or file name; empty: all
    //! Fetches the datasets the mirror lacks by their URL, before the tests run (null: the
    //! mirror only; such datasets are missing).
    DatasetFetcher* fetcher = nullptr;
    //! Runs one search; empty: run_search. Lets tests replace the engine.
    std::function<SearchOutcome(const SearchJob&)> execute;
    //! Called with the verdicts of each rule, in path order, as soon as they are known
    //! (from whichever thread finished them, one call at a time).
    std::function<void(const std::vector<TestVerdict>&)> on_rule;
    //! Called now and then with dataset bytes of finished rules and the total.
    std::function<void(uint64_t done, uint64_t total)> progress;
};

//! The rule files `run_tests` would consider: YAMLs under the paths, minus macros/, lookups/,
//! stories/, baselines/ and — unless named explicitly or walked into from a deprecated
//! folder — deprecated/ folders. Sorted by path. Throws SplError ("io") for a missing path.
std::vector<std::filesystem::path> collect_test_files(const std::vector<std::filesystem::path>& paths);

//! Runs one rule's tests. Never throws for problems in the rule or its data.
std::vector<TestVerdict> test_rule(const Detection& rule, const RulePack& pack,
                                   const std::filesystem::path& attack_data_dir,
                                   const std::function<SearchOutcome(const SearchJob&)>& execute = {},
                                   const TestReading& reading = {});

//! Runs every test of every rule under `opts.paths`, in parallel; verdicts in path order.
std::vector<TestVerdict> run_tests(const TestOptions& opts);

//! Totals; `skipped()` is not runnable + dataset missing.
struct TestSummary {
    size_t passed = 0, failed = 0, not_runnable = 0, dataset_missing = 0;
    double seconds = 0;
    size_t skipped() const { return not_runnable + dataset_missing; }
    size_t total() const { return passed + failed + skipped(); }
};
TestSummary summarize_tests(const std::vector<TestVerdict>& verdicts);

//! Exit status: 1 when a test failed, or with `strict` when one was skipped; else 0.
int test_exit_code(const TestSummary& s, bool strict);

//! `PASS name — reason` / `FAIL …` / `SKIP …` (the test name in brackets when the rule has several).
std::string verdict_line(const TestVerdict& v);
//! `N passed, N failed, N skipped`.
std::string summary_line(const TestSummary& s);

//! JUnit XML (one testsuite, a testcase per verdict; failed → <failure>, others → <skipped>).
void write_junit(std::ostream& out, const std::vector<TestVerdict>& verdicts);
//! JSON: {"summary": {...}, "tests": [{file, rule, id, test, status, reason, ...}]}.
void write_test_json(std::ostream& out, const std::vector<TestVerdict>& verdicts);

}  // namespace minispl
