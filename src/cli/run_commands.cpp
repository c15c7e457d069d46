// `minispl search` and `minispl run`: execute SPL or a detection over JSON events.
#include "run_commands.hpp"

#include "fetch_options.hpp"
#include "progress.hpp"

#include "minispl/io/result_writer.hpp"
#include "minispl/lint/format.hpp"
#include "minispl/macros/macro_table.hpp"
#include "minispl/rules/detection.hpp"
#include "minispl/runner/datasets.hpp"
#include "minispl/runner/rule_job.hpp"
#include "minispl/runner/search_runner.hpp"

#include <fmt/format.h>

#include <iostream>
#include <set>

namespace fs = std::filesystem;

namespace minispl::cli {

namespace {

//! Options shared by `search` and `run`.
struct RunArgs {
    std::string spl_or_rule;
    std::vector<std::string> inputs;
    std::string sourcetype, source;
    std::vector<std::string> macro_dirs, lookup_dirs;
    std::string lookup_output;
    bool write_pack_lookups = false;
    std::vector<std::string> limits;  //!< NAME=VALUE
    std::string format = "table";
    std::string attack_data;
    double now = 0;
    bool quiet = false;
    unsigned threads = 0;
    bool no_projection = false;
    FetchArgs fetch;  //!< run only
};

void add_common_options(CLI::App* cmd, RunArgs& a) {
    cmd->add_option("-i,--input", a.inputs, "event files: JSON lines, a JSON array or CloudTrail {\"Records\":[...]}, "
                                            "optionally gzip-compressed; - for stdin")
        ;  // a missing file is reported by the reader, as error[input] naming it
    cmd->add_option("--sourcetype", a.sourcetype, "sourcetype of the input events (e.g. aws:cloudtrail): selects the "
                                                  "field definitions in sourcetypes/");
    cmd->add_option("--source", a.source, "source of the input events (default: the file path)");
    cmd->add_option("--macros", a.macro_dirs, "a directory of macro YAMLs (repeatable)");
    cmd->add_option("--lookups", a.lookup_dirs, "a directory of lookup definitions and CSVs (repeatable)");
    cmd->add_option("--lookup-output", a.lookup_output,
                    "where outputlookup writes its tables, read first by lookup/inputlookup (default: a scratch "
                    "directory removed when the run ends: the rule pack's lookups are never changed)");
    cmd->add_flag("--write-pack-lookups", a.write_pack_lookups,
                  "outputlookup writes into the rule pack's lookups directory (the first --lookups), as Splunk "
                  "writes into its app: this changes the pack's files")
        ->excludes("--lookup-output");
    cmd->add_option("-f,--format", a.format, "output: table (aligned, for terminals), json (one object per row), csv")
        ->check(CLI::IsMember({"table", "json", "jsonl", "csv"}));
    std::string limit_help = "a limits.conf bound, NAME=VALUE (repeatable); each one reached is reported:";
    for (const auto& e : Limits::table()) limit_help += fmt::format("\n  {}: {}", e.name, e.what);
    cmd->add_option("--limit", a.limits, limit_help);
    cmd->add_option("--now", a.now, "epoch seconds to use as now() and for relative times (default: the clock)");
    cmd->add_flag("-q,--quiet", a.quiet, "no progress bar and no summary on stderr");
    cmd->add_option("-j,--threads", a.threads, "threads parsing JSON-lines inputs (default: one per hardware thread)")
        ->check(CLI::Range(1u, 256u));
    cmd->add_flag("--all-fields", a.no_projection,
                  "extract every field of every event, not only the fields the search reads (slower; for checking)");
}

//! Errors about files (inputs, datasets, definitions) have no position in the search; all others do.
bool points_into_search(const Diagnostic& d) {
    static const std::set<std::string> file_errors = {"input", "dataset-missing", "sourcetype", "yaml", "schema",
                                                       "no-input", "limit"};
    return !file_errors.count(d.rule);
}

//! Prints an error in the search text with the line and a caret under the offending part
//! (lint's format_diagnostic, so every command shows positions the same way).
void print_search_error(Diagnostic d, const std::string& text, const std::string& where) {
    d.file = where;
    d.pos = position_of(text, d.offset);
    size_t b = text.rfind('\n', d.offset == 0 ? 0 : d.offset - 1);
    b = (b == std::string::npos || d.offset == 0) ? 0 : b + 1;
    size_t e = text.find('\n', d.offset);
    const std::string line = text.substr(b, (e == std::string::npos ? text.size() : e) - b);
    std::cerr << format_diagnostic(d, &line);
}

//! Prints an error in a rule's search at its position in the YAML file.
void print_rule_error(Diagnostic d, const Detection& rule) {
    d.file = rule.file.string();
    d.pos = rule.search_map.position(d.offset);
    std::cerr << format_diagnostic(d, &rule.search_map.file_line(d.pos.line));
}

int execute(SearchJob& job, const RunArgs& a) {
    auto format = parse_output_format(a.format);
    ProgressBar bar("reading events", !a.quiet && stderr_is_terminal());
    job.progress = [&](uint64_t done, uint64_t total) { bar.update(done, total); };
    job.now = a.now;
    job.threads = a.threads;
    job.field_projection = !a.no_projection;
    job.lookup_output_dir = a.lookup_output;
    job.write_pack_lookups = a.write_pack_lookups;
    for (const auto& l : a.limits) job.limits.set(l);
    SearchOutcome out = run_search(job);
    bar.clear();
    auto writer = make_result_writer(*format, std::cout);
    for (const Event& row : out.rows) writer->write(row);
    writer->finish();
    for (const Diagnostic& p : out.read.problems) {
        // The reader's message already starts with "file:line: ".
        std::string where = fmt::format("{}:{}: ", p.file, p.pos.line);
        std::string_view msg = p.message;
        if (msg.rfind(where, 0) == 0) msg.remove_prefix(where.size());
        std::cerr << fmt::format("{}warning[{}]: {}\n", where, p.rule, msg);
    }
    for (const std::string& n : out.notices) std::cerr << "minispl: notice[limit]: " << n << "\n";
    if (!a.quiet)
        std::cerr << fmt::format("{} result{} from {} events ({:.1f} MB){}\n", out.rows.size(), out.rows.size() == 1 ? "" : "s", out.read.events + out.read.skipped,
                                 double(out.read.bytes) / 1e6,
                                 out.read.bad_records ? fmt::format(", {} malformed records skipped", out.read.bad_records)
                                                      : std::string());
    return 0;
}

std::vector<InputSpec> inputs_from_args(const RunArgs& a) {
    std::vector<InputSpec> inputs;
    for (const auto& f : a.inputs) {
        InputSpec in;
        in.file = f;
        in.sourcetype = a.sourcetype;
        in.source = a.source;
        inputs.push_back(std::move(in));
    }
    return inputs;
}

void load_macro_dirs(MacroTable& macros, const std::vector<std::string>& dirs) {
    for (const auto& d : dirs) macros.load_directory(d);
}

}  // namespace

void add_search_command(CLI::App& app) {
    auto a = std::make_shared<RunArgs>();
    auto* cmd = app.add_subcommand("search", "Run an SPL search over JSON event files.\n\n"
                                             "  minispl search 'eventName=CreateSnapshot | stats count by userName' \\\n"
                                             "      --input cloudtrail.json --sourcetype aws:cloudtrail\n"
                                             "  minispl search '| makeresults count=3 | eval n=1 | table _time n'\n"
                                             "  minispl search '| inputlookup my_table.csv' --lookups pack/lookups\n\n"
                                             "A search that starts with a generating command (| makeresults, | inputlookup)\n"
                                             "needs no --input; any other search reads the --input files.");
    cmd->add_option("spl", a->spl_or_rule, "the search, as typed in Splunk's search bar")->required();
    add_common_options(cmd, *a);
    cmd->callback([a] {
        MacroTable macros;
        SearchJob job;
        job.spl = a->spl_or_rule;
        try {
            load_macro_dirs(macros, a->macro_dirs);
            job.macros = &macros;
            job.inputs = inputs_from_args(*a);
            job.lookup_dirs.assign(a->lookup_dirs.begin(), a->lookup_dirs.end());
            throw CLI::RuntimeError(execute(job, *a));
        } catch (const SplError& e) {
            if (points_into_search(e.diagnostic()))
                print_search_error(e.diagnostic(), job.spl, "search");
            else
                std::cerr << fmt::format("error[{}]: {}\n", e.diagnostic().rule, e.what());
            throw CLI::RuntimeError(1);
        }
    });
}

void add_run_command(CLI::App& app) {
    auto a = std::make_shared<RunArgs>();
    auto* cmd = app.add_subcommand("run", "Run a detection rule (security_content YAML, unchanged) over JSON events.\n\n"
                                          "  minispl run detections/cloud/aws_exfiltration_via_ec2_snapshot.yml \\\n"
                                          "      --input cloudtrail.json --sourcetype aws:cloudtrail\n\n"
                                          "Without --input, the rule runs on the datasets its tests name.");
    cmd->add_option("rule", a->spl_or_rule, "the detection YAML")->required()->check(CLI::ExistingFile);
    add_common_options(cmd, *a);
    cmd->add_option("--attack-data", a->attack_data,
                    "local attack_data mirror for test datasets given as URLs; one it lacks is downloaded into the "
                    "cache (see --offline)");
    add_fetch_options(cmd, a->fetch);
    cmd->callback([a] {
        Detection rule;
        try {
            rule = load_detection(a->spl_or_rule);
        } catch (const SplError& e) {
            const Diagnostic& d = e.diagnostic();
            std::cerr << fmt::format("{}:{}:{}: error[{}]: {}\n", d.file.empty() ? a->spl_or_rule : d.file, d.pos.line,
                                     d.pos.column, d.rule, d.message);
            throw CLI::RuntimeError(1);
        }
        RulePack pack;
        SearchJob job;
        job.spl = rule.search;
        try {
            pack = load_rule_pack(rule_pack_root(rule.file), {a->macro_dirs.begin(), a->macro_dirs.end()},
                                  {a->lookup_dirs.begin(), a->lookup_dirs.end()});
            job = rule_search_job(rule, pack);
            job.inputs = inputs_from_args(*a);
            if (job.inputs.empty()) {
                fs::path attack = a->attack_data.empty() ? default_attack_data_dir(rule.file) : fs::path(a->attack_data);
                ProgressBar bar("downloading datasets", !a->quiet && stderr_is_terminal());
                std::unique_ptr<DatasetFetcher> fetcher = make_fetcher(a->fetch, a->threads, bar);
                std::vector<std::string> urls;
                for (const RuleTest& t : rule.tests)
                    for (const AttackData& d : t.attack_data)
                        if (std::string url = url_to_fetch(d.data, rule.file, attack, fetcher.get()); !url.empty())
                            urls.push_back(url);
                fetcher->fetch(urls);
                bar.clear();
                for (const RuleTest& t : rule.tests)
                    for (const AttackData& d : t.attack_data) {
                        InputSpec in = dataset_input(d, rule.file, attack);
                        DatasetLocation loc = locate_dataset(d.data, rule.file, attack, fetcher.get());
                        if (loc.file.empty())
                            throw SplError("dataset-missing", fmt::format("dataset missing: {} (test '{}')", loc.missing, t.name));
                        in.file = loc.file;
                        if (!a->sourcetype.empty()) in.sourcetype = a->sourcetype;
                        if (!a->source.empty()) in.source = a->source;
                        job.inputs.push_back(std::move(in));
                    }
                // No datasets: a generating search still runs; one that reads events says so (no-input).
            }
            throw CLI::RuntimeError(execute(job, *a));
        } catch (const SplError& e) {
            if (points_into_search(e.diagnostic()))
                print_rule_error(e.diagnostic(), rule);
            else
                std::cerr << fmt::format("{}: error[{}]: {}\n", rule.file.string(), e.diagnostic().rule, e.what());
            throw CLI::RuntimeError(1);
        }
    });
}

}  // namespace minispl::cli
