// core/parallel_for: every item once, on at most the threads asked for, the first error rethrown.
#include "minispl/core/parallel_for.hpp"

#include <doctest/doctest.h>

#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace minispl;

TEST_CASE("parallel_for: every item exactly once") {
    for (unsigned threads : {0u, 1u, 3u, 16u}) {
        std::vector<std::atomic<int>> hits(100);
        parallel_for(hits.size(), threads, [&](size_t i) { hits[i]++; });
        for (auto& h : hits) CHECK(h.load() == 1);
    }
    parallel_for(0, 4, [](size_t) { FAIL("no items"); });
}

TEST_CASE("parallel_for: no more threads than asked, the caller among them") {
    std::mutex mu;
    std::set<std::thread::id> ids;
    parallel_for(50, 2, [&](size_t) {
        std::lock_guard lk(mu);
        ids.insert(std::this_thread::get_id());
    });
    CHECK(ids.size() <= 2);
    ids.clear();
    parallel_for(50, 1, [&](size_t) { ids.insert(std::this_thread::get_id()); });
    CHECK(ids == std::set<std::thread::id>{std::this_thread::get_id()});
}

TEST_CASE("parallel_for: an exception in an item is rethrown after the others stop") {
    CHECK_THROWS_AS(parallel_for(20, 3, [](size_t i) { if (i == 7) throw std::runtime_error("item 7"); }),
                    std::runtime_error);
}
