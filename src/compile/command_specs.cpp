// The command table: one CommandSpec row per SPL command (include/minispl/compile/command_spec.hpp).
// A row says how to build the command (its operator is src/ops/<command>.cpp), whether it reads the
// order of its input, which input fields it reads (field projection) and what it does to the
// result fields (lint). Adding a command with its own syntax: grammar rule, AST node with its
// builder, a row here, its operator (docs/architecture.md).
#include "minispl/compile/command_spec.hpp"

#include "field_reads.hpp"
#include "field_writes.hpp"
#include "minispl/compile/compiler.hpp"
#include "minispl/compile/output_fields.hpp"
#include "minispl/core/ascii.hpp"
#include "minispl/core/diagnostic.hpp"
#include "minispl/ops/bin.hpp"
#include "minispl/ops/convert.hpp"
#include "minispl/ops/dedup.hpp"
#include "minispl/ops/eval.hpp"
#include "minispl/ops/eventstats.hpp"
#include "minispl/ops/fields.hpp"
#include "minispl/ops/fillnull.hpp"
#include "minispl/ops/head.hpp"
#include "minispl/ops/regex.hpp"
#include "minispl/ops/rename.hpp"
#include "minispl/ops/rex.hpp"
#include "minispl/ops/search.hpp"
#include "minispl/ops/sort.hpp"
#include "minispl/ops/stats.hpp"
#include "minispl/ops/streamstats.hpp"
#include "minispl/ops/table.hpp"
#include "minispl/ops/tail.hpp"
#include "minispl/ops/where.hpp"
#include "minispl/ops/extract.hpp"
#include "minispl/ops/fromjson.hpp"
#include "minispl/ops/inputlookup.hpp"
#include "minispl/ops/makeresults.hpp"
#include "minispl/ops/iplocation.hpp"
#include "minispl/ops/lookup.hpp"
#include "minispl/ops/outputlookup.hpp"
#include "minispl/ops/spath.hpp"
#include "minispl/ops/xmlkv.hpp"
#include "minispl/ops/addtotals.hpp"
#include "minispl/ops/makemv.hpp"
#include "minispl/ops/mvcombine.hpp"
#include "minispl/ops/mvexpand.hpp"
#include "minispl/ops/replace.hpp"
#include "minispl/ops/top.hpp"
#include "minispl/ops/transaction.hpp"
#include "minispl/ops/tstats.hpp"
#include "minispl/datamodels/datamodel.hpp"
#include "minispl/ops/option_util.hpp"

#include <algorithm>

namespace minispl {

ast::SearchExprPtr substitute_subsearches(const ast::SearchExpr& expr, const CompileContext& ctx);
// subpipeline_builders.cpp: commands that run other pipelines.
void add_join(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx);
void add_append(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx);
void add_appendpipe(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx);
void add_foreach(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx);
void add_map(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx);

namespace {

// ---------------------------------------------------------------------------------------------
// Builders

template <typename Body>
const Body& body_of(const ast::Command& cmd, const char* what) {
    if (const Body* b = std::get_if<Body>(&cmd.body)) return *b;
    throw SplError("internal", std::string("parser gave an unexpected shape for ") + what, cmd.span.begin);
}

template <typename Op, typename Body>
void add(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx) {
    out.append(std::make_unique<Op>(body_of<Body>(cmd, cmd.name.c_str()), ctx.op));
}

//! tstats = the dataset's records (filtered, fillnull, span) then stats over them.
void add_tstats(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx) {
    const auto& body = body_of<ast::StatsCmd>(cmd, "tstats");
    try {
        out.append(std::make_unique<TstatsRecordsOperator>(body, ctx.op));
    } catch (const SplError& e) {  // an unknown model or dataset: where `from datamodel=` names it
        if (e.diagnostic().offset || body.datamodel.empty()) throw;
        throw SplError(e.diagnostic().rule, e.diagnostic().message, body.datamodel_span.begin,
                       body.datamodel_span.end - body.datamodel_span.begin);
    }
    // The aggregation is stats' over the records: its options and span were the records' business.
    ast::StatsCmd stats;
    for (const auto& a : body.aggregations) {
        if (a.eval) throw SplError("syntax", "tstats functions take a field, not eval(...)", a.span.begin);
        stats.aggregations.push_back({a.function, a.written, a.percentile, a.field, nullptr, a.alias, a.span});
    }
    stats.by = body.by;
    out.append(std::make_unique<StatsOperator>(stats, ctx.op));
}

//! `| datamodel M D search` / `| from datamodel:M.D` (also `datamodel=`, `datamodel M.D`): the
//! dataset's events. Other datamodel modes (`flat`, `acceleration_search`, none: the model's JSON)
//! are refused.
void add_datamodel_search(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx) {
    const auto& body = body_of<ast::GenericCmd>(cmd, cmd.name.c_str());
    std::vector<std::string> words;
    for (const auto& a : body.args) {
        if (a.kind == ast::GenericCmd::Arg::Kind::Option) {
            if (lower(a.text) != "datamodel") throw SplError("unsupported", cmd.name + ": option " + a.text + " is not supported", a.span.begin);
            words.push_back(a.value);
        } else if (a.kind == ast::GenericCmd::Arg::Kind::Word || a.kind == ast::GenericCmd::Arg::Kind::Quoted) {
            words.push_back(a.text);
        } else {
            throw SplError("unsupported", cmd.name + ": this argument is not supported", a.span.begin);
        }
    }
    std::string target;
    if (cmd.name == "from") {
        // from datamodel:M.D | from datamodel M.D
        std::string all;
        for (const auto& w : words) all += (all.empty() ? "" : " ") + w;
        if (lower(all.substr(0, 9)) != "datamodel")
            throw SplError("unsupported", "from: only `from datamodel:<model>.<dataset>` is supported", cmd.span.begin);
        target = all.substr(9);
        while (!target.empty() && (target[0] == ':' || target[0] == ' ' || target[0] == '=' || target[0] == '"')) target.erase(0, 1);
        while (!target.empty() && (target.back() == '"' || target.back() == ' ')) target.pop_back();
    } else {
        // datamodel M D search | datamodel M.D search
        if (words.empty() || lower(words.back()) != "search")
            throw SplError("unsupported", "datamodel: only `| datamodel <model> <dataset> search` is supported",
                           cmd.span.begin, cmd.span.end - cmd.span.begin);
        words.pop_back();
        for (const auto& w : words) target += (target.empty() ? "" : ".") + w;
    }
    try {
        const DataModelRegistry& reg = ctx.op.datamodels ? *ctx.op.datamodels : default_datamodels();
        auto [model, dataset] = find_dataset(reg, target);
        out.append(std::make_unique<DatamodelSearchOperator>(*model, *dataset, ctx.op));
    } catch (const SplError& e) {
        if (e.diagnostic().offset) throw;
        throw SplError(e.diagnostic().rule, e.diagnostic().message, cmd.span.begin, cmd.span.end - cmd.span.begin);
    }
}

void add_search(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx) {
    const auto& body = body_of<ast::SearchCmd>(cmd, "search");
    if (!has_subsearch(body.expr.get())) {
        out.append(std::make_unique<SearchOperator>(body, ctx.op));
        return;
    }
    ast::SearchCmd resolved;
    resolved.expr = substitute_subsearches(*body.expr, ctx);
    out.append(std::make_unique<SearchOperator>(resolved, ctx.op));
}

void add_rare(CompiledPipeline& out, const ast::Command& cmd, const CompileContext& ctx) {
    out.append(std::make_unique<TopOperator>(body_of<ast::TopCmd>(cmd, "rare"), ctx.op, true));
}

// ---------------------------------------------------------------------------------------------
// Field reads (FieldReads) and writes (FieldWrites) shared by several rows. A row's own are
// lambdas in the row.

using Reads = bool (*)(FieldReads&, const ast::Command&);
using Writes = void (*)(FieldWrites&, const ast::Command&);

bool reads_nothing(FieldReads&, const ast::Command&) { return false; }

bool reads_closing_stats(FieldReads& r, const ast::Command& c) {
    if (auto b = r.body<ast::StatsCmd>(c)) r.stats(*b, true);
    return true;
}
//! tstats over a data model reads what its records are made of (DatasetRecords::event_fields_read
//! once kept to the fields where/by/aggregations read): the constraints' fields (tag: the
//! sourcetype projection then adds the eventtypes' fields), the inputs of the evals and of the
//! calculated fields that are needed, the copied fields, the base-search mvexpand field, and
//! _time, host, source, sourcetype, index. The registry is default_datamodels(), the one a
//! run's operators use (run_search leaves OpContext::datamodels unset). An unknown model reads
//! everything (compile then reports it). Without a data model: the fields it names.
bool reads_tstats(FieldReads& r, const ast::Command& c) {
    const auto* b = r.body<ast::StatsCmd>(c);
    if (!b) return true;
    if (b->datamodel.empty()) {
        r.stats(*b, true);
        r.search(b->where.get());
        r.needs_time = true;
        return true;
    }
    try {
        auto [model, dataset] = find_dataset(default_datamodels(), b->datamodel);
        DatasetRecords records(*model, *dataset);
        if (auto wanted = tstats_record_fields(*b)) records.keep_only(*wanted);
        for (const auto& f : records.event_fields_read()) r.add(f);
    } catch (const SplError&) {
        r.all = true;
        return true;
    }
    r.needs_time = true;
    for (const char* f : {"host", "source", "sourcetype", "index"}) r.add(f);
    return true;
}
bool reads_streaming_stats(FieldReads& r, const ast::Command& c) {
    if (auto b = r.body<ast::StatsCmd>(c)) r.stats(*b, false);
    return false;
}
bool reads_top(FieldReads& r, const ast::Command& c) {
    if (auto b = r.body<ast::TopCmd>(c)) {
        r.add_all(b->fields);
        r.add_all(b->by);
    }
    return true;
}
bool reads_bin(FieldReads& r, const ast::Command& c) {
    if (auto b = r.body<ast::BinCmd>(c)) {
        if (b->field.name.empty()) r.needs_time = true;  // bin span=... bins _time
        r.add(b->field.name);
        r.add(b->alias);
    }
    return false;
}
//! fillnull / replace. Without a field list they change each non-internal field by itself: fillnull
//! fills a field where it is empty and some other row has it, replace rewrites its values. A field
//! a later command reads gets the same values whether or not the rows hold the other fields, so
//! they read nothing more than what comes after them.
template <typename Body>
bool reads_field_rewrite(FieldReads& r, const ast::Command& c) {
    if (auto b = r.body<Body>(c)) {
        r.add_all(b->fields);
        for (const auto& f : b->fields) r.writes_raw(f.name);
    }
    return false;
}
bool reads_head(FieldReads& r, const ast::Command& c) {
    if (auto b = r.body<ast::HeadCmd>(c)) r.expr(b->expr.get());
    return false;
}
//! One input field (xmlkv defaults to _raw); what these write is only written.
template <bool DefaultRaw>
bool reads_one_field(FieldReads& r, const ast::Command& c) {
    if (auto b = r.body<ast::FieldsCmd>(c)) {
        if (b->fields.empty() && DefaultRaw) r.reads_raw();
        else if (b->fields.empty()) r.all = true;
        r.add_all(b->fields);
    }
    return false;
}

//! The command does not change which fields the results have (rows change, fields do not).
template <typename... Bodies>
void keeps_fields(FieldWrites& w, const ast::Command& c) {
    if (!(std::holds_alternative<Bodies>(c.body) || ...)) w.unknown();
}
void writes_stats(FieldWrites& w, const ast::Command& c) {
    if (auto b = w.body<ast::StatsCmd>(c)) w.aggregations(*b, true);
}
void writes_streaming_stats(FieldWrites& w, const ast::Command& c) {
    if (auto b = w.body<ast::StatsCmd>(c)) w.aggregations(*b, false);
}
void writes_bin(FieldWrites& w, const ast::Command& c) {
    if (auto b = w.body<ast::BinCmd>(c))
        if (!b->alias.empty()) w.add(b->alias);
}

//! A name Splunk has and minispl does not run: only lint's unknown-command needs it.
constexpr CommandSpec known(std::string_view name) { return CommandSpec{.name = name}; }

constexpr OrderUse Ignores = OrderUse::Ignores, Reads_ = OrderUse::Reads, IfAggregates = OrderUse::ReadsIfAggregates;

// Sorted by name (find_command searches it; a test checks the order).
const CommandSpec kCommands[] = {
    known("abstract"),
    known("accum"),
    known("addcoltotals"),
    known("addinfo"),
    {.name = "addtotals", .build = add<AddtotalsOperator, ast::FieldsCmd>, .order = Ignores,
     .reads = [](FieldReads& r, const ast::Command& c) {
         // Without a field list the total sums every numeric field: unknown reads.
         if (auto b = r.body<ast::FieldsCmd>(c)) {
             if (b->fields.empty()) r.all = true;
             r.add_all(b->fields);
             r.add(FieldReads::option(b->options, "fieldname"));
             r.add(FieldReads::option(b->options, "labelfield"));
         }
         return false;
     }},
    known("analyzefields"),
    known("anomalies"),
    known("anomalousvalue"),
    known("anomalydetection"),
    // What append/appendpipe add goes after the (ordered) results, so the results are ordered
    // before them and not re-sorted after.
    {.name = "append", .build = add_append, .order = Reads_,
     // The subsearch runs by itself and its rows go after ours, which pass unchanged.
     .reads = reads_nothing},
    known("appendcols"),
    {.name = "appendpipe", .build = add_appendpipe, .order = Reads_,
     .reads = [](FieldReads& r, const ast::Command& c) {
         // The subpipeline runs over the rows so far: it reads them like the rest of the pipeline,
         // and when it does not close, its (appended) rows show every field.
         if (auto b = r.body<ast::SubsearchCmd>(c))
             if (!b->subsearch || !r.walk(*b->subsearch)) r.all = true;
         return false;
     }},
    known("apply"),
    known("arules"),
    known("associate"),
    known("autoregress"),
    {.name = "bin", .build = add<BinOperator, ast::BinCmd>, .order = Ignores, .reads = reads_bin, .writes = writes_bin},
    {.name = "bucket", .build = add<BinOperator, ast::BinCmd>, .order = Ignores, .reads = reads_bin,
     .writes = writes_bin},
    {.name = "chart", .order = IfAggregates, .replaces_order = true, .reads = reads_closing_stats},
    known("cluster"),
    known("collect"),
    known("concurrency"),
    known("contingency"),
    {.name = "convert", .build = add<ConvertOperator, ast::ConvertCmd>, .order = Ignores,
     .reads = [](FieldReads& r, const ast::Command& c) {
         if (auto b = r.body<ast::ConvertCmd>(c))
             for (const auto& cv : b->conversions) {
                 r.add(cv.field.name);
                 r.add(cv.alias);
                 r.writes_raw(cv.field.name);
                 r.writes_raw(cv.alias);
             }
         return false;
     },
     .writes = [](FieldWrites& w, const ast::Command& c) {
         if (auto b = w.body<ast::ConvertCmd>(c))
             for (const auto& x : b->conversions)
                 if (!x.alias.empty()) w.add(x.alias);
     }},
    known("cyberchef"),
    {.name = "datamodel", .build = add_datamodel_search, .order = Ignores, .indexed_data = true},
    {.name = "dedup", .build = add<DedupOperator, ast::FieldsCmd>, .order = Reads_,
     .reads = [](FieldReads& r, const ast::Command& c) {
         if (auto b = r.body<ast::FieldsCmd>(c)) {
             r.add_all(b->fields);
             for (const auto& s : b->sortby) {
                 std::string_view name = s.name;
                 if (!name.empty() && (name[0] == '+' || name[0] == '-')) name.remove_prefix(1);
                 if (name.find('(') != std::string_view::npos) r.all = true;  // num(x) and the like: unsure
                 r.add(name);
             }
         }
         return false;
     },
     .writes = keeps_fields<ast::FieldsCmd>},
    known("delta"),
    {.name = "discretize", .writes = writes_bin},
    {.name = "eval", .build = add<EvalOperator, ast::EvalCmd>, .order = Ignores,
     .reads = [](FieldReads& r, const ast::Command& c) {
         if (auto b = r.body<ast::EvalCmd>(c))
             for (const auto& a : b->assignments) {
                 r.add(a.field);
                 r.writes_raw(a.field);
                 r.expr(a.expr.get());
             }
         return false;
     },
     .writes = [](FieldWrites& w, const ast::Command& c) {
         if (auto b = w.body<ast::EvalCmd>(c))
             for (const auto& a : b->assignments) w.add(a.field);
     }},
    known("eventcount"),
    {.name = "eventstats", .build = add<EventStatsOperator, ast::StatsCmd>, .order = IfAggregates,
     .reads = reads_streaming_stats, .writes = writes_streaming_stats, .wildcard_aggregations = true},
    {.name = "extract", .build = add<ExtractOperator, ast::GenericCmd>, .order = Ignores,
     .reads = [](FieldReads& r, const ast::Command&) {
         r.reads_raw();  // key=value pairs of _raw; the names it writes are only written
         return false;
     }},
    known("fieldformat"),
    // table/fields may drop _time, after which the order could no longer be restored.
    {.name = "fields", .build = add<FieldsOperator, ast::FieldsCmd>, .order = Reads_,
     .reads = [](FieldReads& r, const ast::Command& c) {
         auto b = r.body<ast::FieldsCmd>(c);
         if (!b) return false;
         r.add_all(b->fields);
         if (b->remove) {
             for (const auto& f : b->fields) r.writes_raw(f.name);
             return false;
         }
         r.names.emplace("_raw");  // `fields a b` keeps _raw and _time (src/ops/fields.cpp)
         return true;
     },
     .writes = [](FieldWrites& w, const ast::Command& c) {
         if (auto b = w.body<ast::FieldsCmd>(c)) b->remove ? w.remove(b->fields) : w.keep(b->fields);
     }},
    known("fieldsummary"),
    known("filldown"),
    {.name = "fillnull", .build = add<FillnullOperator, ast::FillnullCmd>, .order = Ignores,
     .reads = reads_field_rewrite<ast::FillnullCmd>,
     .writes = [](FieldWrites& w, const ast::Command& c) {
         if (auto b = w.body<ast::FillnullCmd>(c))
             for (const auto& x : b->fields) w.add(x.name);
     }},
    known("fit"),
    {.name = "foreach", .build = add_foreach, .order = Ignores},
    known("format"),
    {.name = "from", .build = add_datamodel_search, .order = Ignores, .indexed_data = true},
    {.name = "fromjson", .build = add<FromjsonOperator, ast::FieldsCmd>, .order = Ignores,
     .reads = reads_one_field<false>},
    {.name = "head", .build = add<HeadOperator, ast::HeadCmd>, .order = Reads_, .reads = reads_head,
     .writes = keeps_fields<ast::HeadCmd>},
    known("inputcsv"),
    {.name = "inputlookup", .build = add<InputlookupOperator, ast::LookupTableCmd>, .order = Ignores,
     .replaces_order = true, .lookup_table = LookupTableUse::Reads},
    {.name = "iplocation", .build = add<IplocationOperator, ast::FieldsCmd>, .order = Ignores,
     .reads = reads_one_field<false>},
    {.name = "join", .build = add_join, .order = Ignores,
     .reads = [](FieldReads& r, const ast::Command& c) {
         // The subsearch runs by itself; this side reads the join fields. With no field list
         // the fields common to both sides are compared: unknown.
         if (auto b = r.body<ast::SubsearchCmd>(c)) {
             if (b->fields.empty()) r.all = true;
             r.add_all(b->fields);
         }
         return false;
     }},
    known("kv"),
    known("kvform"),
    {.name = "loadjob", .first_only = true,
     .why_not = "it reads the results of a search job saved on a Splunk server"},
    {.name = "lookup", .build = add<LookupOperator, ast::LookupCmd>, .order = Ignores,
     .reads = [](FieldReads& r, const ast::Command& c) {
         if (auto b = r.body<ast::LookupCmd>(c)) r.lookup(*b);
         return false;
     },
     .writes = [](FieldWrites& w, const ast::Command& c) {
         if (auto b = w.body<ast::LookupCmd>(c)) {
             if (b->outputs.empty()) w.unknown();  // every column of the table
             for (const auto& o : b->outputs) w.add(o.as.name.empty() ? o.field.name : o.as.name);
         }
     },
     .lookup_table = LookupTableUse::Reads},
    known("makejson"),
    {.name = "makemv", .build = add<MakemvOperator, ast::FieldsCmd>, .order = Ignores,
     .reads = reads_one_field<false>, .writes = keeps_fields<ast::FieldsCmd, ast::GenericCmd>},
    {.name = "makeresults", .build = add<MakeresultsOperator, ast::GenericCmd>, .order = Ignores,
     .replaces_order = true, .reads = reads_nothing, .first_only = true},
    // maxsearches takes the first rows.
    {.name = "map", .build = add_map, .order = Reads_},
    {.name = "mcatalog", .first_only = true, .why_not = "it reads a Splunk metrics index's catalog"},
    {.name = "metadata", .first_only = true, .why_not = "it reads a Splunk index's metadata"},
    {.name = "metasearch", .first_only = true, .why_not = "it reads a Splunk index's metadata"},
    {.name = "mstats", .order = IfAggregates, .replaces_order = true, .writes = writes_stats, .indexed_data = true,
     .first_only = true, .why_not = "it reads a metrics index, which raw events do not make"},
    known("multikv"),
    known("multisearch"),
    {.name = "mvcombine", .build = add<MvcombineOperator, ast::FieldsCmd>, .order = Reads_,
     .writes = keeps_fields<ast::FieldsCmd>},
    {.name = "mvexpand", .build = add<MvexpandOperator, ast::FieldsCmd>, .order = Ignores,
     .reads = reads_one_field<false>, .writes = keeps_fields<ast::FieldsCmd, ast::GenericCmd>},
    {.name = "nomv", .writes = keeps_fields<ast::GenericCmd>},
    known("outlier"),
    known("outputcsv"),
    {.name = "outputlookup", .build = add<OutputlookupOperator, ast::LookupTableCmd>, .order = Ignores,
     .lookup_table = LookupTableUse::Creates},
    {.name = "pivot", .indexed_data = true},
    {.name = "rare", .build = add_rare, .order = Reads_, .replaces_order = true, .reads = reads_top},
    {.name = "regex", .build = add<RegexOperator, ast::RegexCmd>, .order = Ignores,
     .reads = [](FieldReads& r, const ast::Command& c) {
         if (auto b = r.body<ast::RegexCmd>(c)) {
             if (b->field.empty() || b->field == "_raw") r.reads_raw();
             else r.add(b->field);
         }
         return false;
     },
     .writes = keeps_fields<ast::RegexCmd>},
    {.name = "rename", .build = add<RenameOperator, ast::RenameCmd>, .order = Ignores,
     .reads = [](FieldReads& r, const ast::Command& c) {
         if (auto b = r.body<ast::RenameCmd>(c))
             for (const auto& p : b->pairs) r.rename(p.from.name, p.to.name);
         return false;
     },
     .writes = [](FieldWrites& w, const ast::Command& c) {
         if (auto b = w.body<ast::RenameCmd>(c))
             for (const auto& p : b->pairs) w.rename(p.from.name, p.to.name);
     }},
    {.name = "replace", .build = add<ReplaceOperator, ast::ReplaceCmd>, .order = Ignores,
     .reads = reads_field_rewrite<ast::ReplaceCmd>},
    {.name = "rest", .first_only = true,
     .why_not = "it asks a Splunk server's REST API, and offline there is no Splunk server"},
    {.name = "reverse", .writes = keeps_fields<ast::FieldsCmd>},
    {.name = "rex", .build = add<RexOperator, ast::RexCmd>, .order = Ignores,
     .reads = [](FieldReads& r, const ast::Command& c) {
         if (auto b = r.body<ast::RexCmd>(c)) {
             const std::string field = FieldReads::option(b->options, "field");
             // Named groups are only written: a later read of one is listed by its reader.
             r.add(FieldReads::option(b->options, "offset_field"));
             if (field.empty() || field == "_raw") r.reads_raw();
             else r.add(field);
             if (opt::lower(FieldReads::option(b->options, "mode")) == "sed")
                 r.writes_raw(field.empty() ? "_raw" : field);
         }
         return false;
     },
     .writes = [](FieldWrites& w, const ast::Command& c) {
         if (auto b = w.body<ast::RexCmd>(c)) {
             bool sed = false;
             for (const auto& o : b->options)
                 if (o.key == "mode" && o.value == "sed") sed = true;
             if (!sed)
                 for (const auto& g : rex_group_names(b->regex)) w.add(g);
         }
     }},
    {.name = "search", .build = add_search, .order = Ignores,
     .reads = [](FieldReads& r, const ast::Command& c) {
         if (auto b = r.body<ast::SearchCmd>(c)) r.search(b->expr.get());
         return false;
     },
     .writes = keeps_fields<ast::SearchCmd>},
    {.name = "sort", .build = add<SortOperator, ast::SortCmd>, .order = Ignores, .replaces_order = true,
     .reads = [](FieldReads& r, const ast::Command& c) {
         if (auto b = r.body<ast::SortCmd>(c))
             for (const auto& k : b->keys) r.add(k.field);
         return false;
     },
     .writes = keeps_fields<ast::SortCmd>},
    {.name = "spath", .build = add<SpathOperator, ast::GenericCmd>, .order = Ignores,
     .reads = [](FieldReads& r, const ast::Command& c) {
         if (auto b = r.body<ast::GenericCmd>(c)) r.spath(*b);
         return false;
     }},
    {.name = "stats", .build = add<StatsOperator, ast::StatsCmd>, .order = IfAggregates, .replaces_order = true,
     .reads = reads_closing_stats, .writes = writes_stats, .wildcard_aggregations = true},
    {.name = "streamstats", .build = add<StreamStatsOperator, ast::StatsCmd>, .order = Reads_,
     .reads = reads_streaming_stats, .writes = writes_streaming_stats},
    known("summary"),
    {.name = "table", .build = add<TableOperator, ast::FieldsCmd>, .order = Reads_,
     .reads = [](FieldReads& r, const ast::Command& c) {
         if (auto b = r.body<ast::FieldsCmd>(c)) r.add_all(b->fields);  // `table a*`: all
         return true;
     },
     .writes = [](FieldWrites& w, const ast::Command& c) {
         if (auto b = w.body<ast::FieldsCmd>(c)) w.keep(b->fields);
     }},
    {.name = "tail", .build = add<TailOperator, ast::HeadCmd>, .order = Reads_, .reads = reads_head,
     .writes = keeps_fields<ast::HeadCmd>},
    {.name = "timechart", .order = IfAggregates, .replaces_order = true,
     .reads = [](FieldReads& r, const ast::Command& c) {
         r.needs_time = true;  // it buckets by _time
         return reads_closing_stats(r, c);
     },
     .writes = [](FieldWrites& w, const ast::Command& c) {
         auto b = w.body<ast::StatsCmd>(c);
         if (!b) return;
         if (!b->by.empty()) return w.unknown();  // a column per value of the split field
         w.replace({"_time"});
         w.aggregations(*b, false);
     }},
    {.name = "top", .build = add<TopOperator, ast::TopCmd>, .order = Reads_, .replaces_order = true,
     .reads = reads_top},
    {.name = "transaction", .build = add<TransactionOperator, ast::TransactionCmd>, .order = Reads_},
    known("transpose"),
    {.name = "tstats", .build = add_tstats, .order = IfAggregates, .replaces_order = true, .reads = reads_tstats,
     .writes = writes_stats,
     .indexed_data = true},
    known("typeahead"),
    {.name = "uniq", .writes = keeps_fields<ast::FieldsCmd>},
    known("untable"),
    {.name = "where", .build = add<WhereOperator, ast::WhereCmd>, .order = Ignores,
     .reads = [](FieldReads& r, const ast::Command& c) {
         if (auto b = r.body<ast::WhereCmd>(c)) r.expr(b->expr.get());
         return false;
     },
     .writes = keeps_fields<ast::WhereCmd>},
    {.name = "xmlkv", .build = add<XmlkvOperator, ast::FieldsCmd>, .order = Ignores, .reads = reads_one_field<true>},
    known("xpath"),
    known("xyseries"),
};

bool aggregates_in_order(const ast::StatsCmd& s) {
    for (const auto& a : s.aggregations)
        if (a.function == "first" || a.function == "last" || a.function == "list") return true;
    return false;
}

}  // namespace

std::span<const CommandSpec> command_specs() { return kCommands; }

const CommandSpec* find_command(std::string_view name) {
    auto it = std::lower_bound(std::begin(kCommands), std::end(kCommands), name,
                               [](const CommandSpec& s, std::string_view n) { return s.name < n; });
    return it != std::end(kCommands) && it->name == name ? &*it : nullptr;
}

bool is_known_command(std::string_view name) { return find_command(name) != nullptr; }

std::string_view why_not(std::string_view name) {
    const CommandSpec* s = find_command(name);
    return s ? s->why_not : std::string_view();
}

std::string unsupported_reason(std::string_view name) {
    std::string r = "minispl does not run " + std::string(name);
    if (std::string_view why = why_not(name); !why.empty()) r += ": " + std::string(why);
    return r;
}

bool is_supported_command(std::string_view name) {
    const CommandSpec* s = find_command(name);
    return s && s->build;
}

bool reads_input_order(const ast::Command& cmd) {
    const CommandSpec* s = find_command(cmd.name);
    if (!s) return false;
    switch (s->order) {
        case OrderUse::Reads: return true;
        case OrderUse::ReadsIfAggregates:
            if (const auto* st = std::get_if<ast::StatsCmd>(&cmd.body)) return aggregates_in_order(*st);
            return false;
        case OrderUse::Ignores:
        case OrderUse::Unset: return false;
    }
    return false;
}

bool replaces_input_order(const ast::Command& cmd) {
    const CommandSpec* s = find_command(cmd.name);
    return s && s->replaces_order;
}

}  // namespace minispl
