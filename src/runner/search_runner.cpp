#include "minispl/runner/search_runner.hpp"

#include "minispl/compile/compiler.hpp"
#include "minispl/compile/raw_prefilter.hpp"
#include "minispl/io/json_flatten.hpp"
#include "minispl/parse/parser.hpp"
#include "minispl/sourcetypes/sourcetype.hpp"

#include <fmt/format.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <set>
#include <system_error>
#include <thread>

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

// Lines go from a reader thread (read, prefilter, JSON flattening) to the calling thread
// (metadata, sourcetype fields, operators) in batches through a small bounded queue.
struct Batch {
    size_t input = 0;            // index into job.inputs
    uint64_t bytes_done = 0;     // for progress
    std::vector<Event> events;
};
constexpr size_t kBatchEvents = 256;
constexpr size_t kQueueBatches = 8;

class BatchQueue {
public:
    // false when the consumer has stopped
    bool put(Batch&& b) {
        std::unique_lock lk(mu_);
        not_full_.wait(lk, [&] { return q_.size() < kQueueBatches || stopped_; });
        if (stopped_) return false;
        q_.push_back(std::move(b));
        not_empty_.notify_one();
        return true;
    }
    void close() {
        std::lock_guard lk(mu_);
        closed_ = true;
        not_empty_.notify_one();
    }
    void stop() {
        std::lock_guard lk(mu_);
        stopped_ = true;
        not_full_.notify_one();
    }
    // false at the end
    bool get(Batch& out) {
        std::unique_lock lk(mu_);
        not_empty_.wait(lk, [&] { return !q_.empty() || closed_; });
        if (q_.empty()) return false;
        out = std::move(q_.front());
        q_.pop_front();
        not_full_.notify_one();
        return true;
    }

private:
    std::mutex mu_;
    std::condition_variable not_full_, not_empty_;
    std::deque<Batch> q_;
    bool closed_ = false, stopped_ = false;
};

struct StopReading {};

//! Streams every input's events, with metadata and sourcetype fields, into `head`. Lines the
//! prefilter rejects are skipped unparsed.
void feed(const SearchJob& job, const SourcetypeRegistry& sourcetypes, Operator& head, ReadStats& stats,
          const RawPrefilter* prefilter = nullptr) {
    const uint64_t total = total_size(job.inputs);
    struct Meta {
        const Sourcetype* st;
        Value source, sourcetype, host, index;
    };
    std::vector<Meta> meta;
    for (const InputSpec& in : job.inputs) {
        const Sourcetype& st = sourcetypes.get(in.sourcetype);
        meta.push_back({&st, Value::string(in.source.empty() ? in.file.string() : in.source),
                        Value::string(in.sourcetype.empty() ? st.name() : in.sourcetype), Value::string(in.host),
                        Value::string(in.index)});
    }
    BatchQueue queue;
    std::exception_ptr reader_error;
    ReadStats read_stats;
    std::thread reader([&] {
        try {
            uint64_t done_before = 0;
            RawFilter keep;
            if (prefilter && !prefilter->empty())
                keep = [prefilter](std::string_view json) { return prefilter->may_match(json); };
            for (size_t i = 0; i < job.inputs.size(); ++i) {
                ReadStats file_stats;
                Batch batch;
                batch.input = i;
                batch.events.reserve(kBatchEvents);
                read_flat_events(
                    job.inputs[i].file,
                    [&](Event& e, uint64_t) {
                        const Meta& m = meta[i];
                        e.set("source", m.source);
                        e.set("sourcetype", m.sourcetype);
                        e.set("host", m.host);
                        e.set("index", m.index);
                        batch.events.push_back(std::move(e));
                        if (batch.events.size() == kBatchEvents) {
                            batch.bytes_done = done_before + file_stats.bytes;
                            if (!queue.put(std::move(batch))) throw StopReading{};
                            batch = Batch{};
                            batch.input = i;
                            batch.events.reserve(kBatchEvents);
                        }
                    },
                    file_stats, keep);
                batch.bytes_done = done_before + file_stats.bytes;
                if (!batch.events.empty() && !queue.put(std::move(batch))) throw StopReading{};
                done_before += file_stats.bytes;
                read_stats.events += file_stats.events;
                read_stats.bad_records += file_stats.bad_records;
                read_stats.skipped += file_stats.skipped;
                read_stats.bytes += file_stats.bytes;
                for (auto& p : file_stats.problems)
                    if (read_stats.problems.size() < 20) read_stats.problems.push_back(std::move(p));
            }
        } catch (const StopReading&) {
        } catch (...) {
            reader_error = std::current_exception();
        }
        queue.close();
    });

    try {
        Batch batch;
        uint64_t n = 0;
        while (queue.get(batch)) {
            const Sourcetype& st = *meta[batch.input].st;
            for (Event& e : batch.events) {
                st.apply(e);
                head.push(std::move(e));
            }
            n += batch.events.size();
            if (job.progress && (n & ~uint64_t(0x3fff)) != ((n - batch.events.size()) & ~uint64_t(0x3fff)))
                job.progress(batch.bytes_done, total);
        }
    } catch (...) {
        queue.stop();
        reader.join();
        throw;
    }
    reader.join();
    if (reader_error) std::rethrow_exception(reader_error);
    stats.events += read_stats.events;
    stats.bad_records += read_stats.bad_records;
    stats.skipped += read_stats.skipped;
    stats.bytes += read_stats.bytes;
    for (auto& p : read_stats.problems)
        if (stats.problems.size() < 20) stats.problems.push_back(std::move(p));
    if (job.progress) job.progress(total, total);
}

//! The prefilter for a pipeline run over the job's inputs: terms on fields the sourcetypes do
//! not define (and not metadata) can be looked for in the raw text.
RawPrefilter prefilter_for(const ast::Pipeline& pipeline, const SearchJob& job, const SourcetypeRegistry& sourcetypes) {
    if (!job.raw_prefilter) return {};
    std::set<std::string, std::less<>> derived;
    for (const InputSpec& in : job.inputs)
        for (auto& f : sourcetypes.get(in.sourcetype).defined_fields()) derived.insert(f);
    static const std::set<std::string_view> metadata = {"source", "sourcetype", "host", "index", "splunk_server",
                                                        "eventtype", "tag", "linecount", "punct", "timestartpos",
                                                        "timeendpos"};
    return RawPrefilter::derive(pipeline, [&](std::string_view f) {
        if (f.empty() || f[0] == '_' || f.substr(0, 5) == "date_" || f.substr(0, 5) == "tag::") return false;
        return !metadata.count(f) && !derived.count(f);
    });
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
        RawPrefilter pre = prefilter_for(sub, job, sourcetypes);
        if (reads_events(sub)) feed(job, sourcetypes, compiled->head(), ignored, &pre);
        compiled->finish();
        return std::move(compiled->sink.rows);
    };

    try {
        ast::PipelinePtr pipeline = parse_search(out.expansion.text);
        auto compiled = compile_pipeline(*pipeline, ctx);
        RawPrefilter pre = prefilter_for(*pipeline, job, sourcetypes);
        feed(job, sourcetypes, compiled->head(), out.read, &pre);
        compiled->finish();
        out.rows = std::move(compiled->sink.rows);
        out.returns_events = compiled->returns_events;
    } catch (SplError& e) {
        rethrow_mapped(e, out.expansion);
    }
    return out;
}

}  // namespace minispl
