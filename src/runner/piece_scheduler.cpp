// Input pieces on every core: cut, parsed by workers, merged in file order.
#include "piece_scheduler.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

namespace minispl {
namespace {

struct PieceResult {
    std::vector<Event> events;
    PieceStats stats;
    std::exception_ptr error;
    bool ready = false;
};

}  // namespace

void feed_pieces(const PieceFile& file, const std::string& name, const RecordFormat& format, const EventPrep& prep,
                 const RawPrefilter& pre, unsigned threads, Operator& head, ReadStats& stats,
                 const std::function<void(uint64_t)>& progress) {
    // Pieces small enough to spread a few MB over both cores, big enough to amortise the hand-over.
    const uint64_t target = std::clamp<uint64_t>(file.size() / (8 * threads), 64 << 10, 1 << 20);
    const std::vector<uint64_t> cuts = file.split_at_lines(target, [&format](std::string_view after) { return format.piece_starts_at(after); });
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
        std::unique_ptr<RecordParser> parser = format.parser();
        std::string buf;  // the piece, then the parser's padding
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
                const std::string_view text(buf.data(), file.read(cuts[i], cuts[i + 1], buf, kRecordPadding));
                AdaptiveFilter filter(pre, text, prefilter_useless);
                const LineSelector select = filter.selector();
                parser->parse_piece(text, kRecordPadding, cuts[i] == 0, pre.empty() ? nullptr : &select,
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

}  // namespace minispl
