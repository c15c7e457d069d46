#include "minispl/runner/search_runner.hpp"

#include "minispl/compile/compiler.hpp"
#include "minispl/io/json_flatten.hpp"
#include "minispl/parse/parser.hpp"
#include "minispl/sourcetypes/sourcetype.hpp"

#include <fmt/format.h>

#include <chrono>
#include <system_error>

namespace minispl {

namespace {

uint64_t total_size(const std::vector<InputSpec>& inputs) {
    uint64_t total = 0;
    for (const auto& in : inputs) {
        std::error_code ec;
        auto n = std::filesystem::file_size(in.file, ec);
        if (!ec) total += n;
    }
    return total;
}

//! Streams every input's events, with metadata and sourcetype fields, into `head`.
void feed(const SearchJob& job, const SourcetypeRegistry& sourcetypes, Operator& head, ReadStats& stats) {
    const uint64_t total = total_size(job.inputs);
    uint64_t done_before = 0;
    for (const InputSpec& in : job.inputs) {
        const Sourcetype& st = sourcetypes.get(in.sourcetype);
        const std::string source = in.source.empty() ? in.file.string() : in.source;
        const std::string sourcetype = in.sourcetype.empty() ? st.name() : in.sourcetype;
        ReadStats file_stats;
        uint64_t n = 0;
        read_events(
            in.file,
            [&](std::string_view json, uint64_t line) {
                Event e;
                if (!flatten_json(json, e)) {
                    ++file_stats.bad_records;
                    return;
                }
                e.set("_raw", Value::string(std::string(json)));
                e.set("source", Value::string(source));
                e.set("sourcetype", Value::string(sourcetype));
                e.set("host", Value::string(in.host));
                e.set("index", Value::string(in.index));
                st.apply(e);
                head.push(std::move(e));
                if (job.progress && (++n & 0x3fff) == 0) job.progress(done_before + file_stats.bytes, total);
            },
            file_stats);
        done_before += file_stats.bytes;
        stats.events += file_stats.events;
        stats.bad_records += file_stats.bad_records;
        stats.bytes += file_stats.bytes;
        for (auto& p : file_stats.problems)
            if (stats.problems.size() < 20) stats.problems.push_back(std::move(p));
    }
    if (job.progress) job.progress(total, total);
}

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
    feed(quiet, sourcetypes, sink, ignored);
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
    ctx.macros = job.macros ? job.macros : &builtin_macros;  // for map's search text
    ctx.filter_macro = job.filter_macro;
    ctx.op.eval.now = job.now > 0 ? job.now
                                  : std::chrono::duration<double>(
                                        std::chrono::system_clock::now().time_since_epoch()).count();
    // A subsearch runs over the same inputs, to completion, before the search that holds it.
    ctx.run_subsearch = [&](const ast::Pipeline& sub) {
        auto compiled = compile_pipeline(sub, ctx);
        ReadStats ignored;
        if (reads_events(sub)) feed(job, sourcetypes, compiled->head(), ignored);
        compiled->finish();
        return std::move(compiled->sink.rows);
    };

    try {
        ast::PipelinePtr pipeline = parse_search(out.expansion.text);
        auto compiled = compile_pipeline(*pipeline, ctx);
        feed(job, sourcetypes, compiled->head(), out.read);
        compiled->finish();
        out.rows = std::move(compiled->sink.rows);
        out.returns_events = compiled->returns_events;
    } catch (SplError& e) {
        rethrow_mapped(e, out.expansion);
    }
    return out;
}

}  // namespace minispl
