// Property: field projection (only the fields a search reads are extracted, only the sourcetype
// definitions that produce them applied) and the number of reading threads never change a
// result. Every cloud rule of the corpus (and the seed rules) over generated CloudTrail with
// planted attacks: the same rows in the same order and read statistics, or the same error, with
// projection on and off and with 1 and 2 threads; and its leading search alone, counted.
#include "minispl/parse/parser.hpp"
#include "minispl/rules/detection.hpp"
#include "minispl/runner/rule_job.hpp"
#include "minispl/runner/search_runner.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>

using namespace minispl;
namespace fs = std::filesystem;

namespace {

const fs::path kData = fs::path(MINISPL_SOURCE_DIR) / "tests/fixtures/io/cloudtrail_gen_small.jsonl";

//! Rows in output order, fields in order; or the error.
struct Result {
    std::string text;
    size_t rows = 0;
    bool error = false;
};

Result run(SearchJob job, bool projection, unsigned threads) {
    job.field_projection = projection;
    job.threads = threads;
    Result r;
    try {
        SearchOutcome out = run_search(job);
        r.rows = out.rows.size();
        for (const Event& e : out.rows) {
            for (const auto& [k, v] : e.fields()) {
                r.text += k + "=";
                if (v.is_multi())
                    for (size_t i = 0; i < v.mv_size(); ++i) r.text += (i ? "|" : "") + std::string(v.mv_at(i));
                else
                    r.text += v.to_string();
                r.text += "\x1f";
            }
            r.text += "\n";
        }
        r.text += "events=" + std::to_string(out.read.events) + " skipped=" + std::to_string(out.read.skipped) +
                  " bad=" + std::to_string(out.read.bad_records);
    } catch (const std::exception& e) {
        r.error = true;
        r.text = std::string("error: ") + e.what();
    }
    return r;
}

//! The rule's leading search (macros expanded), if it has one.
std::optional<std::string> leading_search(const SearchJob& job, const RulePack& pack) {
    try {
        ExpandOptions o;
        o.filter_macro = job.filter_macro;
        Expansion x = expand_macros(job.spl, pack.macros, o);
        auto p = parse_search(x.text);
        if (p->commands.empty() || p->leading_pipe) return std::nullopt;
        const auto& c = p->commands.front();
        return x.text.substr(c.span.begin, c.span.end - c.span.begin);
    } catch (...) {
        return std::nullopt;
    }
}

//! The first line where two results differ, for a readable failure.
std::string first_difference(const std::string& a, const std::string& b) {
    size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    const size_t from = a.rfind('\n', i) == std::string::npos ? 0 : a.rfind('\n', i) + 1;
    auto line = [&](const std::string& s) { return s.substr(from, std::min<size_t>(s.find('\n', from) - from, 600)); };
    return "at byte " + std::to_string(i) + ":\n  " + line(a) + "\n  " + line(b);
}

}  // namespace

TEST_CASE("field projection and threads never change a rule's rows: corpus cloud rules over generated CloudTrail") {
    std::vector<fs::path> dirs = {fs::path(MINISPL_SOURCE_DIR) / "detections/cloud",
                                  fs::path(MINISPL_SHARED_DIR) / "security_content/detections/cloud"};
    RulePack content = load_rule_pack(fs::path(MINISPL_SHARED_DIR) / "security_content");
    RulePack own = load_rule_pack(fs::path(MINISPL_SOURCE_DIR));
    size_t rules = 0, compared = 0, with_rows = 0, leading_kept = 0, errors = 0;
    for (const auto& dir : dirs) {
        if (!fs::exists(dir)) continue;
        const RulePack& pack = dir.string().find("security_content") != std::string::npos ? content : own;
        std::vector<fs::path> files;
        for (auto& f : fs::directory_iterator(dir))
            if (f.path().extension() == ".yml") files.push_back(f.path());
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            Detection rule;
            try {
                rule = load_detection(file);
            } catch (...) {
                continue;
            }
            ++rules;
            SearchJob job = rule_search_job(rule, pack);
            job.inputs = {InputSpec{kData, "aws:cloudtrail", "aws_cloudtrail"}};
            job.now = 1712000000;
            // The whole rule (projection on and off, 1 and 2 threads), then its leading search alone
            // counted (projection on and off): the events the reading threads keep, whether or not
            // the rest of the rule runs or returns anything.
            auto compare = [&](const std::string& spl, bool threads_too) {
                SearchJob j = job;
                j.spl = spl;
                const Result all_fields = run(j, false, 2);
                const Result projected = run(j, true, 2);
                INFO(file.string() << "\n" << spl);
                if (projected.text != all_fields.text) {
                    INFO("projection on vs off " << first_difference(projected.text, all_fields.text));
                    CHECK(projected.text == all_fields.text);
                }
                if (threads_too) {
                    const Result one_thread = run(j, true, 1);
                    if (one_thread.text != projected.text) {
                        INFO("1 vs 2 threads " << first_difference(one_thread.text, projected.text));
                        CHECK(one_thread.text == projected.text);
                    }
                }
                ++compared;
                errors += all_fields.error;
                return all_fields;
            };
            const Result whole = compare(job.spl, true);
            with_rows += whole.rows > 0;
            if (auto leading = leading_search(job, pack)) {
                const Result counted = compare(*leading + " | stats count", false);
                leading_kept += counted.text.rfind("count=0\x1f", 0) != 0 && !counted.error;
            }
        }
    }
    MESSAGE(rules << " rules, " << compared << " searches compared (rules: projection on/off and 1/2 threads; their "
                  << "leading searches counted: projection on/off); " << with_rows << " rules returned rows, "
                  << leading_kept << " leading searches kept events, " << errors << " errors (the same either way)");
    CHECK(rules >= 2);
    CHECK(with_rows >= 2);
    CHECK(leading_kept >= 10);
}
