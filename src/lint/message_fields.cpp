// message-field: every $field$ of the rule message must be a field the search outputs.
// The output set (compile's output_fields) is derived only when it is exact (after
// stats/tstats/table/fields, followed by commands whose effect on the field set is known);
// otherwise nothing is reported.
#include "checks.hpp"
#include "minispl/compile/output_fields.hpp"
#include "minispl/eval/wildcard.hpp"

namespace minispl::lint {

void check_message_fields(const Detection& rule, const ast::Pipeline& pipeline, std::vector<Diagnostic>& out) {
    if (rule.message.empty()) return;
    std::optional<std::vector<std::string>> fields = output_fields(pipeline);
    if (!fields) return;
    // Find the message node for positions: tags.message, rba.message or finding.title.
    const YAML::Node& y = rule.yaml;
    YAML::Node node;
    for (auto [a, b] : {std::pair{"tags", "message"}, {"rba", "message"}, {"finding", "title"}}) {
        if (y[a] && y[a].IsMap() && y[a][b] && y[a][b].IsScalar() && y[a][b].Scalar() == rule.message) {
            node = y[a][b];
            break;
        }
    }
    ScalarMap map;
    bool mapped = node.IsDefined() && node.Mark().line >= 0;
    if (mapped) map = ScalarMap(rule.file_text, node.Mark(), rule.message);
    const std::string& m = rule.message;
    for (size_t i = 0; i < m.size(); ++i) {
        if (m[i] != '$') continue;
        size_t j = m.find('$', i + 1);
        if (j == std::string::npos) break;
        std::string tok = m.substr(i + 1, j - i - 1);
        if (!tok.empty()) {
            bool found = false;
            for (const auto& f : *fields) if (wildcard_match(f, tok)) { found = true; break; }
            if (!found) {
                std::string list;
                for (const auto& f : *fields) list += (list.empty() ? "" : ", ") + f;
                Diagnostic d = file_diagnostic(rule, "message-field", Severity::Warning,
                                               "message field $" + tok + "$ is not an output of the search (outputs: " + list + ")",
                                               node, static_cast<uint32_t>(tok.size() + 2));
                if (mapped) d.pos = map.position(static_cast<uint32_t>(i));
                out.push_back(std::move(d));
            }
        }
        i = j;
    }
}

}  // namespace minispl::lint
