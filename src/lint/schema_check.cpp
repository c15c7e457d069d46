// contentctl-style schema checks of a detection's YAML (required keys, types, enums, formats).
#include "checks.hpp"

#include <regex>
#include <set>
#include <vector>

namespace minispl::lint {

namespace {

const std::set<std::string> kTypes = {"TTP", "Anomaly", "Hunting", "Correlation"};
const std::set<std::string> kStatus = {"production", "experimental", "deprecated", "validation"};
const std::set<std::string> kDomains = {"access", "endpoint", "network", "threat", "identity", "audit", "cloud"};
// Top-level keys contentctl's Detection model knows (it forbids others).
const std::set<std::string> kTopKeys = {
    "name", "id", "version", "date", "author", "status", "type", "description", "search",
    "how_to_implement", "known_false_positives", "references", "tags", "data_source", "tests",
    "drilldown_searches", "rba", "finding", "deployment", "enabled_by_default", "baselines",
    "datamodel", "observable", "risk_severity"};
// The newer security_content layout (2025+) moves tags up a level: creation_date/modification_date
// instead of date, top-level analytic_story, asset_type, mitre_attack_id, product, security_domain,
// and finding + threat_objects instead of tags.observable / rba.
const std::set<std::string> kTopKeysV2 = {
    "creation_date", "modification_date", "analytic_story", "asset_type", "mitre_attack_id", "product",
    "category", "security_domain", "threat_objects", "manual_test", "cve", "atomic_guid"};
const std::set<std::string> kRequiredStrings = {"name", "author", "description", "search",
                                               "how_to_implement", "known_false_positives"};

bool is_newer_layout(const YAML::Node& doc) {
    return doc["creation_date"] || doc["finding"] || doc["analytic_story"];
}

bool is_scalar_text(const YAML::Node& n) { return n.IsScalar() && !n.Scalar().empty(); }

}  // namespace

Diagnostic file_diagnostic(const Detection& rule, const char* id, Severity sev, std::string message,
                           const YAML::Node& at, uint32_t length) {
    Diagnostic d;
    d.rule = id;
    d.severity = sev;
    d.message = std::move(message);
    d.file = rule.file.string();
    d.length = length;
    YAML::Mark m = at.IsDefined() ? at.Mark() : YAML::Mark::null_mark();
    if (m.line >= 0) {
        d.pos.offset = static_cast<uint32_t>(m.pos);
        d.pos.line = static_cast<uint32_t>(m.line) + 1;
        d.pos.column = static_cast<uint32_t>(m.column) + 1;
    }
    return d;
}

void check_schema(const Detection& rule, std::vector<Diagnostic>& out) {
    const YAML::Node& doc = rule.yaml;
    auto err = [&](const YAML::Node& at, std::string msg, Severity sev = Severity::Error) {
        uint32_t len = at.IsDefined() && at.IsScalar() ? static_cast<uint32_t>(std::max<size_t>(1, at.Scalar().size())) : 1;
        out.push_back(file_diagnostic(rule, "schema", sev, std::move(msg), at, len));
    };
    if (!doc.IsMap()) {
        err(doc, "a detection must be a YAML mapping");
        return;
    }
    const bool v2 = is_newer_layout(doc);
    for (const auto& kv : doc) {
        const std::string key = kv.first.Scalar();
        if (!kTopKeys.count(key) && !(v2 && kTopKeysV2.count(key)))
            err(kv.first, "unknown key '" + key + "' (contentctl forbids extra keys)", Severity::Warning);
    }
    for (const auto& key : kRequiredStrings) {
        YAML::Node n = doc[key];
        if (!n) err(doc, "missing required key '" + key + "'");
        else if (!is_scalar_text(n)) err(n, "'" + key + "' must be a non-empty string");
    }
    static const std::regex uuid("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    static const std::regex positive("^[1-9][0-9]*$"), ymd("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    if (YAML::Node n = doc["id"]; !n) err(doc, "missing required key 'id'");
    else if (!n.IsScalar() || !std::regex_match(n.Scalar(), uuid)) err(n, "'id' must be a UUID");
    if (YAML::Node n = doc["version"]; !n) err(doc, "missing required key 'version'");
    else if (!n.IsScalar() || !std::regex_match(n.Scalar(), positive))
        err(n, "'version' must be a positive integer");
    for (const char* key : v2 ? std::vector<const char*>{"creation_date", "modification_date"}
                              : std::vector<const char*>{"date"}) {
        if (YAML::Node n = doc[key]; !n) err(doc, std::string("missing required key '") + key + "'");
        else if (!n.IsScalar() || !std::regex_match(n.Scalar(), ymd))
            err(n, std::string("'") + key + "' must be a date YYYY-MM-DD");
    }
    if (YAML::Node n = doc["type"]; !n) err(doc, "missing required key 'type'");
    else if (!n.IsScalar() || !kTypes.count(n.Scalar()))
        err(n, "'type' must be one of TTP, Anomaly, Hunting, Correlation");
    if (YAML::Node n = doc["status"]; !n) err(doc, "missing required key 'status'");
    else if (!n.IsScalar() || !kStatus.count(n.Scalar()))
        err(n, "'status' must be one of production, experimental, deprecated, validation");
    if (YAML::Node n = doc["data_source"]; !n) err(doc, "missing required key 'data_source'");
    else if (!n.IsSequence()) err(n, "'data_source' must be a list");
    if (YAML::Node n = doc["references"]; n && !n.IsSequence() && !n.IsNull()) err(n, "'references' must be a list");

    // In the newer layout the tag keys sit at the top level: check them there.
    const YAML::Node tags = v2 ? doc : doc["tags"];
    const std::string tp = v2 ? "" : "tags.";
    if (!tags) {
        err(doc, "missing required key 'tags'");
    } else if (!tags.IsMap()) {
        err(tags, "'tags' must be a mapping");
    } else {
        if (YAML::Node n = tags["analytic_story"]; !n) err(tags, "missing required key '" + tp + "analytic_story'");
        else if (!n.IsSequence() || n.size() == 0) err(n, "'" + tp + "analytic_story' must be a non-empty list");
        if (YAML::Node n = tags["security_domain"]; n && (!n.IsScalar() || !kDomains.count(n.Scalar())))
            err(n, "'" + tp + "security_domain' must be one of access, endpoint, network, threat, identity, audit, cloud");
        if (YAML::Node n = tags["mitre_attack_id"]; n && n.IsSequence()) {
            static const std::regex mitre("^T[0-9]{4}(\\.[0-9]{3})?$");
            for (const auto& t : n)
                if (!t.IsScalar() || !std::regex_match(t.Scalar(), mitre))
                    err(t, "'" + tp + "mitre_attack_id' entries look like T1234 or T1234.001");
        }
        if (YAML::Node n = tags["product"]; n && !n.IsSequence()) err(n, "'" + tp + "product' must be a list");
    }

    YAML::Node status = doc["status"];
    bool production = status && status.IsScalar() && status.Scalar() == "production";
    bool manual = tags && tags.IsMap() && tags["manual_test"];  // top level in the newer layout
    const YAML::Node tests = doc["tests"];
    if (tests && !tests.IsSequence()) err(tests, "'tests' must be a list");
    if (production && !manual && (!tests || (tests.IsSequence() && tests.size() == 0)))
        err(status, "a production rule needs 'tests' (or tags.manual_test)");
}

void check_tests(const Detection& rule, std::vector<Diagnostic>& out) {
    const YAML::Node tests = rule.yaml["tests"];
    if (!tests || !tests.IsSequence()) return;
    for (const auto& t : tests) {
        YAML::Node data = t.IsMap() ? t["attack_data"] : YAML::Node();
        if (!data || !data.IsSequence() || data.size() == 0) {
            std::string name = t.IsMap() && t["name"] && t["name"].IsScalar() ? t["name"].Scalar() : "";
            out.push_back(file_diagnostic(rule, "tests-without-data", Severity::Warning,
                                          "test '" + name + "' has no attack_data", t));
            continue;
        }
        for (const auto& a : data)
            if (!a.IsMap() || !a["data"] || !a["data"].IsScalar() || a["data"].Scalar().empty())
                out.push_back(file_diagnostic(rule, "tests-without-data", Severity::Warning,
                                              "attack_data entry without 'data'", a));
    }
}

}  // namespace minispl::lint
