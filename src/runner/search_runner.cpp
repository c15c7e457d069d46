#include "minispl/runner/search_runner.hpp"

#include "feed.hpp"
#include "minispl/compile/compiler.hpp"
#include "minispl/parse/parser.hpp"
#include "minispl/sourcetypes/sourcetype.hpp"

#include <fmt/format.h>

#include <chrono>

namespace minispl {

namespace {

//! Keeps the largest _time it sees.
class NewestTime : public Operator {
public:
    void push(Event e) override { newest = std::max(newest, e.time()); }
    void finish() override {}
    double newest = 0;
};

//! Re-points an error raised on the expanded text at the original search text.
[[noreturn]] void rethrow_mapped(SplError& e, const Expansion& x) {
    Diagnostic& d = e.diagnostic();
    auto [b, end] = x.map.to_source_range(d.offset, d.offset + std::max<uint32_t>(d.length, 1));
    std::string macro = x.map.macro_at(d.offset);
    if (!macro.empty() && d.message.find("macro") == std::string::npos)
        d.message += fmt::format(" (in the expansion of macro `{}`)", macro);
    d.offset = b;
    d.length = std::max<uint32_t>(1, end - b);
    throw;
}

//! Whether a (sub)pipeline searches the inputs: yes unless it starts with a generating
//! command. `| search ...` is still a search over the events (`[| search ...]` subsearches).
bool reads_events(const ast::Pipeline& p) {
    return !p.leading_pipe || (!p.commands.empty() && p.commands.front().name == "search");
}

}  // namespace

double newest_event_time(const SearchJob& job) {
    SourcetypeRegistry sourcetypes(default_sourcetype_dir());
    NewestTime sink;
    ReadStats ignored;
    SearchJob quiet = job;
    quiet.progress = nullptr;
    FeedPlan plan;  // every line, only _time
    plan.usage.all = false;
    plan.usage.names = {"_time"};
    feed(quiet, sourcetypes, plan, OpContext{}, sink, ignored);
    return sink.newest;
}

SearchOutcome run_search(const SearchJob& job) {
    static const MacroTable builtin_macros;
    SearchOutcome out;
    ExpandOptions opts;
    opts.filter_macro = job.filter_macro;
    out.expansion = expand_macros(job.spl, job.macros ? *job.macros : builtin_macros, opts);
    for (const Diagnostic& d : out.expansion.diagnostics)
        if (d.severity == Severity::Error) throw SplError(d);

    SourcetypeRegistry sourcetypes(default_sourcetype_dir());
    CompileContext ctx;
    ctx.op.lookup_dirs = job.lookup_dirs;
    ctx.op.lookup_output_dir = job.lookup_output_dir;
    ctx.macros = job.macros ? job.macros : &builtin_macros;  // for map's search text
    ctx.filter_macro = job.filter_macro;
    ctx.op.eval.now = job.now > 0 ? job.now
                                  : std::chrono::duration<double>(
                                        std::chrono::system_clock::now().time_since_epoch()).count();
    // A subsearch runs over the same inputs, to completion, before the search that holds it.
    ctx.run_subsearch = [&](const ast::Pipeline& sub) {
        ReadStats ignored;
        std::unique_ptr<CompiledPipeline> compiled;
        if (reads_events(sub)) {
            FeedPlan plan = plan_feed(sub, job, sourcetypes);
            CompileContext sub_ctx = ctx;
            sub_ctx.done_while_reading = plan.leading_search;
            compiled = compile_pipeline(sub, sub_ctx);
            feed(job, sourcetypes, plan, ctx.op, compiled->head(), ignored);
        } else {
            compiled = compile_pipeline(sub, ctx);
        }
        compiled->finish();
        return std::move(compiled->sink.rows);
    };

    try {
        ast::PipelinePtr pipeline = parse_search(out.expansion.text);
        FeedPlan plan = plan_feed(*pipeline, job, sourcetypes);
        CompileContext main_ctx = ctx;
        main_ctx.done_while_reading = plan.leading_search;
        auto compiled = compile_pipeline(*pipeline, main_ctx);
        if (reads_events(*pipeline)) feed(job, sourcetypes, plan, ctx.op, compiled->head(), out.read);
        compiled->finish();
        out.rows = std::move(compiled->sink.rows);
        out.returns_events = compiled->returns_events;
    } catch (SplError& e) {
        rethrow_mapped(e, out.expansion);
    }
    return out;
}

}  // namespace minispl
