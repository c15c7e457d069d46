// The stats family (stats, eventstats, streamstats, tstats, mstats, timechart, chart):
// options, aggregations, by-clause, span, tstats `from datamodel=` and `where`.
#include "tree.hpp"

#include <cctype>
#include <cstdlib>

namespace minispl::parse {
namespace {

//! Canonical aggregation name and, for pNN/percNN/exactpercNN/upperpercNN, the percentile.
void canonical_function(ast::Aggregation& a, std::string_view written_name) {
    std::string f = lower(written_name);
    if (f == "c") f = "count";
    if (f == "distinct_count") f = "dc";
    for (const char* prefix : {"exactperc", "upperperc", "perc", "p"}) {
        const std::string_view p(prefix);
        if (f.size() > p.size() && f.compare(0, p.size(), p) == 0 &&
            std::isdigit(static_cast<unsigned char>(f[p.size()]))) {
            char* end = nullptr;
            const double v = std::strtod(f.c_str() + p.size(), &end);
            if (end && *end == 0) {
                a.percentile = v;
                f = "p";
                break;
            }
        }
    }
    a.function = f;
}

}  // namespace

ast::StatsCmd Builder::stats(const Node& n) const {
    ast::StatsCmd s;
    for (size_t i = 1; i < n.children.size(); ++i) {
        const Node& c = *n.children[i];
        if (c.is_type<g::option>()) {
            s.options.push_back(option(c));
        } else if (c.is_type<g::span_option>()) {
            s.span = time_span(c);
        } else if (c.is_type<g::aggregation>()) {
            ast::Aggregation a;
            a.span = span(c);
            const Node& call = *c.children[0];
            a.written = call.string();
            if (call.is_type<g::agg_bare>()) {
                canonical_function(a, call.string_view());
            } else {
                canonical_function(a, call.children[0]->string_view());
                if (call.children.size() > 1) {
                    const Node& arg = *call.children[1];
                    if (arg.is_type<g::agg_eval>())
                        a.eval = expr(*arg.children.at(0));
                    else
                        a.field = search_value(arg).text;
                }
            }
            if (c.children.size() > 1) a.alias = field(*c.children[1]).name;
            s.aggregations.push_back(std::move(a));
        } else if (c.is_type<g::by_clause>()) {
            for (auto& b : c.children) {
                if (b->is_type<g::by_field>()) s.by.push_back(field(*b));
                else if (b->is_type<g::span_option>()) s.span = time_span(*b);
                else if (b->is_type<g::option>()) s.options.push_back(option(*b));
            }
        } else if (c.is_type<g::from_datamodel>()) {
            s.datamodel = c.children.at(0)->string();
            if (s.datamodel.size() >= 2 && s.datamodel.front() == '"' && s.datamodel.back() == '"')
                s.datamodel = s.datamodel.substr(1, s.datamodel.size() - 2);  // datamodel="Endpoint.Processes"
            s.datamodel_span = span(*c.children.at(0));
        } else if (c.is_type<g::stats_where>()) {
            if (!c.children.empty()) s.where = search_expr(*c.children[0]);
        }
    }
    return s;
}

ast::TimeSpan Builder::time_span(const Node& n) const {
    const Node& v = *n.children.at(0);
    ast::TimeSpan t;
    t.span = span(v);
    const std::string text = v.string();
    char* end = nullptr;
    t.count = std::strtod(text.c_str(), &end);
    const std::string unit = lower(end ? std::string_view(end) : std::string_view());
    static const std::pair<const char*, const char*> units[] = {
        {"", ""},         {"s", "s"},       {"sec", "s"},     {"secs", "s"},   {"second", "s"},
        {"seconds", "s"}, {"m", "m"},       {"min", "m"},     {"mins", "m"},   {"minute", "m"},
        {"minutes", "m"}, {"h", "h"},       {"hr", "h"},      {"hrs", "h"},    {"hour", "h"},
        {"hours", "h"},   {"d", "d"},       {"day", "d"},     {"days", "d"},   {"w", "w"},
        {"week", "w"},    {"weeks", "w"},   {"mon", "mon"},   {"month", "mon"}, {"months", "mon"},
        {"q", "q"},       {"qtr", "q"},     {"qtrs", "q"},    {"quarter", "q"}, {"quarters", "q"},
        {"y", "y"},       {"yr", "y"},      {"yrs", "y"},     {"year", "y"},   {"years", "y"},
        {"ms", "ms"},     {"us", "us"},     {"cs", "cs"},     {"ds", "ds"}};
    for (auto& [w, norm] : units)
        if (unit == w) {
            t.unit = norm;
            if (t.count <= 0) fail("bad span= value: the span must be positive", v);
            return t;
        }
    fail("bad span= value: unknown time unit `" + unit + "` (use s, m, h, d, w, mon)", v);
}

}  // namespace minispl::parse
