// unknown-command, unknown-function, lookup-undefined and eval-dotted-name over a parsed search.
#include "checks.hpp"
#include "minispl/compile/command_spec.hpp"
#include "minispl/compile/output_fields.hpp"
#include "minispl/datamodels/dataset_records.hpp"
#include "minispl/eval/evaluator.hpp"
#include "minispl/ops/aggregate.hpp"
#include "minispl/sourcetypes/lookup_table.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <variant>

namespace minispl::lint {

namespace {

template <class... Ts> struct overloaded : Ts... { using Ts::operator()...; };
template <class... Ts> overloaded(Ts...) -> overloaded<Ts...>;

//! Walks a pipeline and everything nested in it (subsearches, foreach bodies, eval trees).
class Walker {
public:
    Walker(const LintContext& ctx, std::vector<Diagnostic>& out) : ctx_(ctx), out_(out) {}

    void pipeline(const ast::Pipeline& p) {
        for (const auto& c : p.commands) command(c);
    }

private:
    void add(const char* id, std::string msg, uint32_t begin, uint32_t length) {
        Diagnostic d;
        d.rule = id;
        d.severity = Severity::Error;
        d.message = std::move(msg);
        d.offset = begin;
        d.length = std::max<uint32_t>(1, length);
        out_.push_back(std::move(d));
    }

    void command(const ast::Command& c) {
        // An unexpanded macro stage (`name(x)`) is already an unknown-macro finding.
        if (c.name_span.end > c.name_span.begin && !c.name.starts_with('`') && !is_known_command(c.name))
            add("unknown-command", "unknown command '" + c.name + "'", c.name_span.begin,
                c.name_span.end - c.name_span.begin);
        std::visit(overloaded{
                       [&](const ast::SearchCmd& s) { if (s.expr) search(*s.expr); },
                       [&](const ast::WhereCmd& w) { if (w.expr) expr(*w.expr); },
                       [&](const ast::EvalCmd& e) {
                           for (const auto& a : e.assignments) {
                               if (a.expr) expr(*a.expr);
                               made_.insert(a.field);
                           }
                       },
                       [&](const ast::RexCmd& r) { for (auto& g : rex_group_names(r.regex)) made_.insert(std::move(g)); },
                       [&](const ast::StatsCmd& s) {
                           for (const auto& a : s.aggregations) {
                               if (!is_stats_function(a.function))
                                   add("unknown-function", "unknown aggregation function '" + a.function + "'",
                                       a.span.begin, static_cast<uint32_t>(a.function.size()));
                               if (a.eval) expr(*a.eval);
                           }
                           if (s.where) search(*s.where);
                           if (c.name == "tstats") datamodel_fields(s);
                       },
                       [&](const ast::HeadCmd& h) { if (h.expr) expr(*h.expr); },
                       [&](const ast::LookupCmd& l) {
                           if (safe_name(c.name, l.table, l.table_span)) table(l.table, l.table_span);
                       },
                       [&](const ast::LookupTableCmd& l) {
                           // outputlookup creates its table; only tables read must exist.
                           const CommandSpec* spec = find_command(c.name);
                           if (safe_name(c.name, l.table, l.table_span) &&
                               (!spec || spec->lookup_table != LookupTableUse::Creates))
                               table(l.table, l.table_span);
                           if (l.where) search(*l.where);
                       },
                       [&](const ast::ForeachCmd& f) { if (f.body) pipeline(*f.body); },
                       [&](const ast::SubsearchCmd& s) { if (s.subsearch) pipeline(*s.subsearch); },
                       [&](const ast::GenericCmd& g) {
                           for (const auto& a : g.args) if (a.subsearch) pipeline(*a.subsearch);
                       },
                       [&](const auto&) {},
                   },
                   c.body);
    }

    //! unknown-datamodel / unknown-dataset (errors: the search cannot run) and
    //! unknown-datamodel-field (a warning: tstats gives null for a name the data model does not
    //! define, windows-cim-facts.md 3.1, so the rule runs but that field is always empty).
    void datamodel_fields(const ast::StatsCmd& s) {
        if (!ctx_.datamodels || s.datamodel.empty()) return;
        std::vector<std::string> known;
        std::string target;
        try {
            auto [model, dataset] = find_dataset(*ctx_.datamodels, s.datamodel);
            known = DatasetRecords(*model, *dataset).field_names();
            target = model->name() + "." + dataset->path;
        } catch (const SplError& e) {
            add(e.diagnostic().rule == "unknown-dataset" ? "unknown-dataset" : "unknown-datamodel", e.diagnostic().message,
                s.datamodel_span.begin, s.datamodel_span.end - s.datamodel_span.begin);
            return;
        }
        auto check = [&](const std::string& field, const ast::Span& span) {
            if (field.empty() || field.find('*') != std::string::npos || field == "earliest" || field == "latest" ||
                std::find(known.begin(), known.end(), field) != known.end())
                return;
            add("unknown-datamodel-field",
                field + " is not a field of " + target + " (CIM 6.x, datamodels/): tstats gives null for it",
                span.begin, span.end > span.begin ? span.end - span.begin : static_cast<uint32_t>(field.size()));
            out_.back().severity = Severity::Warning;
        };
        for (const auto& b : s.by) check(b.name, b.span);
        for (const auto& a : s.aggregations) check(a.field, a.span);
        std::function<void(const ast::SearchExpr&)> walk = [&](const ast::SearchExpr& x) {
            if (x.kind == ast::SearchExpr::Kind::Compare || x.kind == ast::SearchExpr::Kind::In) check(x.field, x.span);
            for (const auto& ch : x.children)
                if (ch) walk(*ch);
        };
        if (s.where) walk(*s.where);
    }

    void expr(const ast::Expr& e) {
        if (e.kind == ast::Expr::Kind::Call && !is_eval_function(e.text))
            add("unknown-function", "unknown eval function '" + e.text + "'", e.span.begin,
                static_cast<uint32_t>(e.text.size()));
        std::vector<std::string> parts;
        if (e.kind == ast::Expr::Kind::Binary && dotted_parts(e, parts) && !all_made(parts)) {
            std::string dotted, fields;
            for (size_t i = 0; i < parts.size(); ++i) {
                dotted += (i ? "." : "") + parts[i];
                fields += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
            }
            add("eval-dotted-name",
                "`" + dotted + "` is the concatenation of the fields " + fields + "; for the field named " + dotted +
                    " write '" + dotted + "'",
                e.span.begin, e.span.end - e.span.begin);
            out_.back().severity = Severity::Warning;
            return;
        }
        for (const auto& a : e.args) if (a) expr(*a);
    }

    //! The names of a bare field, or of bare fields joined by `.` with no space (`a.b.c`): what a
    //! rule author writes meaning the JSON field a.b.c, and what eval reads as a . b . c.
    static bool dotted_parts(const ast::Expr& e, std::vector<std::string>& parts) {
        auto bare = [](const ast::Expr& f) {
            return f.kind == ast::Expr::Kind::Field && f.span.end - f.span.begin == f.text.size();
        };
        if (bare(e)) {
            parts.push_back(e.text);
            return true;
        }
        if (e.kind != ast::Expr::Kind::Binary || e.op != ast::BinaryOp::Concat || e.text != "." || e.args.size() != 2)
            return false;
        const ast::Expr& right = *e.args[1];
        if (!bare(right) || !dotted_parts(*e.args[0], parts) || e.args[0]->span.end + 1 != right.span.begin) return false;
        parts.push_back(right.text);
        return true;
    }

    //! Every part is a field an earlier eval or rex made: a deliberate concatenation
    //! (`eval name=part_1.part_2` after a rex), not a JSON path.
    bool all_made(const std::vector<std::string>& parts) const {
        return std::all_of(parts.begin(), parts.end(), [&](const std::string& p) { return made_.count(p) > 0; });
    }

    void search(const ast::SearchExpr& s) {
        for (const auto& c : s.children) if (c) search(*c);
        if (s.subsearch) pipeline(*s.subsearch);
    }

    //! A lookup name is a file name inside the lookup directories (check_lookup_name): a path is
    //! an error before the rule ever runs.
    bool safe_name(const std::string& command, const std::string& name, ast::Span span) {
        const std::string problem = lookup_name_problem(name);
        if (!problem.empty()) add("unsafe-path", command + ": " + problem, span.begin, span.end - span.begin);
        return problem.empty();
    }

    void table(const std::string& name, ast::Span span) {
        if (!ctx_.lookups || name.empty() || ctx_.lookups->has(name)) return;
        uint32_t len = span.end > span.begin ? span.end - span.begin : static_cast<uint32_t>(name.size());
        // Lookups that Splunk apps ship (ES assets & identities, URL Toolbox, ...): the rule is
        // valid where the app is installed, so this is a warning, not an error.
        static const std::map<std::string, std::string> external = {
            {"asset_lookup_by_str", "Splunk Enterprise Security"}, {"asset_lookup_by_cidr", "Splunk Enterprise Security"},
            {"identity_lookup_expanded", "Splunk Enterprise Security"}, {"interesting_ports_lookup", "Splunk Enterprise Security"},
            {"cim_corporate_web_domain_lookup", "Splunk Enterprise Security"}, {"alexa_lookup_by_str", "Splunk Enterprise Security"},
            {"ut_shannon_lookup", "URL Toolbox"}, {"ut_parse_extended_lookup", "URL Toolbox"}, {"ut_parse_lookup", "URL Toolbox"},
            {"admon_groups_def", "Splunk Add-on for Microsoft Windows"}};
        if (auto it = external.find(name); it != external.end()) {
            add("lookup-undefined", "lookup table '" + name + "' is not in the lookup directories (it comes with " +
                it->second + ")", span.begin, len);
            out_.back().severity = Severity::Warning;
            return;
        }
        add("lookup-undefined", "lookup table '" + name + "' is not defined in the lookup directories", span.begin, len);
    }

    const LintContext& ctx_;
    std::vector<Diagnostic>& out_;
    std::set<std::string, std::less<>> made_;  //!< fields eval and rex have made so far
};

}  // namespace

void check_pipeline(const ast::Pipeline& pipeline, const LintContext& ctx, std::vector<Diagnostic>& out) {
    Walker(ctx, out).pipeline(pipeline);
}

}  // namespace minispl::lint
