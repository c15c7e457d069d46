// count, dc, values, list and mode: aggregations that treat values as strings.
#include "accumulators.hpp"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <algorithm>

namespace minispl::aggregates {
namespace {

// Swiss tables (abseil): one probe of a flat array per value, where std::unordered_set chases a
// node pointer; dc and values run for every event of a stats. Both look up a string_view
// without building a std::string.
template <class T>
using TextMap = absl::flat_hash_map<std::string, T>;
using TextSet = absl::flat_hash_set<std::string>;
// Debian's abseil has its own string_view type (not an alias of std::string_view).
absl::string_view key(std::string_view s) { return absl::string_view(s.data(), s.size()); }

//! count / count(x): the number of values seen (each multivalue element counts).
class CountAcc : public Accumulator {
public:
    void add(std::string_view, double) override { ++n_; }
    Value result() const override { return Value::number(double(n_)); }
    bool mergeable() const override { return true; }
    void merge(Accumulator& other) override { n_ += static_cast<CountAcc&>(other).n_; }

private:
    uint64_t n_ = 0;
};

//! dc / distinct_count / estdc: distinct values compared as strings ("1" and "1.0" differ).
class DistinctCountAcc : public Accumulator {
public:
    void add(std::string_view text, double) override {
        if (seen_.find(key(text)) == seen_.end()) seen_.emplace(text);
    }
    Value result() const override { return Value::number(double(seen_.size())); }
    bool mergeable() const override { return true; }
    void merge(Accumulator& other) override {
        for (auto& v : static_cast<DistinctCountAcc&>(other).seen_) seen_.insert(v);
    }

private:
    TextSet seen_;
};

//! values: distinct values sorted lexicographically by bytes (uppercase before lowercase).
class ValuesAcc : public Accumulator {
public:
    void add(std::string_view text, double) override {
        if (seen_.find(key(text)) == seen_.end()) seen_.emplace(text);
    }
    Value result() const override {
        std::vector<std::string> sorted(seen_.begin(), seen_.end());
        std::sort(sorted.begin(), sorted.end());
        return Value::multi(std::move(sorted));
    }
    bool mergeable() const override { return true; }
    void merge(Accumulator& other) override {
        for (auto& v : static_cast<ValuesAcc&>(other).seen_) seen_.insert(v);
    }

private:
    TextSet seen_;  // sorted when the result is read
};

//! list: values in arrival order, at most the first 100 (Splunk's list limit).
class ListAcc : public Accumulator {
public:
    static constexpr size_t kMax = 100;
    void add(std::string_view text, double) override {
        if (items_.size() < kMax) items_.emplace_back(text);
    }
    Value result() const override { return Value::multi(items_); }

private:
    std::vector<std::string> items_;
};

//! mode: the most frequent value; a tie goes to the value seen first.
class ModeAcc : public Accumulator {
public:
    void add(std::string_view text, double) override {
        auto it = counts_.find(key(text));
        if (it == counts_.end()) {
            counts_.emplace(std::string(text), Entry{1, order_.size()});
            order_.emplace_back(text);
        } else {
            ++it->second.count;
        }
    }
    Value result() const override {
        const std::string* best = nullptr;
        uint64_t best_count = 0;
        for (const std::string& v : order_) {
            uint64_t c = counts_.find(key(v))->second.count;
            if (c > best_count) best = &v, best_count = c;
        }
        return best ? Value::string(*best) : Value();
    }

private:
    struct Entry { uint64_t count; size_t first; };
    TextMap<Entry> counts_;
    std::vector<std::string> order_;
};

}  // namespace

std::unique_ptr<Accumulator> make_counting(AggFunction f) {
    switch (f) {
        case AggFunction::Count: return std::make_unique<CountAcc>();
        case AggFunction::DistinctCount: return std::make_unique<DistinctCountAcc>();
        case AggFunction::Values: return std::make_unique<ValuesAcc>();
        case AggFunction::List: return std::make_unique<ListAcc>();
        case AggFunction::Mode: return std::make_unique<ModeAcc>();
        default: return nullptr;
    }
}

}  // namespace minispl::aggregates
