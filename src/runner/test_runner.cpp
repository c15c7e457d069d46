// `minispl test`: a rule's tests → datasets → its search → contentctl's verdict.
#include "minispl/runner/test_runner.hpp"

#include "minispl/compile/command_spec.hpp"
#include "minispl/compile/compiler.hpp"
#include "minispl/core/parallel_for.hpp"
#include "minispl/macros/expander.hpp"
#include "minispl/parse/parser.hpp"
#include "minispl/runner/datasets.hpp"
#include "minispl/sourcetypes/lookup_table.hpp"

#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <unistd.h>

namespace fs = std::filesystem;

namespace minispl {

const char* test_status_name(TestStatus s) {
    switch (s) {
        case TestStatus::Passed: return "passed";
        case TestStatus::Failed: return "failed";
        case TestStatus::NotRunnable: return "not_runnable";
        case TestStatus::DatasetMissing: return "dataset_missing";
    }
    return "?";
}

namespace {

bool contains_word(const std::string& roles, const char* word) {
    // roles_text is comma-joined ("Victim,Attacker"); contentctl tests `"Victim" in o.role` on the list.
    size_t b = 0;
    while (b <= roles.size()) {
        size_t e = roles.find(',', b);
        if (e == std::string::npos) e = roles.size();
        if (roles.compare(b, e - b, word) == 0) return true;
        b = e + 1;
    }
    return false;
}

//! Risk object field for contentctl: old format `role: [Victim]`; rba/finding: a risk object.
bool is_risk_object(const RuleObservable& o) {
    return contains_word(o.roles_text, "Victim") || o.roles_text == "risk";
}
//! Threat object field for contentctl: old format `role: [Attacker]`; rba: a threat object.
bool is_threat_object(const RuleObservable& o) {
    return contains_word(o.roles_text, "Attacker") || o.roles_text == "threat";
}

std::string join_sorted(const std::set<std::string>& names) {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
    return s;
}

//! A value as contentctl sees it in the JSON results: absent and "null" are the same.
bool is_null_in_results(const Event& row, const std::string& field) {
    const Value* v = row.find(field);
    return v == nullptr || v->is_null() || (!v->is_multi() && v->to_string() == "null");
}

}  // namespace

// contentctl's rule, from splunk/contentctl
// contentctl/actions/detection_testing/infrastructures/DetectionTestingInfrastructure.py,
// retry_search_until_timeout (v4, commit 0466d16):
//  - resultCount == 0 → FAIL;
//  - then result by result: a risk object field (role Victim) absent from the result's keys → FAIL
//    ("observable field(s) … are missing in the detection results"); an observable field whose
//    value is absent or the string "null": risk object → FAIL ("risk object field X is missing in
//    at least one result"), threat object (role Attacker) → noted as empty in this result;
//    the first result with no empty threat object field → PASS at once (later results unchecked);
//  - after all results: a threat object field empty in every result → FAIL, else PASS.
// Observables with neither role are not checked. Splunk's JSON results leave out null fields,
// so "absent from the keys" and "null" coincide here.
Judgement judge_results(const std::vector<Event>& rows, const std::vector<RuleObservable>& observables) {
    if (rows.empty()) return {false, "no results"};
    std::set<std::string> risk, threat;
    for (const auto& o : observables) {
        if (o.field.empty()) continue;
        if (is_risk_object(o)) risk.insert(o.field);
        if (is_threat_object(o)) threat.insert(o.field);
    }
    std::set<std::string> present_threats;
    for (const Event& row : rows) {
        std::set<std::string> missing_risk;
        for (const auto& f : risk)
            if (is_null_in_results(row, f)) missing_risk.insert(f);
        if (!missing_risk.empty())
            return {false, fmt::format("risk object field{} {} missing or null in results",
                                       missing_risk.size() > 1 ? "s" : "", join_sorted(missing_risk))};
        bool empty_threat = false;
        for (const auto& f : threat) {
            if (risk.count(f)) continue;
            if (is_null_in_results(row, f))
                empty_threat = true;
            else
                present_threats.insert(f);
        }
        if (!empty_threat) return {true, fmt::format("{} result{}", rows.size(), rows.size() == 1 ? "" : "s")};
    }
    std::set<std::string> never;
    for (const auto& f : threat)
        if (!risk.count(f) && !present_threats.count(f)) never.insert(f);
    if (!never.empty())
        return {false, fmt::format("threat object field{} {} missing or null in all results",
                                   never.size() > 1 ? "s" : "", join_sorted(never))};
    return {true, fmt::format("{} result{}", rows.size(), rows.size() == 1 ? "" : "s")};
}

namespace {

bool has_component(const fs::path& p, const char* name) {
    for (const auto& part : p)
        if (part == name) return true;
    return false;
}

bool is_definition_dir(const fs::path& rel_dir) {
    return has_component(rel_dir, "macros") || has_component(rel_dir, "lookups") ||
           has_component(rel_dir, "stories") || has_component(rel_dir, "baselines");
}

//! Commands over indexes minispl has no offline form of (mstats: metrics; summary): not runnable.
//! (tstats, datamodel and from run over the raw events.)
bool is_datamodel_command(const std::string& name) {
    const CommandSpec* spec = find_command(name);
    return spec && spec->indexed_data;
}

//! The first lookup table the pipeline names that no lookup directory defines, or "".
std::string first_missing_lookup(const ast::Pipeline& p, const LookupIndex& lookups) {
    // A name that is a path is not "missing": the run refuses it (unsafe-path, a failed test).
    auto is_path = [](const std::string& name) { return !lookup_name_problem(name).empty(); };
    for (const auto& c : p.commands) {
        if (const auto* l = std::get_if<ast::LookupCmd>(&c.body); l && is_path(l->table)) continue;
        if (const auto* t = std::get_if<ast::LookupTableCmd>(&c.body); t && is_path(t->table)) continue;
        if (const auto* l = std::get_if<ast::LookupCmd>(&c.body)) {
            if (!lookups.has(l->table)) return l->table;
        } else if (const auto* t = std::get_if<ast::LookupTableCmd>(&c.body)) {
            const CommandSpec* spec = find_command(c.name);
            if (spec && spec->lookup_table == LookupTableUse::Reads && !lookups.has(t->table)) return t->table;
        } else if (const auto* s = std::get_if<ast::SubsearchCmd>(&c.body)) {
            if (s->subsearch) {
                std::string m = first_missing_lookup(*s->subsearch, lookups);
                if (!m.empty()) return m;
            }
        }
    }
    return {};
}

//! Why the engine cannot run the rule's search, checked before reading any data; "" when it can.
std::string static_not_runnable(const Detection& rule, const RulePack& pack) {
    ExpandOptions opts;
    opts.filter_macro = rule.filter_macro_name();
    Expansion x = expand_macros(rule.search, pack.macros, opts);
    for (const Diagnostic& d : x.diagnostics)
        if (d.severity == Severity::Error) return fmt::format("{}: {}", d.rule, d.message);
    ast::PipelinePtr pipeline;
    try {
        pipeline = parse_search(x.text);
    } catch (const SplError& e) {
        return fmt::format("search error: {}: {}", e.diagnostic().rule, e.diagnostic().message);
    }
    // A missing lookup first: it stops the rule whatever the engine supports.
    std::string lookup = first_missing_lookup(*pipeline, pack.lookups);
    if (!lookup.empty()) return fmt::format("missing lookup {}", lookup);
    Unsupported u = find_unsupported(*pipeline);
    if (u.command.empty()) return {};
    if (is_datamodel_command(u.command)) return fmt::format("metrics/summary indexes not available ({})", u.command);
    const std::string_view why = why_not(u.command);
    return fmt::format("unsupported command {}{}{}", u.command, why.empty() ? "" : ": ", why);
}

//! The verdict for an error the engine raised while running.
std::string runtime_not_runnable(const SplError& e) {
    const Diagnostic& d = e.diagnostic();
    if (d.rule == "unsupported") return fmt::format("unsupported: {}", d.message);
    if (d.rule == "unsafe-path") return fmt::format("refused: {}", d.message);
    if (d.rule.find("lookup") != std::string::npos) return fmt::format("missing lookup: {}", d.message);
    if (d.rule == "input" || d.rule == "io") return fmt::format("dataset not readable: {}", d.message);
    return fmt::format("search error: {}: {}", d.rule, d.message);
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

std::vector<TestVerdict> test_rule(const Detection& rule, const RulePack& pack, const fs::path& attack_data_dir,
                                   const std::function<SearchOutcome(const SearchJob&)>& execute,
                                   const TestReading& reading) {
    std::vector<TestVerdict> out;
    std::string not_runnable;
    try {
        not_runnable = static_not_runnable(rule, pack);
    } catch (const std::exception& e) {
        not_runnable = fmt::format("search error: {}", e.what());
    }
    const fs::path attack = attack_data_dir.empty() ? default_attack_data_dir(rule.file) : attack_data_dir;
    for (const RuleTest& t : rule.tests) {
        auto start = std::chrono::steady_clock::now();
        TestVerdict v;
        v.file = rule.file;
        v.rule_name = rule.name;
        v.rule_id = rule.id;
        v.test_name = t.name;
        v.tests_in_rule = rule.tests.size();
        SearchJob job = rule_search_job(rule, pack);
        job.threads = reading.threads;
        job.sourcetypes = reading.sourcetypes;
        // outputlookup writes into a directory of this test's own, removed afterwards: a test
        // never changes the rule pack's lookups, and tests running at once never share a table.
        const ScratchLookups scratch;
        job.lookup_output_dir = scratch.dir;
        bool recent = false;
        for (const AttackData& d : t.attack_data) {
            InputSpec in = dataset_input(d, rule.file, attack);
            DatasetLocation loc = locate_dataset(d.data, rule.file, attack, reading.fetcher);
            if (loc.file.empty()) v.missing_datasets.push_back(loc.missing);
            else in.file = loc.file;
            recent = recent || d.update_timestamp;
            job.inputs.push_back(std::move(in));
        }
        std::string missing;
        for (const auto& m : v.missing_datasets) missing += (missing.empty() ? "" : ", ") + m;
        if (!not_runnable.empty()) {
            v.status = TestStatus::NotRunnable;
            v.reason = not_runnable;
            if (!missing.empty()) v.reason += fmt::format(" (dataset also missing: {})", missing);
        } else if (t.attack_data.empty()) {
            v.status = TestStatus::DatasetMissing;
            v.reason = "the test names no attack_data";
        } else if (!missing.empty()) {
            v.status = TestStatus::DatasetMissing;
            v.reason = fmt::format("dataset missing: {}", missing);
        } else {
            try {
                // update_timestamp: contentctl rewrites the events' timestamps to "now" before
                // replaying them. Here the data stays as is and the search's `now` moves instead, to
                // one second after the newest event, so relative times (earliest=-Nd, relative_time(
                // now(), ...)) see the events as recent. With several datasets contentctl shifts each
                // file on its own; one `now` for all is the approximation.
                if (recent) {
                    double newest = newest_event_time(job);
                    if (newest > 0) job.now = newest + 1;
                }
                SearchOutcome res = execute ? execute(job) : run_search(job);
                v.results = res.rows.size();
                v.events = res.read.events;
                if (res.read.events == 0 && res.read.bad_records > 0) {
                    v.status = TestStatus::NotRunnable;
                    v.reason = fmt::format("dataset not readable: {} malformed records, no events", res.read.bad_records);
                } else {
                    Judgement j = judge_results(res.rows, rule.observables);
                    v.status = j.passed ? TestStatus::Passed : TestStatus::Failed;
                    v.reason = j.reason;
                    // A limit reached (a subsearch cut to maxout, ...) is part of the verdict.
                    for (const std::string& n : res.notices) v.reason += (v.reason.empty() ? "" : "; ") + n;
                }
            } catch (const SplError& e) {
                // A rule that names a file outside the lookup directories is a defect of the rule:
                // it fails (and the run's exit code says so), it is not merely "not runnable".
                v.status = e.diagnostic().rule == "unsafe-path" ? TestStatus::Failed : TestStatus::NotRunnable;
                v.reason = runtime_not_runnable(e);
            } catch (const std::exception& e) {
                v.status = TestStatus::NotRunnable;
                v.reason = fmt::format("search error: {}", e.what());
            }
        }
        v.seconds = seconds_since(start);
        out.push_back(std::move(v));
    }
    return out;
}

std::vector<fs::path> collect_test_files(const std::vector<fs::path>& paths) {
    std::vector<fs::path> files;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_regular_file(p, ec)) {
            files.push_back(p);  // named explicitly: taken even when deprecated
            continue;
        }
        if (!fs::is_directory(p, ec)) throw SplError("io", "no such file or directory: " + p.string());
        for (const auto& f : find_rule_files({p})) {
            fs::path rel_dir = f.lexically_relative(p).parent_path();
            if (is_definition_dir(rel_dir)) continue;
            if (has_component(rel_dir, "deprecated")) continue;
            files.push_back(f);
        }
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}

namespace {

//! True when the rule file was named explicitly or found by walking a deprecated folder.
bool named_explicitly(const fs::path& file, const std::vector<fs::path>& paths) {
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_regular_file(p, ec) && fs::equivalent(p, file, ec)) return true;
        if (fs::is_directory(p, ec) && has_component(fs::absolute(p).lexically_normal(), "deprecated")) {
            auto rel = file.lexically_relative(p);
            if (!rel.empty() && *rel.begin() != "..") return true;
        }
    }
    return false;
}

bool glob_match(const std::string& pattern, const std::string& text) {
    return fnmatch(pattern.c_str(), text.c_str(), FNM_CASEFOLD) == 0;
}

uint64_t file_size_or_zero(const fs::path& p) {
    std::error_code ec;
    auto n = fs::file_size(p, ec);
    return ec ? 0 : n;
}

//! One rule file's state across the run.
struct Item {
    fs::path file;
    std::unique_ptr<Detection> rule;   //!< null: not loaded (a load error is in `verdicts`)
    const RulePack* pack = nullptr;
    uint64_t bytes = 0;                //!< dataset bytes, for the progress bar
    std::vector<TestVerdict> verdicts;
    bool selected = false;
};

}  // namespace

std::vector<TestVerdict> run_tests(const TestOptions& opts) {
    std::vector<fs::path> files = collect_test_files(opts.paths);
    std::vector<Item> items(files.size());
    for (size_t i = 0; i < files.size(); ++i) items[i].file = files[i];

    // Load every rule (cheap) so the filter can match names and the packs load once, up front.
    std::map<fs::path, std::unique_ptr<RulePack>> packs;
    uint64_t total_bytes = 0;
    std::vector<std::string> fetch_urls;
    for (Item& it : items) {
        std::string stem = it.file.stem().string(), fname = it.file.filename().string();
        bool file_matches = opts.filter.empty() || glob_match(opts.filter, stem) || glob_match(opts.filter, fname);
        try {
            auto rule = std::make_unique<Detection>(load_detection(it.file));
            if (rule->tests.empty()) continue;  // nothing to test
            if (!file_matches && !glob_match(opts.filter, rule->name)) continue;
            if (rule->deprecated && !named_explicitly(it.file, opts.paths)) continue;
            fs::path root = rule_pack_root(it.file);
            fs::path key = opts.macro_dirs.empty() || opts.lookup_dirs.empty() ? root : fs::path();
            auto& slot = packs[key];
            if (!slot) slot = std::make_unique<RulePack>(load_rule_pack(root, opts.macro_dirs, opts.lookup_dirs));
            it.pack = slot.get();
            fs::path attack = opts.attack_data_dir.empty() ? default_attack_data_dir(it.file) : opts.attack_data_dir;
            for (const auto& t : rule->tests)
                for (const auto& d : t.attack_data) {
                    it.bytes += file_size_or_zero(resolve_dataset(d.data, it.file, attack));
                    if (std::string url = url_to_fetch(d.data, it.file, attack, opts.fetcher); !url.empty())
                        fetch_urls.push_back(std::move(url));
                }
            it.rule = std::move(rule);
        } catch (const SplError& e) {
            if (!file_matches) continue;
            // A YAML that does not load is reported, not silently dropped: its tests cannot run.
            TestVerdict v;
            v.file = it.file;
            v.rule_name = it.file.stem().string();
            v.status = TestStatus::NotRunnable;
            const Diagnostic& d = e.diagnostic();
            v.reason = d.pos.line > 0 && !d.file.empty()
                           ? fmt::format("{}: {}:{}:{}: {}", d.rule, d.file, d.pos.line, d.pos.column, d.message)
                           : fmt::format("{}: {}", d.rule, d.message);
            it.verdicts.push_back(std::move(v));
        }
        it.selected = it.rule || !it.verdicts.empty();
        total_bytes += it.bytes;
    }
    std::vector<Item*> work_items;
    for (Item& it : items)
        if (it.selected) work_items.push_back(&it);
    // Datasets the mirror lacks are fetched first, all at once (each URL once, `jobs` at a time).
    if (opts.fetcher && !fetch_urls.empty()) {
        opts.fetcher->fetch(fetch_urls);
        for (Item* it : work_items)
            if (it->rule)
                for (const auto& t : it->rule->tests)
                    for (const auto& d : t.attack_data)
                        if (std::string url = opts.fetcher->url_for(d.data); !url.empty())
                            if (FetchResult r = opts.fetcher->result(url); r.ok()) {
                                it->bytes += file_size_or_zero(r.file);
                                total_bytes += file_size_or_zero(r.file);
                            }
    }

    // Rules in parallel, each search reading with its share of the hardware threads: nested
    // parallelism never asks for more threads than the machine has.
    const unsigned hw = hardware_threads();
    const unsigned rules_at_once = static_cast<unsigned>(
        std::max<size_t>(1, std::min<size_t>(opts.threads ? opts.threads : hw, work_items.size())));
    TestReading reading;
    reading.threads = std::max(1u, hw / rules_at_once);
    reading.sourcetypes = opts.sourcetypes;
    reading.fetcher = opts.fetcher;
    if (!reading.sourcetypes) {
        try {
            reading.sourcetypes = &default_sourcetypes();
        } catch (const SplError&) {
            // A bad definition file: each search then fails on it and its test says so.
        }
    }

    std::mutex mu;
    std::vector<bool> done(work_items.size(), false);
    size_t next_to_report = 0;
    uint64_t done_bytes = 0;
    parallel_for(work_items.size(), rules_at_once, [&](size_t i) {
        Item& it = *work_items[i];
        if (it.rule) it.verdicts = test_rule(*it.rule, *it.pack, opts.attack_data_dir, opts.execute, reading);
        std::lock_guard<std::mutex> lock(mu);
        done[i] = true;
        done_bytes += it.bytes;
        // Report in path order: every finished rule at the front of the queue.
        while (next_to_report < work_items.size() && done[next_to_report]) {
            if (opts.on_rule) opts.on_rule(work_items[next_to_report]->verdicts);
            ++next_to_report;
        }
        if (opts.progress) opts.progress(done_bytes, total_bytes);
    });

    std::vector<TestVerdict> all;
    for (Item* it : work_items)
        for (auto& v : it->verdicts) all.push_back(std::move(v));
    return all;
}

TestSummary summarize_tests(const std::vector<TestVerdict>& verdicts) {
    TestSummary s;
    for (const auto& v : verdicts) {
        switch (v.status) {
            case TestStatus::Passed: ++s.passed; break;
            case TestStatus::Failed: ++s.failed; break;
            case TestStatus::NotRunnable: ++s.not_runnable; break;
            case TestStatus::DatasetMissing: ++s.dataset_missing; break;
        }
        s.seconds += v.seconds;
    }
    return s;
}

int test_exit_code(const TestSummary& s, bool strict) {
    if (s.failed > 0) return 1;
    if (strict && s.skipped() > 0) return 1;
    return 0;
}

std::string verdict_line(const TestVerdict& v) {
    const char* word = v.status == TestStatus::Passed ? "PASS" : v.status == TestStatus::Failed ? "FAIL" : "SKIP";
    std::string name = v.rule_name;
    if (v.tests_in_rule > 1 && !v.test_name.empty()) name += fmt::format(" [{}]", v.test_name);
    return fmt::format("{} {} \u2014 {}", word, name, v.reason);
}

std::string summary_line(const TestSummary& s) {
    return fmt::format("{} passed, {} failed, {} skipped", s.passed, s.failed, s.skipped());
}

}  // namespace minispl
