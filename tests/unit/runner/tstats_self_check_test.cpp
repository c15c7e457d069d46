// The datamodel/tstats self-check (issue 13): for every tstats rule of the corpus whose first test
// dataset is in ../shared/attack_data, its `| tstats ... from datamodel=M.D where W by F` stage
// gives the same rows as `| datamodel M D search | search W | fillnull | bin _time | stats ... by F`
// on that file. Splunk documents both as the same dataset; here they share the dataset records but
// not the where, fillnull, span and aggregation code, so a difference is a bug in one of them.
#include "../../support/row_text.hpp"

#include "minispl/macros/expander.hpp"
#include "minispl/parse/parser.hpp"
#include "minispl/rules/detection.hpp"
#include "minispl/runner/rule_job.hpp"
#include "minispl/runner/search_runner.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

using namespace minispl;
namespace fs = std::filesystem;

namespace {

std::string slice(const std::string& text, const ast::Span& s) { return text.substr(s.begin, s.end - s.begin); }

//! The tstats stage of `x` rewritten as the datamodel pipeline; empty when it is not `| tstats ... from datamodel=`.
std::string as_datamodel_pipeline(const std::string& x, const ast::Command& c, const ast::StatsCmd& s) {
    if (s.datamodel.empty()) return {};
    std::string model = s.datamodel, dataset;
    if (size_t dot = model.find('.'); dot != std::string::npos) {
        dataset = model.substr(dot + 1);
        model = model.substr(0, dot);
    }
    std::string out = "| datamodel " + model + (dataset.empty() ? "" : " " + dataset) + " search";
    if (s.where) {
        // The where text as written: after `from datamodel=...`, up to the by-clause (or the end).
        size_t from = s.datamodel_span.end, to = s.by.empty() ? c.span.end : s.by.front().span.begin;
        std::string w = x.substr(from, to - from);
        auto trim = [](std::string t) {
            while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
            while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.erase(0, 1);
            return t;
        };
        w = trim(w);
        if (w.size() >= 5 && (w.compare(0, 5, "where") == 0 || w.compare(0, 5, "WHERE") == 0)) w = trim(w.substr(5));
        if (!s.by.empty() && w.size() >= 2 && (w.compare(w.size() - 2, 2, "by") == 0 || w.compare(w.size() - 2, 2, "BY") == 0))
            w = trim(w.substr(0, w.size() - 2));
        if (s.span && w.find("span=") != std::string::npos) return {};  // span before by: not this shape
        if (w.empty() || w.find('|') != std::string::npos) return {};
        out += " | search " + w;
    }
    std::string by;
    for (const auto& f : s.by) by += " \"" + f.name + "\"";
    for (const auto& o : s.options)
        if (o.key == "fillnull_value" && !by.empty()) out += " | fillnull value=\"" + o.value + "\"" + by;
    if (s.span) out += " | bin _time span=" + std::to_string(static_cast<long long>(s.span->count)) + s.span->unit;
    std::string aggs;
    for (const auto& a : s.aggregations) aggs += " " + slice(x, a.span);
    out += " | stats" + aggs + (by.empty() ? "" : " by" + by);
    return out;
}

std::vector<std::string> rows_of(const SearchJob& base, const std::string& spl) {
    SearchJob j = base;
    j.spl = spl;
    j.filter_macro.clear();
    std::vector<std::string> out;
    for (const auto& r : run_search(j).rows) out.push_back(test::row_text(r, " | "));
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("self-check: tstats over a dataset = | datamodel ... search | search | stats, on every corpus rule with data") {
    const fs::path content = fs::path(MINISPL_SHARED_DIR) / "security_content";
    const fs::path attack = fs::path(MINISPL_SHARED_DIR) / "attack_data";
    if (!fs::exists(content / "detections") || !fs::exists(attack)) {
        MESSAGE("../shared is not here: nothing to check");
        return;
    }
    static const RulePack pack = load_rule_pack(content);
    size_t compared = 0, with_rows = 0, missing = 0, bad = 0;
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(content / "detections"); it != fs::recursive_directory_iterator(); ++it)
        if (it->path().extension() == ".yml" && it->path().string().find("/deprecated/") == std::string::npos)
            files.push_back(it->path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        Detection rule;
        try {
            rule = load_detection(file);
        } catch (...) {
            continue;
        }
        if (rule.tests.empty() || rule.tests[0].attack_data.empty()) continue;
        InputSpec input = dataset_input(rule.tests[0].attack_data[0], file, attack);
        if (!fs::exists(input.file)) { ++missing; continue; }
        std::string x;
        ast::PipelinePtr p;
        try {
            ExpandOptions eo;
            eo.filter_macro = rule.filter_macro_name();  // the rule's own `<name>_filter`: empty
            x = expand_macros(rule.search, pack.macros, eo).text;
            p = parse_search(x);
        } catch (...) {
            ++bad;
            continue;
        }
        if (!p->leading_pipe || p->commands.empty() || p->commands.front().name != "tstats") continue;
        const ast::Command& c = p->commands.front();
        const auto* s = std::get_if<ast::StatsCmd>(&c.body);
        if (!s) continue;
        std::string dm = as_datamodel_pipeline(x, c, *s);
        if (dm.empty()) continue;
        SearchJob job = rule_search_job(rule, pack);
        job.inputs = {input};
        job.now = 1.8e9;
        std::vector<std::string> a, b;
        try {
            a = rows_of(job, slice(x, c.span));
            b = rows_of(job, dm);
        } catch (const std::exception& e) {
            FAIL_CHECK(file.filename().string() << ": " << std::string(e.what()));
            continue;
        }
        ++compared;
        if (!a.empty()) ++with_rows;
        INFO(file.filename().string() << "\n  tstats:    " << slice(x, c.span) << "\n  datamodel: " << dm);
        CHECK(a == b);
    }
    MESSAGE(compared << " tstats rules compared, " << with_rows << " with rows (" << files.size() << " files, " << missing << " without data, " << bad << " not parsed)");
    CHECK(compared > 200);
    CHECK(with_rows > 100);
}
