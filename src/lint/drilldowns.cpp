// drilldown-syntax and drilldown-field: each `drilldown_searches[].search` is SPL that Splunk runs
// with `%original_detection_search%` replaced by the rule's search and `$field$` tokens by the
// result's values. It must parse so substituted (the rule's own search is checked elsewhere, so a
// stand-in takes its place), and its tokens, like the message's, must be outputs of the search.
#include "checks.hpp"
#include "minispl/compile/output_fields.hpp"
#include "minispl/eval/wildcard.hpp"
#include "minispl/parse/parser.hpp"

namespace minispl::lint {

namespace {

//! Splunk's own tokens in drilldowns: the search's time range.
bool builtin_token(const std::string& t) { return t == "info_min_time" || t == "info_max_time"; }

}  // namespace

void check_drilldowns(const Detection& rule, const ast::Pipeline& pipeline, std::vector<Diagnostic>& out) {
    const YAML::Node list = rule.yaml["drilldown_searches"];
    if (!list || !list.IsSequence()) return;
    const std::optional<std::vector<std::string>> fields = output_fields(pipeline);
    for (const YAML::Node& dd : list) {
        if (!dd.IsMap() || !dd["search"] || !dd["search"].IsScalar()) continue;
        const YAML::Node node = dd["search"];
        const std::string text = node.Scalar();
        std::string spl;  // the text with the stand-ins
        std::vector<std::string> tokens;
        for (size_t i = 0; i < text.size(); ++i) {
            if (text.compare(i, 27, "%original_detection_search%") == 0) {
                spl += "search minispl_original_search";
                i += 26;
            } else if (text[i] == '$' && text.find('$', i + 1) != std::string::npos) {
                size_t j = text.find('$', i + 1);
                tokens.push_back(text.substr(i + 1, j - i - 1));
                spl += "\"x\"";
                i = j;
            } else {
                spl += text[i];
            }
        }
        try {
            (void)parse_search(spl);
        } catch (const SplError& e) {
            out.push_back(file_diagnostic(rule, "drilldown-syntax", Severity::Error,
                                          "drilldown search does not parse: " + e.diagnostic().message +
                                              " (in `" + spl + "`, tokens and %original_detection_search% "
                                              "substituted)",
                                          node, static_cast<uint32_t>(text.size())));
        }
        if (!fields) continue;
        for (const std::string& tok : tokens) {
            if (tok.empty() || builtin_token(tok)) continue;
            bool found = false;
            for (const auto& f : *fields) found = found || wildcard_match(f, tok);
            if (!found)
                out.push_back(file_diagnostic(rule, "drilldown-field", Severity::Warning,
                                              "drilldown token $" + tok + "$ is not an output of the search",
                                              node, static_cast<uint32_t>(tok.size() + 2)));
        }
    }
}

}  // namespace minispl::lint
