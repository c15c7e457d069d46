// Input → events. Two ways, one result (the same events in the same order):
//  - a plain JSON-lines file is cut into pieces at newlines, each read with pread; worker threads
//    prefilter, parse (only the projected fields), add metadata and sourcetype fields and test the
//    leading search, each on its own piece; the calling thread takes the pieces' events in order
//    and pushes them into the pipeline. This is what uses both cores on big inputs.
//  - anything else (gzip, JSON arrays, CloudTrail Records files, stdin) streams through one
//    reader thread doing the same per-event work, in batches, to the calling thread.
#include "feed.hpp"

#include "minispl/compile/compiler.hpp"
#include "minispl/io/field_projection.hpp"
#include "minispl/io/json_lines_piece.hpp"
#include "minispl/io/piece_file.hpp"
#include "minispl/ops/search_matcher.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

namespace minispl {

namespace {

//! What every event of one input gets on the reading thread.
class EventPrep {
public:
    EventPrep(const InputSpec& in, const Sourcetype& st, const FieldUsage& usage, const SearchMatcher* leading)
        : st_(st), leading_(leading) {
        auto meta = [&](const char* name, std::string value) {
            if (usage.reads(name)) meta_.emplace_back(name, Value::string(std::move(value)));
        };
        meta("source", in.source.empty() ? in.file.string() : in.source);
        meta("sourcetype", in.sourcetype.empty() ? st.name() : in.sourcetype);
        meta("host", in.host);
        meta("index", in.index);
        if (usage.all) return;
        st_projection_ = st.project(usage.names);
        std::vector<std::string> json_fields = st_projection_->fields;
        // A name with a wildcard cannot limit the extraction; nor can a definition that may read
        // fields it does not name.
        bool wildcard = std::any_of(json_fields.begin(), json_fields.end(),
                                    [](const std::string& f) { return f.find('*') != std::string::npos; });
        if (st_projection_->all_fields || wildcard) return;
        if (usage.reads("_raw")) json_fields.push_back("_raw");
        fields_ = FieldProjection::of(json_fields);
    }

    //! The fields to extract from the JSON, or nullptr for all of them.
    const FieldProjection* projection() const { return fields_ ? &*fields_ : nullptr; }

    //! Adds metadata and sourcetype fields; false when the leading search rejects the event.
    bool operator()(Event& e) const {
        for (const auto& [name, value] : meta_) e.set(name, value);
        st_.apply(e, st_projection_ ? &*st_projection_ : nullptr);
        return !leading_ || leading_->matches(e);
    }

private:
    const Sourcetype& st_;
    const SearchMatcher* leading_;
    std::vector<std::pair<std::string, Value>> meta_;
    std::optional<SourcetypeProjection> st_projection_;
    std::optional<FieldProjection> fields_;
};

//! The raw-text prefilter over one piece of text: hits of its most selective literals, then the
//! whole test per line. It switches itself off, for this piece and every later one (`useless` is
//! shared by the reading threads), when it keeps nearly every line of its first few hundred:
//! scanning for the literals of a search that matches everything only costs time.
class AdaptiveFilter {
public:
    AdaptiveFilter(const RawPrefilter& pre, std::string_view text, std::atomic<bool>& useless)
        : pre_(pre), scanner_(pre, useless.load(std::memory_order_relaxed) ? std::string_view() : text),
          useless_(useless), off_(useless.load(std::memory_order_relaxed)) {}

    //! The per-line test, for the streaming reader.
    bool keep(std::string_view line) {
        if (off_) return true;
        bool keep = pre_.may_match(line);
        kept_ += keep;
        if (++seen_ == kProbe && kept_ * 10 >= seen_ * 9) {
            off_ = true;
            useless_.store(true, std::memory_order_relaxed);
        }
        return keep;
    }
    //! Both tests, for a piece.
    LineSelector selector() {
        return {[this](size_t from) { return off_ ? from : scanner_.next(from); },
                [this](std::string_view line) { return keep(line); }};
    }

private:
    static constexpr uint64_t kProbe = 512;
    const RawPrefilter& pre_;
    RawPrefilter::Scanner scanner_;
    std::atomic<bool>& useless_;
    uint64_t seen_ = 0, kept_ = 0;
    bool off_ = false;
};

void add_stats(ReadStats& into, const ReadStats& s) {
    into.events += s.events;
    into.bad_records += s.bad_records;
    into.skipped += s.skipped;
    into.bytes += s.bytes;
    for (const auto& p : s.problems)
        if (into.problems.size() < ReadStats::max_problems) into.problems.push_back(p);
}

struct StopReading {};

// ---------------------------------------------------------------------------------------------
// A plain JSON-lines file, parsed in pieces by worker threads, merged in order.

struct PieceResult {
    std::vector<Event> events;
    PieceStats stats;
    std::exception_ptr error;
    bool ready = false;
};

void feed_pieces(const PieceFile& file, const std::string& name, const EventPrep& prep, const RawPrefilter& pre,
                 unsigned threads, Operator& head, ReadStats& stats, const std::function<void(uint64_t)>& progress) {
    // Pieces small enough to spread a few MB over both cores, big enough to amortise the hand-over.
    const uint64_t target = std::clamp<uint64_t>(file.size() / (8 * threads), 64 << 10, 1 << 20);
    const std::vector<uint64_t> cuts = file.split_at_lines(target);
    const size_t n = cuts.size() - 1;
    const unsigned workers = static_cast<unsigned>(std::min<size_t>(threads, n));
    const size_t window = 4 * workers;  // pieces parsed ahead of the consumer: bounds memory

    std::vector<PieceResult> results(n);
    std::mutex mu;
    std::condition_variable ready_cv, space_cv;
    size_t consumed = 0;
    bool stop = false;
    std::atomic<size_t> next{0};
    std::atomic<bool> prefilter_useless{false};
    // An aggregation that merges exactly runs on the workers (one partial each), so that events
    // never travel to the calling thread; otherwise the events go to `head` in file order.
    std::vector<std::unique_ptr<Operator>> partials;
    for (unsigned t = 0; t < workers; ++t)
        if (auto p = head.make_partial()) partials.push_back(std::move(p));
    if (partials.size() != workers) partials.clear();

    auto work = [&](unsigned worker) {
        Operator* partial = partials.empty() ? nullptr : partials[worker].get();
        JsonLinesParser parser;
        std::string buf;  // the piece, then simdjson's padding
        for (;;) {
            const size_t i = next.fetch_add(1);
            if (i >= n) return;
            {
                std::unique_lock lk(mu);
                space_cv.wait(lk, [&] { return stop || i < consumed + window; });
                if (stop) return;
            }
            PieceResult r;
            try {
                constexpr size_t kPadding = 64;  // simdjson may read this far past a record
                const std::string_view text(buf.data(), file.read(cuts[i], cuts[i + 1], buf, kPadding));
                AdaptiveFilter filter(pre, text, prefilter_useless);
                const LineSelector select = filter.selector();
                parser.parse(text, kPadding, cuts[i] == 0, pre.empty() ? nullptr : &select,
                             prep.projection(),
                             [&](Event& ev) {
                                 if (!prep(ev)) return;
                                 if (partial) partial->push(std::move(ev));
                                 else r.events.push_back(std::move(ev));
                             },
                             r.stats);
            } catch (...) {
                r.error = std::current_exception();
            }
            std::lock_guard lk(mu);
            r.ready = true;
            results[i] = std::move(r);
            ready_cv.notify_all();
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < workers; ++t) pool.emplace_back(work, t);
    auto shut_down = [&] {
        {
            std::lock_guard lk(mu);
            stop = true;
        }
        space_cv.notify_all();
        for (auto& t : pool) t.join();
    };

    // Lines before a piece, counted only when a bad record in it needs its line number.
    uint64_t counted_to = 0, lines_before = 0;
    auto line_base = [&](uint64_t offset) {
        std::string chunk;
        while (counted_to < offset) {
            const uint64_t to = std::min<uint64_t>(offset, counted_to + (1 << 20));
            const size_t n = file.read(counted_to, to, chunk, 0);
            lines_before += static_cast<uint64_t>(std::count(chunk.data(), chunk.data() + n, '\n'));
            counted_to = to;
        }
        return lines_before;
    };
    try {
        for (size_t i = 0; i < n; ++i) {
            PieceResult r;
            {
                std::unique_lock lk(mu);
                ready_cv.wait(lk, [&] { return results[i].ready; });
                r = std::move(results[i]);
                results[i] = PieceResult{};
                consumed = i + 1;
            }
            space_cv.notify_all();
            if (r.error) std::rethrow_exception(r.error);
            for (Event& e : r.events) head.push(std::move(e));
            stats.events += r.stats.events;
            stats.skipped += r.stats.skipped;
            stats.bad_records += r.stats.bad_records;
            stats.bytes += cuts[i + 1] - cuts[i];
            for (const auto& [line, why] : r.stats.bad)
                if (stats.problems.size() < ReadStats::max_problems)
                    stats.problems.push_back(bad_event_diagnostic(name, line_base(cuts[i]) + line, why));
            if (progress) progress(cuts[i + 1]);
        }
    } catch (...) {
        shut_down();
        throw;
    }
    shut_down();
    for (auto& p : partials) head.merge_partial(*p);
}

// ---------------------------------------------------------------------------------------------
// Any other input: one reader thread, batches through a small bounded queue.

struct Batch {
    uint64_t bytes_done = 0;  // for progress
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

void feed_streamed(const std::filesystem::path& file, const EventPrep& prep, const RawPrefilter& pre, Operator& head,
                   ReadStats& stats, const std::function<void(uint64_t)>& progress) {
    BatchQueue queue;
    std::exception_ptr reader_error;
    ReadStats file_stats;
    std::thread reader([&] {
        try {
            std::atomic<bool> useless{false};
            AdaptiveFilter filter(pre, {}, useless);
            RawFilter keep;
            if (!pre.empty()) keep = [&filter](std::string_view line) { return filter.keep(line); };
            Batch batch;
            batch.events.reserve(kBatchEvents);
            read_flat_events(
                file,
                [&](Event& e, uint64_t) {
                    if (!prep(e)) return;
                    batch.events.push_back(std::move(e));
                    if (batch.events.size() == kBatchEvents) {
                        batch.bytes_done = file_stats.bytes;
                        if (!queue.put(std::move(batch))) throw StopReading{};
                        batch = Batch{};
                        batch.events.reserve(kBatchEvents);
                    }
                },
                file_stats, keep, prep.projection());
            batch.bytes_done = file_stats.bytes;
            if (!batch.events.empty() && !queue.put(std::move(batch))) throw StopReading{};
        } catch (const StopReading&) {
        } catch (...) {
            reader_error = std::current_exception();
        }
        queue.close();
    });
    try {
        Batch batch;
        while (queue.get(batch)) {
            for (Event& e : batch.events) head.push(std::move(e));
            if (progress) progress(batch.bytes_done);
        }
    } catch (...) {
        queue.stop();
        reader.join();
        throw;
    }
    reader.join();
    if (reader_error) std::rethrow_exception(reader_error);
    add_stats(stats, file_stats);
}

//! A plain JSON-lines file to read in pieces; nullptr for gzip, arrays, Records files, stdin.
std::unique_ptr<PieceFile> open_json_lines(const std::filesystem::path& file) {
    auto f = PieceFile::open(file);
    if (!f) return nullptr;
    const std::string head = f->head();
    if (head.size() >= 2 && (unsigned char)head[0] == 0x1f && (unsigned char)head[1] == 0x8b) return nullptr;
    if (detect_layout(head) != InputLayout::JsonLines) return nullptr;
    return f;
}

uint64_t total_size(const std::vector<InputSpec>& inputs) {
    uint64_t total = 0;
    for (const auto& in : inputs) {
        std::error_code ec;
        auto n = std::filesystem::file_size(in.file, ec);
        if (!ec) total += n;
    }
    return total;
}

}  // namespace

FeedPlan plan_feed(const ast::Pipeline& pipeline, const SearchJob& job, const SourcetypeRegistry& sourcetypes) {
    FeedPlan plan;
    plan.usage = job.field_projection ? input_fields_read(pipeline) : FieldUsage{};
    if (!pipeline.commands.empty() && pipeline.commands.front().name == "search") {
        const ast::Command& first = pipeline.commands.front();
        const auto* s = std::get_if<ast::SearchCmd>(&first.body);
        // A subsearch is run and substituted by the compiler: that search stays in the pipeline.
        if (s && s->expr && !has_subsearch(s->expr.get())) plan.leading_search = &first;
    }
    if (!job.raw_prefilter) return plan;
    // Terms on fields the sourcetypes do not define (and not metadata) can be looked for in the raw text.
    std::set<std::string, std::less<>> derived;
    for (const InputSpec& in : job.inputs)
        for (auto& f : sourcetypes.get(in.sourcetype).defined_fields()) derived.insert(f);
    static const std::set<std::string_view> metadata = {"source", "sourcetype", "host", "index", "splunk_server",
                                                        "eventtype", "tag", "linecount", "punct", "timestartpos",
                                                        "timeendpos"};
    plan.prefilter = RawPrefilter::derive(pipeline, [&](std::string_view f) {
        if (f.empty() || f[0] == '_' || f.substr(0, 5) == "date_" || f.substr(0, 5) == "tag::") return false;
        return !metadata.count(f) && !derived.count(f);
    });
    return plan;
}

void feed(const SearchJob& job, const SourcetypeRegistry& sourcetypes, const FeedPlan& plan, const OpContext& ctx,
          Operator& head, ReadStats& stats) {
    const uint64_t total = total_size(job.inputs);
    std::optional<SearchMatcher> leading;
    if (plan.leading_search) leading.emplace(*std::get<ast::SearchCmd>(plan.leading_search->body).expr, ctx);
    const unsigned threads = job.threads ? job.threads : std::max(1u, std::thread::hardware_concurrency());
    uint64_t done_before = 0;
    for (const InputSpec& in : job.inputs) {
        const Sourcetype& st = sourcetypes.get(in.sourcetype);
        EventPrep prep(in, st, plan.usage, leading ? &*leading : nullptr);
        std::function<void(uint64_t)> progress;
        if (job.progress) progress = [&](uint64_t done) { job.progress(done_before + done, total); };
        if (auto file = open_json_lines(in.file)) {
            feed_pieces(*file, in.file.string(), prep, plan.prefilter, threads, head, stats, progress);
            done_before += file->size();
        } else {
            const uint64_t bytes_before = stats.bytes;
            feed_streamed(in.file, prep, plan.prefilter, head, stats, progress);
            done_before += stats.bytes - bytes_before;
        }
    }
    if (job.progress) job.progress(total, total);
}

}  // namespace minispl
