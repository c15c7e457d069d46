// JSON and SARIF 2.1.0 output of `minispl lint`.
#include "minispl/lint/format.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace minispl {

namespace {

nlohmann::json diagnostic_json(const Diagnostic& d) {
    return {{"rule", d.rule},       {"severity", severity_name(d.severity)},
            {"message", d.message}, {"file", d.file},
            {"line", d.pos.line},   {"column", d.pos.column},
            {"length", d.length}};
}

const char* sarif_level(Severity s) {
    switch (s) {
        case Severity::Error: return "error";
        case Severity::Warning: return "warning";
        case Severity::Info: return "note";
    }
    return "error";
}

}  // namespace

std::string format_json(const std::vector<RuleReport>& reports) {
    nlohmann::json rules = nlohmann::json::array();
    for (const auto& r : reports) {
        nlohmann::json diags = nlohmann::json::array();
        for (const auto& d : r.diagnostics) diags.push_back(diagnostic_json(d));
        nlohmann::json j = {{"file", r.file.string()}, {"name", r.name}, {"skipped", r.skipped},
                            {"runnable", r.runnable}, {"diagnostics", diags}};
        if (!r.runnable) j["not_runnable_reason"] = r.not_runnable_reason;
        rules.push_back(std::move(j));
    }
    LintSummary s = summarize(reports);
    nlohmann::json out = {
        {"rules", rules},
        {"summary", {{"rules", s.rules}, {"skipped", s.skipped}, {"errors", s.errors}, {"warnings", s.warnings},
                     {"infos", s.infos}, {"runnable", s.runnable}}}};
    return out.dump(2) + "\n";
}

std::string format_sarif(const std::vector<RuleReport>& reports) {
    const auto& catalogue = lint_rule_catalogue();
    std::map<std::string, size_t> index;
    nlohmann::json rules = nlohmann::json::array();
    for (const auto& info : catalogue) {
        index[info.id] = rules.size();
        rules.push_back({{"id", info.id},
                         {"shortDescription", {{"text", info.summary}}},
                         {"helpUri", std::string("https://github.com/minispl/minispl/blob/main/docs/lint-rules.md#") + info.id},
                         {"defaultConfiguration", {{"level", sarif_level(info.severity)}}}});
    }
    nlohmann::json results = nlohmann::json::array();
    for (const auto& r : reports) {
        for (const auto& d : r.diagnostics) {
            std::string uri = d.file.empty() ? r.file.generic_string() : std::filesystem::path(d.file).generic_string();
            nlohmann::json region = {{"startLine", d.pos.line}, {"startColumn", d.pos.column},
                                     {"endColumn", d.pos.column + std::max<uint32_t>(1, d.length)}};
            nlohmann::json res = {
                {"ruleId", d.rule},
                {"level", sarif_level(d.severity)},
                {"message", {{"text", d.message}}},
                {"locations", {{{"physicalLocation", {{"artifactLocation", {{"uri", uri}}}, {"region", region}}}}}}};
            if (auto it = index.find(d.rule); it != index.end()) res["ruleIndex"] = it->second;
            results.push_back(std::move(res));
        }
    }
    nlohmann::json log = {
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs", {{{"tool", {{"driver", {{"name", "minispl"},
                                         {"informationUri", "https://github.com/minispl/minispl"},
                                         {"version", "0.1.0"},
                                         {"rules", rules}}}}},
                   {"results", results}}}}};
    return log.dump(2) + "\n";
}

}  // namespace minispl
