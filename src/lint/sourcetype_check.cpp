// unknown-sourcetype: the sourcetypes a rule's tests declare that minispl does not define.
#include "checks.hpp"

#include "minispl/sourcetypes/sourcetype.hpp"

#include <set>

namespace minispl::lint {

void check_sourcetypes(const Detection& rule, const LintContext& ctx, std::vector<Diagnostic>& out) {
    if (!ctx.sourcetypes) return;
    const YAML::Node tests = rule.yaml["tests"];
    if (!tests || !tests.IsSequence()) return;
    std::set<std::string> said;  // once per sourcetype and rule
    for (const auto& t : tests) {
        YAML::Node data = t.IsMap() ? t["attack_data"] : YAML::Node();
        if (!data || !data.IsSequence()) continue;
        for (const auto& a : data) {
            YAML::Node st = a.IsMap() ? a["sourcetype"] : YAML::Node();
            if (!st || !st.IsScalar() || ctx.sourcetypes->knows(st.Scalar()) || !said.insert(st.Scalar()).second) continue;
            out.push_back(file_diagnostic(rule, "unknown-sourcetype", Severity::Info,
                                          ctx.sourcetypes->unknown_message(st.Scalar()), st,
                                          static_cast<uint32_t>(st.Scalar().size())));
        }
    }
}

}  // namespace minispl::lint
