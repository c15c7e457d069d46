#pragma once
// The corpus's cloud detections (and the project's own), each as a search job over the small
// generated CloudTrail fixture: what the runner's property tests (prefilter, projection,
// threads) run every rule through.
#include "minispl/parse/parser.hpp"
#include "minispl/rules/detection.hpp"
#include "minispl/runner/rule_job.hpp"
#include "minispl/runner/search_runner.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace minispl::test {

//! One rule, ready to run: its job (inputs = the fixture, a fixed now) and, when the search
//! starts with one, its leading search alone (macros expanded).
struct CloudRuleJob {
    std::filesystem::path file;
    SearchJob job;
    std::optional<std::string> leading_search;
};

inline const std::filesystem::path& cloud_fixture() {
    static const std::filesystem::path p =
        std::filesystem::path(MINISPL_SOURCE_DIR) / "tests/fixtures/io/cloudtrail_gen_small.jsonl";
    return p;
}

//! Every loadable rule of detections/cloud in the project and in ../shared/security_content, in
//! file order (a directory that is missing is skipped).
inline std::vector<CloudRuleJob> cloud_rule_jobs() {
    namespace fs = std::filesystem;
    const std::vector<fs::path> dirs = {fs::path(MINISPL_SOURCE_DIR) / "detections/cloud",
                                        fs::path(MINISPL_SHARED_DIR) / "security_content/detections/cloud"};
    static const RulePack content = load_rule_pack(fs::path(MINISPL_SHARED_DIR) / "security_content");
    static const RulePack own = load_rule_pack(fs::path(MINISPL_SOURCE_DIR));
    std::vector<CloudRuleJob> out;
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
            CloudRuleJob r{file, rule_search_job(rule, pack), std::nullopt};
            r.job.inputs = {InputSpec{cloud_fixture(), "aws:cloudtrail", "aws_cloudtrail"}};
            r.job.now = 1712000000;
            try {
                ExpandOptions o;
                o.filter_macro = r.job.filter_macro;
                Expansion x = expand_macros(r.job.spl, pack.macros, o);
                auto p = parse_search(x.text);
                if (!p->commands.empty() && !p->leading_pipe) {
                    const auto& c = p->commands.front();
                    r.leading_search = x.text.substr(c.span.begin, c.span.end - c.span.begin);
                }
            } catch (...) {
            }
            out.push_back(std::move(r));
        }
    }
    return out;
}

}  // namespace minispl::test
