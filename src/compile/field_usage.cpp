// Which input fields a pipeline reads, for field projection (the JSON reader extracts only those).
// A wrong "not needed" is a silent wrong answer while an extra name only costs speed, so every
// command whose reads cannot be listed exactly makes the answer "all fields".
#include "minispl/compile/field_usage.hpp"

#include "minispl/ops/option_util.hpp"
#include "minispl/eval/wildcard.hpp"

#include <algorithm>
#include <set>

namespace minispl {

// command_table.cpp: the commands before which the compiler sorts events by _time.
bool is_order_sensitive(const ast::Command& cmd);

bool FieldUsage::reads(std::string_view name) const {
    return all || std::binary_search(names.begin(), names.end(), name);
}

namespace {

using opt::lower;

//! Walks a pipeline's commands up to the first closing one, collecting the names they read or write.
class Walker {
public:
    bool all = false;
    std::set<std::string> names;
    bool needs_time = false;  //!< _time is read without being named (see walk)

    //! True when a command closed the pipeline (no input field visible after it); false when the
    //! results are still whole events, or when `all` was set on the way.
    bool walk(const ast::Pipeline& p) {
        for (const auto& cmd : p.commands) {
            // The compiler sorts events by _time before an order-sensitive command (dedup, head,
            // table, stats first()/last()...); timechart buckets by _time.
            if (is_order_sensitive(cmd) || cmd.name == "timechart") needs_time = true;
            if (command(cmd)) return true;
            if (all) return false;
        }
        return false;
    }

    //! Adds the sources of the wildcard renames (last first, so chains resolve) for every name
    //! collected. Names read before a rename get a source too: extra names are harmless.
    void resolve_wildcard_renames() {
        for (auto r = wildcard_renames_.rbegin(); r != wildcard_renames_.rend(); ++r) {
            std::vector<std::string> sources;
            for (const auto& name : names)
                if (auto caps = wildcard_captures(r->to, name)) sources.push_back(wildcard_substitute(r->from, *caps));
            names.insert(sources.begin(), sources.end());
        }
    }

private:
    // A non-closing command that removes, renames or overwrites _raw: a later bare term would then
    // search another text (or every field, when _raw is gone), so terms after it read everything.
    bool raw_changed_ = false;

    //! `rename from.* AS *`: a name read after it may come from the renamed field.
    struct WildcardRename {
        std::string from, to;
    };
    std::vector<WildcardRename> wildcard_renames_;

    void rename(const std::string& from, const std::string& to) {
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

    void add(std::string_view name) {
        if (name.find('*') != std::string_view::npos) all = true;  // a wildcard may match any field
        else if (!name.empty()) names.emplace(name);
    }
    void add_all(const std::vector<ast::FieldName>& fields) {
        for (const auto& f : fields) add(f.name);
    }
    void writes_raw(std::string_view name) {
        if (name == "_raw") raw_changed_ = true;
    }
    void reads_raw() {
        if (raw_changed_) all = true;
        names.emplace("_raw");
    }

    template <typename Body>
    const Body* body(const ast::Command& cmd) {
        const Body* b = std::get_if<Body>(&cmd.body);
        if (!b) all = true;  // a shape the parser does not give this command: assume the worst
        return b;
    }

    void expr(const ast::Expr* e) {
        if (!e) return;
        // Eval functions read fields only through Field nodes (src/eval: no function takes a
        // field *name* as a string, mvfilter's bound field is a Field node of its argument).
        if (e->kind == ast::Expr::Kind::Field) add(e->text);
        for (const auto& a : e->args) expr(a.get());
    }

    void search(const ast::SearchExpr* e) {
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

    //! Options that only tune the stats family (none names a field or holds an expression).
    static bool harmless_stats_option(const std::string& key) {
        static const std::set<std::string> ok = {
            "partitions", "allnum",  "delim",   "dedup_splitvals", "window",     "current", "global",    "reset_on_change",
            "time_window", "limit",  "useother", "usenull",        "otherstr",   "nullstr", "cont",      "bins",
            "span",       "minspan", "fixedrange", "partial",      "aligntime",  "sep",     "format"};
        return ok.count(lower(key)) > 0;
    }

    //! stats / eventstats / streamstats / chart / timechart. `closing`: its own outputs are not
    //! inputs, so its aliases are left out.
    void stats(const ast::StatsCmd& s, bool closing) {
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

    void lookup(const ast::LookupCmd& l) {
        // `table column AS event_field`: both names (the column name is harmless); outputs are
        // written, and OUTPUTNEW reads them to see whether they are already set. No OUTPUT clause
        // writes every column: only writes, and a later read of one is listed by that command.
        for (const auto* list : {&l.inputs, &l.outputs})
            for (const auto& m : *list) {
                add(m.field.name);
                add(m.as.name);
            }
    }

    //! Option `key=` of a command, or "" when absent.
    static std::string option(const std::vector<ast::Option>& options, const char* key) {
        for (const auto& o : options)
            if (lower(o.key) == key) return o.value;
        return "";
    }

    void spath(const ast::GenericCmd& g) {
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

    //! Reads the one command; true when it closes the pipeline.
    bool command(const ast::Command& cmd) {
        const std::string& n = cmd.name;
        if (n == "search") {
            if (auto b = body<ast::SearchCmd>(cmd)) search(b->expr.get());
        } else if (n == "where") {
            if (auto b = body<ast::WhereCmd>(cmd)) expr(b->expr.get());
        } else if (n == "eval") {
            if (auto b = body<ast::EvalCmd>(cmd))
                for (const auto& a : b->assignments) {
                    add(a.field);
                    writes_raw(a.field);
                    expr(a.expr.get());
                }
        } else if (n == "stats" || n == "chart" || n == "timechart") {
            if (auto b = body<ast::StatsCmd>(cmd)) stats(*b, true);
            return true;
        } else if (n == "eventstats" || n == "streamstats") {
            if (auto b = body<ast::StatsCmd>(cmd)) stats(*b, false);
        } else if (n == "top" || n == "rare") {
            if (auto b = body<ast::TopCmd>(cmd)) {
                add_all(b->fields);
                add_all(b->by);
            }
            return true;
        } else if (n == "table") {
            if (auto b = body<ast::FieldsCmd>(cmd)) add_all(b->fields);  // `table a*`: all
            return true;
        } else if (n == "fields") {
            auto b = body<ast::FieldsCmd>(cmd);
            if (!b) return false;
            add_all(b->fields);
            if (b->remove) {
                for (const auto& f : b->fields) writes_raw(f.name);
                return false;
            }
            names.emplace("_raw");  // `fields a b` keeps _raw and _time (src/ops/fields.cpp)
            return true;
        } else if (n == "bin" || n == "bucket") {
            if (auto b = body<ast::BinCmd>(cmd)) {
                if (b->field.name.empty()) needs_time = true;  // bin span=... bins _time
                add(b->field.name);
                add(b->alias);
            }
        } else if (n == "rename") {
            if (auto b = body<ast::RenameCmd>(cmd))
                for (const auto& p : b->pairs) rename(p.from.name, p.to.name);
        } else if (n == "convert") {
            if (auto b = body<ast::ConvertCmd>(cmd))
                for (const auto& c : b->conversions) {
                    add(c.field.name);
                    add(c.alias);
                    writes_raw(c.field.name);
                    writes_raw(c.alias);
                }
        } else if (n == "fillnull" || n == "replace") {
            // Without a field list they change each non-internal field by itself: fillnull fills a
            // field where it is empty and some other row has it, replace rewrites its values. A
            // field a later command reads gets the same values whether or not the rows hold the
            // other fields, so they read nothing more than what comes after them.
            const std::vector<ast::FieldName>* fields = nullptr;
            if (auto f = std::get_if<ast::FillnullCmd>(&cmd.body)) fields = &f->fields;
            else if (auto r = std::get_if<ast::ReplaceCmd>(&cmd.body)) fields = &r->fields;
            if (!fields) {
                all = true;  // a shape the parser does not give these commands
                return false;
            }
            add_all(*fields);
            for (const auto& f : *fields) writes_raw(f.name);
        } else if (n == "addtotals") {
            // Without a field list the total sums every numeric field: unknown reads.
            if (auto b = body<ast::FieldsCmd>(cmd)) {
                if (b->fields.empty()) all = true;
                add_all(b->fields);
                add(option(b->options, "fieldname"));
                add(option(b->options, "labelfield"));
            }
        } else if (n == "dedup") {
            if (auto b = body<ast::FieldsCmd>(cmd)) {
                add_all(b->fields);
                for (const auto& s : b->sortby) {
                    std::string_view name = s.name;
                    if (!name.empty() && (name[0] == '+' || name[0] == '-')) name.remove_prefix(1);
                    if (name.find('(') != std::string_view::npos) all = true;  // num(x) and the like: unsure
                    add(name);
                }
            }
        } else if (n == "sort") {
            if (auto b = body<ast::SortCmd>(cmd))
                for (const auto& k : b->keys) add(k.field);
        } else if (n == "head" || n == "tail") {
            if (auto b = body<ast::HeadCmd>(cmd)) expr(b->expr.get());
        } else if (n == "lookup") {
            if (auto b = body<ast::LookupCmd>(cmd)) lookup(*b);
        } else if (n == "rex") {
            if (auto b = body<ast::RexCmd>(cmd)) {
                const std::string field = option(b->options, "field");
                // Named groups are only written: a later read of one is listed by its reader.
                add(option(b->options, "offset_field"));
                if (field.empty() || field == "_raw") reads_raw();
                else add(field);
                if (lower(option(b->options, "mode")) == "sed") writes_raw(field.empty() ? "_raw" : field);
            }
        } else if (n == "regex") {
            if (auto b = body<ast::RegexCmd>(cmd)) {
                if (b->field.empty() || b->field == "_raw") reads_raw();
                else add(b->field);
            }
        } else if (n == "spath") {
            if (auto b = body<ast::GenericCmd>(cmd)) spath(*b);
        } else if (n == "extract") {
            reads_raw();  // key=value pairs of _raw; the names it writes are only written
        } else if (n == "xmlkv" || n == "fromjson" || n == "iplocation" || n == "makemv" || n == "mvexpand") {
            // One input field (xmlkv defaults to _raw); what they write is only written.
            if (auto b = body<ast::FieldsCmd>(cmd)) {
                if (b->fields.empty() && n == "xmlkv") reads_raw();
                else if (b->fields.empty()) all = true;
                add_all(b->fields);
            }
        } else if (n == "join") {
            // The subsearch runs by itself; this side reads the join fields. With no field list
            // the fields common to both sides are compared: unknown.
            if (auto b = body<ast::SubsearchCmd>(cmd)) {
                if (b->fields.empty()) all = true;
                add_all(b->fields);
            }
        } else if (n == "append") {
            // The subsearch runs by itself and its rows go after ours, which pass unchanged.
        } else if (n == "appendpipe") {
            // The subpipeline runs over the rows so far: it reads them like the rest of the pipeline,
            // and when it does not close, its (appended) rows show every field.
            if (auto b = body<ast::SubsearchCmd>(cmd)) {
                if (!b->subsearch || !walk(*b->subsearch)) all = true;
            }
        } else {
            // mvcombine groups by every other field, transaction's startswith/endswith are
            // expressions in text, foreach templates field names, map substitutes $field$ tokens,
            // outputlookup writes every field; tstats/inputlookup in mid-pipeline, appendcols,
            // unknown and unexpanded-macro commands: nothing here can say what they read.
            all = true;
        }
        return false;
    }
};

bool is_generating(const ast::Pipeline& p) {
    return p.leading_pipe && !p.commands.empty() && p.commands[0].name != "search";
}

}  // namespace

FieldUsage input_fields_read(const ast::Pipeline& pipeline) {
    FieldUsage usage;
    // `| tstats ...`, `| inputlookup ...`, `| makeresults`: no input events are read at all.
    if (is_generating(pipeline)) {
        usage.all = false;
        return usage;
    }
    Walker w;
    const bool closed = w.walk(pipeline);
    if (!closed || w.all) return usage;  // whole events reach the results, or unknown reads
    w.resolve_wildcard_renames();
    if (w.needs_time) w.names.emplace("_time");
    usage.all = false;
    usage.names.assign(w.names.begin(), w.names.end());
    return usage;
}

}  // namespace minispl
