// addon-not-modelled (info): how_to_implement asks for a Splunk add-on none of whose sourcetypes
// minispl defines, so the rule would run on the raw keys without that add-on's knowledge.
#include "checks.hpp"

#include "minispl/sourcetypes/addons.hpp"
#include "minispl/sourcetypes/sourcetype.hpp"

namespace minispl::lint {

void check_addons(const Detection& rule, const LintContext& ctx, std::vector<Diagnostic>& out) {
    if (!ctx.addons || !ctx.sourcetypes) return;
    const YAML::Node how = rule.yaml.IsMap() ? rule.yaml["how_to_implement"] : YAML::Node();
    if (!how || !how.IsScalar()) return;
    for (const Addon* a : ctx.addons->mentioned(how.Scalar())) {
        bool any = false;
        std::string list;
        for (const auto& st : a->sourcetypes) {
            any = any || ctx.sourcetypes->knows(st);
            list += (list.empty() ? "" : ", ") + st;
        }
        if (any) continue;
        out.push_back(file_diagnostic(rule, "addon-not-modelled", Severity::Info,
                                      "how_to_implement names the " + a->name + "; minispl has no definitions for its "
                                      "sourcetypes (" + list + "), so their events get the raw keys only, without "
                                      "the add-on's aliases, calculated fields, lookups and tags",
                                      how));
    }
}

}  // namespace minispl::lint
