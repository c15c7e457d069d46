// Which input fields a pipeline reads, for field projection (the JSON reader extracts only those).
// A wrong "not needed" is a silent wrong answer while an extra name only costs speed, so every
// command whose reads cannot be listed exactly makes the answer "all fields". What each command
// reads is its CommandSpec row's `reads` (command_specs.cpp); the accumulator is here.
#include "minispl/compile/field_usage.hpp"

#include "field_reads.hpp"
#include "minispl/compile/command_spec.hpp"

#include "minispl/ops/option_util.hpp"
#include "minispl/eval/wildcard.hpp"

#include <algorithm>
#include <set>

namespace minispl {

bool FieldUsage::reads(std::string_view name) const {
    return all || std::binary_search(names.begin(), names.end(), name);
}

using opt::lower;

bool FieldReads::walk(const ast::Pipeline& p) {
    for (const auto& cmd : p.commands) {
        // The compiler sorts events by _time before an order-sensitive command (dedup, head,
        // table, stats first()/last()...).
        if (reads_input_order(cmd)) needs_time = true;
        const CommandSpec* spec = find_command(cmd.name);
        // A command whose reads its row cannot list (mvcombine groups by every other field,
        // transaction's startswith/endswith are expressions in text, foreach templates field names,
        // map substitutes $field$ tokens, outputlookup writes every field; tstats/inputlookup in
        // mid-pipeline, appendcols, unknown and unexpanded-macro commands): any field.
        if (!spec || !spec->reads) {
            all = true;
            return false;
        }
        if (spec->reads(*this, cmd)) return true;
        if (all) return false;
    }
    return false;
}

void FieldReads::resolve_wildcard_renames() {
    for (auto r = wildcard_renames_.rbegin(); r != wildcard_renames_.rend(); ++r) {
        std::vector<std::string> sources;
        for (const auto& name : names)
            if (auto caps = wildcard_captures(r->to, name)) sources.push_back(wildcard_substitute(r->from, *caps));
        names.insert(sources.begin(), sources.end());
    }
}

void FieldReads::rename(const std::string& from, const std::string& to) {
    const auto stars = [](const std::string& s) { return std::count(s.begin(), s.end(), '*'); };
    if (stars(from) == 0 && stars(to) == 0) {
        add(from);
        add(to);
        writes_raw(from);
        writes_raw(to);
        return;
    }
    // One `*` on each side: a target name determines its source. More are ambiguous.
    if (stars(from) != 1 || stars(to) != 1) {
        all = true;
        return;
    }
    if (wildcard_match(from, "_raw") || wildcard_match(to, "_raw")) raw_changed_ = true;
    wildcard_renames_.push_back({from, to});
}

void FieldReads::add(std::string_view name) {
    if (name.find('*') != std::string_view::npos) all = true;  // a wildcard may match any field
    else if (!name.empty()) names.emplace(name);
}

void FieldReads::add_all(const std::vector<ast::FieldName>& fields) {
    for (const auto& f : fields) add(f.name);
}

void FieldReads::writes_raw(std::string_view name) {
    if (name == "_raw") raw_changed_ = true;
}

void FieldReads::reads_raw() {
    if (raw_changed_) all = true;
    names.emplace("_raw");
}

void FieldReads::expr(const ast::Expr* e) {
    if (!e) return;
    // Eval functions read fields only through Field nodes (src/eval: no function takes a
    // field *name* as a string, mvfilter's bound field is a Field node of its argument).
    if (e->kind == ast::Expr::Kind::Field) add(e->text);
    for (const auto& a : e->args) expr(a.get());
}

void FieldReads::search(const ast::SearchExpr* e) {
    if (!e) return;
    using K = ast::SearchExpr::Kind;
    switch (e->kind) {
        case K::Compare:
        case K::In:
            // earliest= / latest= bound _time, they are not fields.
            if (lower(e->field) == "earliest" || lower(e->field) == "latest") needs_time = true;
            else add(e->field);
            break;
        case K::Term:
        case K::TermFn: reads_raw(); break;
        case K::Subsearch: all = true; break;  // its rows become field=value terms, fields unknown
        default: break;
    }
    for (const auto& c : e->children) search(c.get());
}

namespace {

//! Options that only tune the stats family (none names a field or holds an expression).
bool harmless_stats_option(const std::string& key) {
    static const std::set<std::string> ok = {
        "partitions", "allnum",  "delim",   "dedup_splitvals", "window",     "current", "global",    "reset_on_change",
        "time_window", "limit",  "useother", "usenull",        "otherstr",   "nullstr", "cont",      "bins",
        "span",       "minspan", "fixedrange", "partial",      "aligntime",  "sep",     "format"};
    return ok.count(lower(key)) > 0;
}

}  // namespace

void FieldReads::stats(const ast::StatsCmd& s, bool closing) {
    for (const auto& o : s.options)
        if (!harmless_stats_option(o.key)) all = true;
    for (const auto& a : s.aggregations) {
        // These pick values by _time (the others ignore it; first/last/list are order-sensitive).
        static const std::set<std::string, std::less<>> by_time = {"earliest", "latest", "earliest_time",
                                                                   "latest_time", "rate", "per_second",
                                                                   "per_minute", "per_hour", "per_day"};
        if (by_time.count(a.function)) needs_time = true;
        add(a.field);  // `values(*)`: add() turns the wildcard into all
        expr(a.eval.get());
        if (!closing) add(a.alias.empty() ? a.written : a.alias);
    }
    add_all(s.by);
    search(s.where.get());
}

void FieldReads::lookup(const ast::LookupCmd& l) {
    // `table column AS event_field`: both names (the column name is harmless); outputs are
    // written, and OUTPUTNEW reads them to see whether they are already set. No OUTPUT clause
    // writes every column: only writes, and a later read of one is listed by that command.
    for (const auto* list : {&l.inputs, &l.outputs})
        for (const auto& m : *list) {
            add(m.field.name);
            add(m.as.name);
        }
}

std::string FieldReads::option(const std::vector<ast::Option>& options, const char* key) {
    for (const auto& o : options)
        if (lower(o.key) == key) return o.value;
    return "";
}

void FieldReads::spath(const ast::GenericCmd& g) {
    std::string input = "_raw";
    for (const auto& a : g.args) {
        if (a.kind == ast::GenericCmd::Arg::Kind::Option) {
            const std::string key = lower(a.text);
            if (key == "input") input = a.value;
            else if (key == "output" || key == "path") add(a.value);
            else all = true;
        } else if (a.kind == ast::GenericCmd::Arg::Kind::Word || a.kind == ast::GenericCmd::Arg::Kind::Quoted) {
            add(a.text);  // the path, also the default output name
        } else {
            all = true;
        }
    }
    // Without a path spath writes whatever the document holds: unknown names, but only
    // written; a later command that reads one lists it.
    if (input == "_raw") reads_raw();
    else add(input);
}

bool reads_input_events(const ast::Pipeline& p) {
    if (!p.leading_pipe || p.commands.empty() || p.commands.front().name == "search") return true;
    // tstats, datamodel, from: generating commands over the indexed events, which offline are the input.
    const CommandSpec* spec = find_command(p.commands.front().name);
    return spec && spec->indexed_data && spec->build;
}

FieldUsage input_fields_read(const ast::Pipeline& pipeline) {
    FieldUsage usage;
    // `| tstats ...`, `| inputlookup ...`, `| makeresults`: no input events are read at all.
    if (!reads_input_events(pipeline)) {
        usage.all = false;
        return usage;
    }
    FieldReads w;
    const bool closed = w.walk(pipeline);
    if (!closed || w.all) return usage;  // whole events reach the results, or unknown reads
    w.resolve_wildcard_renames();
    if (w.needs_time) w.names.emplace("_time");
    usage.all = false;
    usage.names.assign(w.names.begin(), w.names.end());
    return usage;
}

}  // namespace minispl
