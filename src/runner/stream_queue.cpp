// Streamed input: one reader thread, batches through a small bounded queue to the caller.
#include "stream_queue.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

namespace minispl {
namespace {

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

struct StopReading {};

}  // namespace

void feed_streamed(RecordReader& reader, const EventPrep& prep, const RawPrefilter& pre, Operator& head,
                   ReadStats& stats, const std::function<void(uint64_t)>& progress) {
    BatchQueue queue;
    std::exception_ptr reader_error;
    ReadStats file_stats;
    std::thread worker([&] {
        try {
            std::atomic<bool> useless{false};
            AdaptiveFilter filter(pre, {}, useless);
            RawFilter keep;
            if (!pre.empty()) keep = [&filter](std::string_view line) { return filter.keep(line); };
            Batch batch;
            batch.events.reserve(kBatchEvents);
            reader.read_flat(
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
        worker.join();
        throw;
    }
    worker.join();
    if (reader_error) std::rethrow_exception(reader_error);
    add_stats(stats, file_stats);
}

}  // namespace minispl
