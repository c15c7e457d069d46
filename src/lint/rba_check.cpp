// rba-schema (error) and rba-field (warning): the `rba:` block as contentctl's rba_object model
// validates it (contentctl/objects/rba.py: a message, at least one risk object of type system,
// user or other with a score 1-100, threat objects of a fixed list of types), and the fields the
// objects name must be outputs of the search. The newer layout's top-level `threat_objects:`
// is checked the same way.
#include "checks.hpp"
#include "minispl/compile/output_fields.hpp"
#include "minispl/eval/wildcard.hpp"

#include <set>

namespace minispl::lint {

namespace {

const std::set<std::string> kRiskTypes = {"system", "user", "other"};
const std::set<std::string> kThreatTypes = {
    "certificate_common_name", "certificate_organization", "certificate_serial", "certificate_unit", "command",
    "domain", "email_address", "email_subject", "file_hash", "file_name", "file_path", "http_user_agent",
    "ip_address", "process", "process_name", "parent_process", "parent_process_name", "process_hash",
    "registry_path", "registry_value_name", "registry_value_text", "service", "signature", "system", "tls_hash",
    "url"};

std::string joined(const std::set<std::string>& s) {
    std::string out;
    for (const auto& x : s) out += (out.empty() ? "" : ", ") + x;
    return out;
}

struct RbaChecker {
    const Detection& rule;
    const std::optional<std::vector<std::string>>& fields;
    std::vector<Diagnostic>& out;

    void error(const YAML::Node& at, std::string msg) {
        uint32_t len = at.IsDefined() && at.IsScalar() ? static_cast<uint32_t>(std::max<size_t>(1, at.Scalar().size())) : 1;
        out.push_back(file_diagnostic(rule, "rba-schema", Severity::Error, std::move(msg), at, len));
    }

    void field(const YAML::Node& f, const char* what) {
        if (!f || !f.IsScalar() || f.Scalar().empty()) return;
        if (!fields) return;
        for (const auto& o : *fields)
            if (wildcard_match(o, f.Scalar())) return;
        std::string list;
        for (const auto& o : *fields) list += (list.empty() ? "" : ", ") + o;
        out.push_back(file_diagnostic(rule, "rba-field", Severity::Warning,
                                      std::string(what) + " field '" + f.Scalar() + "' is not an output of the search (outputs: " + list + ")",
                                      f, static_cast<uint32_t>(f.Scalar().size())));
    }

    //! One risk_objects or threat_objects entry: {field, type[, score]}.
    void object(const YAML::Node& o, bool risk, const YAML::Node& owner) {
        const char* what = risk ? "risk object" : "threat object";
        if (!o.IsMap()) return error(o.IsDefined() ? o : owner, std::string("each ") + what + " must be a mapping with field and type");
        const YAML::Node f = o["field"], t = o["type"];
        if (!f || !f.IsScalar() || f.Scalar().empty()) error(f ? f : o, std::string(what) + ": 'field' must be a non-empty string");
        const auto& types = risk ? kRiskTypes : kThreatTypes;
        if (!t || !t.IsScalar()) error(t ? t : o, std::string(what) + ": 'type' is required (one of " + joined(types) + ")");
        else if (!types.count(t.Scalar())) error(t, std::string(what) + ": unknown type '" + t.Scalar() + "' (one of " + joined(types) + ")");
        if (risk) {
            const YAML::Node s = o["score"];
            long v = 0;
            bool ok = s && s.IsScalar() && !s.Scalar().empty() && s.Scalar().find_first_not_of("0123456789") == std::string::npos &&
                      s.Scalar().size() <= 4 && (v = std::stol(s.Scalar())) >= 1 && v <= 100;
            if (!ok) error(s ? s : o, "risk object: 'score' must be an integer from 1 to 100");
        }
        field(f, what);
    }

    void objects(const YAML::Node& list, bool risk, const YAML::Node& owner, const char* key) {
        if (!list) {
            if (risk) error(owner, std::string("rba needs '") + key + "' (at least one)");
            return;
        }
        if (!list.IsSequence()) return error(list, std::string("'") + key + "' must be a list");
        if (risk && list.size() == 0) error(list, "rba needs at least one risk object");
        for (const auto& o : list) object(o, risk, list);
    }
};

}  // namespace

void check_rba(const Detection& rule, const ast::Pipeline& pipeline, std::vector<Diagnostic>& out) {
    if (!rule.yaml.IsMap()) return;
    const YAML::Node rba = rule.yaml["rba"], top_threats = rule.yaml["threat_objects"];
    if (!rba && !top_threats) return;
    const std::optional<std::vector<std::string>> fields = output_fields(pipeline);
    RbaChecker c{rule, fields, out};
    if (rba) {
        if (!rba.IsMap()) {
            c.error(rba, "'rba' must be a mapping (message, risk_objects, threat_objects)");
        } else {
            const YAML::Node m = rba["message"];
            if (!m || !m.IsScalar() || m.Scalar().empty()) c.error(m ? m : rba, "rba: 'message' must be a non-empty string");
            c.objects(rba["risk_objects"], true, rba, "risk_objects");
            c.objects(rba["threat_objects"], false, rba, "threat_objects");
        }
    }
    if (top_threats) c.objects(top_threats, false, rule.yaml, "threat_objects");
}

}  // namespace minispl::lint
