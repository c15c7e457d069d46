#pragma once
// Running independent work items on several threads (lint and test run one rule per item).
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace minispl {

//! The hardware threads, at least 1.
inline unsigned hardware_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

//! Calls body(i) for every i in [0, n), each once, on up to `threads` threads (0: hardware_threads();
//! never more than n), the calling thread being one of them. Items are handed out in order as
//! threads become free. The first exception a body throws is rethrown once every thread is done;
//! items not started by then are skipped.
template <typename Body>
void parallel_for(size_t n, unsigned threads, Body&& body) {
    if (threads == 0) threads = hardware_threads();
    const unsigned k = static_cast<unsigned>(std::max<size_t>(1, std::min<size_t>(threads, n)));
    std::atomic<size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr error;
    std::mutex mu;
    auto work = [&] {
        for (size_t i; !failed.load(std::memory_order_relaxed) && (i = next.fetch_add(1)) < n;) {
            try {
                body(i);
            } catch (...) {
                std::lock_guard lk(mu);
                if (!error) error = std::current_exception();
                failed = true;
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < k; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    if (error) std::rethrow_exception(error);
}

}  // namespace minispl
