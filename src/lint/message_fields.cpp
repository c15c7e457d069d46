// message-field: every $field$ of the rule message must be a field the search outputs.
// The output set is derived only when it is exact (after stats/tstats/table/fields, followed by
// commands whose effect on the field set is known); otherwise nothing is reported.
#include "checks.hpp"

#include "minispl/eval/wildcard.hpp"

#include <optional>
#include <regex>
#include <variant>

namespace minispl::lint {

namespace {

template <class... Ts> struct overloaded : Ts... { using Ts::operator()...; };
template <class... Ts> overloaded(Ts...) -> overloaded<Ts...>;

//! Glob match with `*`; `caps` receives what each `*` matched.
bool glob(std::string_view pat, std::string_view s, std::vector<std::string>* caps = nullptr) {
    auto got = wildcard_captures(pat, s);
    if (got && caps) caps->insert(caps->end(), got->begin(), got->end());
    return got.has_value();
}

std::string fill(std::string_view pat, const std::vector<std::string>& caps) {
    std::string r;
    size_t k = 0;
    for (char c : pat) {
        if (c == '*' && k < caps.size()) r += caps[k++];
        else r += c;
    }
    return r;
}

using FieldSet = std::optional<std::vector<std::string>>;  // nullopt: not derivable

void add(FieldSet& s, const std::string& f) {
    if (!s) return;
    for (const auto& x : *s) if (x == f) return;
    s->push_back(f);
}

void rename(FieldSet& s, const std::string& from, const std::string& to) {
    if (!s) return;
    std::vector<std::string> next;
    std::vector<std::string> made;
    for (const auto& f : *s) {
        std::vector<std::string> caps;
        if (f.find('*') == std::string::npos && glob(from, f, &caps)) made.push_back(fill(to, caps));
        else if (f.find('*') != std::string::npos && from.find('*') != std::string::npos) {
            s.reset();  // wildcard renamed by wildcard: give up
            return;
        } else next.push_back(f);
    }
    for (const auto& m : made) {
        std::erase(next, m);  // the new name replaces an existing field of that name
        next.push_back(m);
    }
    *s = std::move(next);
}

std::string agg_name(const ast::Aggregation& a) { return a.alias.empty() ? a.written : a.alias; }

//! The fields after the pipeline, when exactly known.
FieldSet output_fields(const ast::Pipeline& p) {
    FieldSet s;  // events: unknown fields
    for (const auto& c : p.commands) {
        const std::string& n = c.name;
        std::visit(overloaded{
            [&](const ast::StatsCmd& st) {
                if (n == "stats" || n == "tstats" || n == "mstats") {
                    s.emplace();
                    for (const auto& a : st.aggregations) add(s, agg_name(a));
                    for (const auto& b : st.by) add(s, b.name);
                } else if (n == "eventstats" || n == "streamstats") {
                    for (const auto& a : st.aggregations) add(s, agg_name(a));
                } else if (n == "timechart" && st.by.empty()) {
                    s.emplace();
                    add(s, "_time");
                    for (const auto& a : st.aggregations) add(s, agg_name(a));
                } else {
                    s.reset();
                }
                // values(*) as *: the outputs are whatever fields the events had
                for (const auto& a : st.aggregations)
                    if (a.field.find('*') != std::string::npos) s.reset();
            },
            [&](const ast::FieldsCmd& f) {
                if (n == "table" || (n == "fields" && !f.remove)) {
                    std::vector<std::string> keep;
                    for (const auto& x : f.fields) {
                        if (x.name.find('*') == std::string::npos) {
                            keep.push_back(x.name);
                        } else if (s) {
                            for (const auto& have : *s) if (glob(x.name, have)) keep.push_back(have);
                        } else {
                            s.reset();
                            return;
                        }
                    }
                    s = std::move(keep);
                } else if (n == "fields" && f.remove) {
                    if (s) std::erase_if(*s, [&](const std::string& have) {
                        for (const auto& x : f.fields) if (glob(x.name, have)) return true;
                        return false;
                    });
                } else if (n == "dedup" || n == "mvcombine" || n == "mvexpand" || n == "makemv" || n == "uniq" ||
                           n == "reverse" || n == "nomv") {
                    // rows change, fields do not
                } else {
                    s.reset();
                }
            },
            [&](const ast::RenameCmd& r) { for (const auto& pr : r.pairs) rename(s, pr.from.name, pr.to.name); },
            [&](const ast::EvalCmd& e) { for (const auto& a : e.assignments) add(s, a.field); },
            [&](const ast::ConvertCmd& cv) { for (const auto& x : cv.conversions) if (!x.alias.empty()) add(s, x.alias); },
            [&](const ast::LookupCmd& l) {
                if (l.outputs.empty()) s.reset();
                for (const auto& o : l.outputs) add(s, o.as.name.empty() ? o.field.name : o.as.name);
            },
            [&](const ast::RexCmd& r) {
                bool sed = false;
                for (const auto& o : r.options) if (o.key == "mode" && o.value == "sed") sed = true;
                if (!sed) for (const auto& g : rex_groups(r.regex)) add(s, g);
            },
            [&](const ast::BinCmd& b) { if (!b.alias.empty()) add(s, b.alias); },
            [&](const ast::FillnullCmd& f) { for (const auto& x : f.fields) add(s, x.name); },
            [&](const ast::SearchCmd&) {},
            [&](const ast::WhereCmd&) {},
            [&](const ast::SortCmd&) {},
            [&](const ast::HeadCmd&) {},
            [&](const ast::RegexCmd&) {},
            [&](const ast::GenericCmd&) {
                if (n != "mvexpand" && n != "makemv" && n != "nomv") s.reset();
            },
            [&](const auto&) { s.reset(); },
        }, c.body);
    }
    return s;
}

}  // namespace

std::vector<std::string> rex_groups(const std::string& re) {
    std::vector<std::string> r;
    static const std::regex named(R"(\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>)");
    for (std::sregex_iterator it(re.begin(), re.end(), named), end; it != end; ++it) r.push_back((*it)[1]);
    return r;
}

void check_message_fields(const Detection& rule, const ast::Pipeline& pipeline, std::vector<Diagnostic>& out) {
    if (rule.message.empty()) return;
    FieldSet fields = output_fields(pipeline);
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
            for (const auto& f : *fields) if (glob(f, tok)) { found = true; break; }
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
