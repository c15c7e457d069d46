// count, dc, values, list and mode: aggregations that treat values as strings.
#include "accumulators.hpp"

#include <set>
#include <unordered_map>
#include <unordered_set>

namespace minispl::aggregates {
namespace {

//! Lets the string sets and maps below be probed with a string_view without allocating.
struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <class T>
using TextMap = std::unordered_map<std::string, T, TextHash, std::equal_to<>>;
using TextSet = std::unordered_set<std::string, TextHash, std::equal_to<>>;

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
        if (seen_.find(text) == seen_.end()) seen_.emplace(text);
    }
    Value result() const override { return Value::number(double(seen_.size())); }
    bool mergeable() const override { return true; }
    void merge(Accumulator& other) override { seen_.merge(static_cast<DistinctCountAcc&>(other).seen_); }

private:
    TextSet seen_;
};

//! values: distinct values sorted lexicographically by bytes (uppercase before lowercase).
class ValuesAcc : public Accumulator {
public:
    void add(std::string_view text, double) override {
        if (seen_.find(text) == seen_.end()) seen_.emplace(text);
    }
    Value result() const override {
        return Value::multi(std::vector<std::string>(seen_.begin(), seen_.end()));
    }
    bool mergeable() const override { return true; }
    void merge(Accumulator& other) override { seen_.merge(static_cast<ValuesAcc&>(other).seen_); }

private:
    std::set<std::string, std::less<>> seen_;
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
        auto it = counts_.find(text);
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
            uint64_t c = counts_.find(v)->second.count;
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
