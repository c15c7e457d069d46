#include "minispl/runner/search_runner.hpp"

#include "event_prep.hpp"
#include "feed.hpp"
#include "minispl/compile/compiler.hpp"
#include "minispl/eval/regex.hpp"
#include "minispl/parse/parser.hpp"
#include "minispl/sourcetypes/sourcetype.hpp"

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <unistd.h>

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

const SourcetypeRegistry& sourcetypes_of(const SearchJob& job) {
    return job.sourcetypes ? *job.sourcetypes : default_sourcetypes();
}

//! What compile may use to plan the input: the job's switches and the fields its inputs'
//! sourcetypes derive.
InputOptions input_options(const SearchJob& job, const SourcetypeRegistry& sourcetypes) {
    InputOptions o;
    o.field_projection = job.field_projection;
    o.raw_prefilter = job.raw_prefilter;
    if (o.raw_prefilter)
        for (const InputSpec& in : job.inputs) {
            for (auto& f : sourcetypes.resolve(in.sourcetype, input_source(in), in.host)->defined_fields())
                o.derived_fields.insert(f);
            // Only used where the reader resolves stanzas per event (EventPrep decides, by format).
            for (const auto& st : sourcetypes.candidates(in.sourcetype))
                for (auto& f : st->defined_fields()) o.per_event_derived_fields.insert(f);
        }
    return o;
}

//! A search that reads events with no input given says so, rather than returning nothing.
void require_input(const SearchJob& job, const CompiledSearch& compiled) {
    if (compiled.input.reads_events && job.inputs.empty())
        throw SplError("no-input",
                       "the search reads events and no input was given: name event files with --input, or "
                       "start the search with a generating command (| makeresults, | inputlookup)");
}

}  // namespace

const SourcetypeRegistry& default_sourcetypes() {
    // One registry per directory, kept for the life of the process (searches hold references to
    // it): $MINISPL_SOURCETYPES may name another directory later on (tests do).
    static std::mutex mu;
    static std::map<std::filesystem::path, std::unique_ptr<const SourcetypeRegistry>> loaded;
    const std::filesystem::path dir = default_sourcetype_dir();
    std::lock_guard lk(mu);
    auto& slot = loaded[dir];
    if (!slot) slot = std::make_unique<const SourcetypeRegistry>(dir);
    return *slot;
}

double newest_event_time(const SearchJob& job) {
    const SourcetypeRegistry& sourcetypes = sourcetypes_of(job);
    NewestTime sink;
    ReadStats ignored;
    SearchJob quiet = job;
    quiet.progress = nullptr;
    feed(quiet, sourcetypes, time_only_input(), OpContext{}, sink, ignored);
    return sink.newest;
}

ScratchLookups::ScratchLookups() {
    static std::atomic<uint64_t> next{0};
    dir = std::filesystem::temp_directory_path() / fmt::format("minispl-lookups-{}-{}", ::getpid(), next++);
}

ScratchLookups::~ScratchLookups() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}

SearchOutcome run_search(const SearchJob& job) {
    static const MacroTable builtin_macros;
    SearchOutcome out;
    ExpandOptions opts;
    opts.filter_macro = job.filter_macro;
    out.expansion = expand_macros(job.spl, job.macros ? *job.macros : builtin_macros, opts);
    for (const Diagnostic& d : out.expansion.diagnostics)
        if (d.severity == Severity::Error) throw SplError(d);

    const SourcetypeRegistry& sourcetypes = sourcetypes_of(job);
    const InputOptions input = input_options(job, sourcetypes);
    CompileContext ctx;
    ctx.op.lookup_dirs = job.lookup_dirs;
    std::optional<ScratchLookups> scratch;
    if (job.lookup_output_dir.empty() && !job.write_pack_lookups) scratch.emplace();
    ctx.op.lookup_output_dir = scratch ? scratch->dir : job.lookup_output_dir;
    Notices notices;
    ctx.op.limits = job.limits;
    ctx.op.notices = &notices;
    set_regex_limits(job.limits.rex_match_limit, job.limits.rex_depth_limit);
    set_max_record_bytes(job.limits.max_event_bytes);
    ctx.macros = job.macros ? job.macros : &builtin_macros;  // for map's search text
    ctx.filter_macro = job.filter_macro;
    ctx.op.eval.now = job.now > 0 ? job.now
                                  : std::chrono::duration<double>(
                                        std::chrono::system_clock::now().time_since_epoch()).count();
    // A subsearch runs over the same inputs, to completion, before the search that holds it.
    ctx.run_subsearch = [&](const ast::Pipeline& sub) {
        ReadStats ignored;
        CompiledSearch compiled = compile_search(sub, ctx, input);
        require_input(job, compiled);
        if (compiled.input.reads_events)
            feed(job, sourcetypes, compiled.input, ctx.op, compiled.pipeline->head(), ignored);
        compiled.pipeline->finish();
        return std::move(compiled.pipeline->sink.rows);
    };

    try {
        ast::PipelinePtr pipeline = parse_search(out.expansion.text);
        CompiledSearch compiled = compile_search(*pipeline, ctx, input);
        require_input(job, compiled);
        if (compiled.input.reads_events)
            feed(job, sourcetypes, compiled.input, ctx.op, compiled.pipeline->head(), out.read);
        compiled.pipeline->finish();
        out.rows = std::move(compiled.pipeline->sink.rows);
        out.returns_events = compiled.pipeline->returns_events;
        out.notices = notices.take();
    } catch (SplError& e) {
        rethrow_mapped(e, out.expansion);
    }
    return out;
}

}  // namespace minispl
