// min, max, sum, sumsq, avg, stdev, stdevp, var, varp, range, median and the percentiles.
// Values that do not read as numbers are ignored, except by min/max, which fall back to
// comparing strings when no value is a number.
#include "accumulators.hpp"

#include <algorithm>
#include <cmath>

namespace minispl::aggregates {
namespace {

//! min / max: numerically when some value is a number (the original text is reported),
//! lexicographically by bytes otherwise.
class ExtremeAcc : public Accumulator {
public:
    explicit ExtremeAcc(bool max) : max_(max) {}
    void add(std::string_view text, double) override {
        if (auto n = parse_number(text)) {
            if (!has_num_ || (max_ ? *n > num_ : *n < num_)) {
                has_num_ = true;
                num_ = *n;
                num_text_.assign(text);
            }
        } else if (!has_num_) {
            if (!has_str_ || (max_ ? text > std::string_view(str_) : text < std::string_view(str_))) {
                has_str_ = true;
                str_.assign(text);
            }
        }
    }
    Value result() const override {
        if (has_num_) return Value::string(num_text_);
        if (has_str_) return Value::string(str_);
        return Value();
    }

private:
    bool max_;
    bool has_num_ = false, has_str_ = false;
    double num_ = 0;
    std::string num_text_, str_;
};

//! sum, sumsq, avg, stdev(p), var(p), range: streaming moments (Welford, for stable variance).
class MomentsAcc : public Accumulator {
public:
    explicit MomentsAcc(AggFunction f) : f_(f) {}
    void add(std::string_view text, double) override {
        auto v = parse_number(text);
        if (!v) return;
        double x = *v;
        ++n_;
        sum_ += x;
        sumsq_ += x * x;
        double delta = x - mean_;
        mean_ += delta / double(n_);
        m2_ += delta * (x - mean_);
        if (n_ == 1 || x < min_) min_ = x;
        if (n_ == 1 || x > max_) max_ = x;
    }
    Value result() const override {
        if (n_ == 0) return Value();
        switch (f_) {
            case AggFunction::Sum: return stat_number(sum_);
            case AggFunction::Sumsq: return stat_number(sumsq_);
            case AggFunction::Avg: return stat_number(sum_ / double(n_));
            case AggFunction::Range: return stat_number(max_ - min_);
            case AggFunction::Var: return stat_number(n_ > 1 ? m2_ / double(n_ - 1) : 0);
            case AggFunction::Varp: return stat_number(m2_ / double(n_));
            case AggFunction::Stdev: return stat_number(n_ > 1 ? std::sqrt(m2_ / double(n_ - 1)) : 0);
            case AggFunction::Stdevp: return stat_number(std::sqrt(m2_ / double(n_)));
            default: return Value();
        }
    }

private:
    AggFunction f_;
    uint64_t n_ = 0;
    double sum_ = 0, sumsq_ = 0, mean_ = 0, m2_ = 0, min_ = 0, max_ = 0;
};

//! median and the percentiles: keeps the numbers, sorts at result time.
//! median: the middle value; of an even count, the higher of the two middle values (Splunk).
//! perc / exactperc: linear interpolation between the closest ranks ((n-1)·p/100).
//! upperperc: the value at the upper of the two closest ranks.
class RankAcc : public Accumulator {
public:
    RankAcc(AggFunction f, double p) : f_(f), p_(std::clamp(p, 0.0, 100.0)) {}
    void add(std::string_view text, double) override {
        if (auto v = parse_number(text)) values_.push_back(*v);
    }
    // The values are sorted before use, so their order does not matter.
    bool mergeable() const override { return true; }
    void merge(Accumulator& other) override {
        auto& more = static_cast<RankAcc&>(other).values_;
        values_.insert(values_.end(), more.begin(), more.end());
    }
    Value result() const override {
        if (values_.empty()) return Value();
        std::vector<double> v = values_;
        std::sort(v.begin(), v.end());
        size_t n = v.size();
        if (f_ == AggFunction::Median) return stat_number(v[n / 2]);
        double rank = (double(n) - 1) * p_ / 100.0;
        size_t lo = size_t(std::floor(rank)), hi = size_t(std::ceil(rank));
        if (f_ == AggFunction::UpperPerc) return stat_number(v[hi]);
        double frac = rank - double(lo);
        return stat_number(v[lo] + (v[hi] - v[lo]) * frac);
    }

private:
    AggFunction f_;
    double p_;
    std::vector<double> values_;
};

}  // namespace

std::unique_ptr<Accumulator> make_numeric(AggFunction f, double percentile) {
    switch (f) {
        case AggFunction::Min: return std::make_unique<ExtremeAcc>(false);
        case AggFunction::Max: return std::make_unique<ExtremeAcc>(true);
        case AggFunction::Sum: case AggFunction::Sumsq: case AggFunction::Avg:
        case AggFunction::Stdev: case AggFunction::Stdevp: case AggFunction::Var:
        case AggFunction::Varp: case AggFunction::Range:
            return std::make_unique<MomentsAcc>(f);
        case AggFunction::Median: case AggFunction::Perc: case AggFunction::UpperPerc:
        case AggFunction::ExactPerc:
            return std::make_unique<RankAcc>(f, percentile);
        default: return nullptr;
    }
}

}  // namespace minispl::aggregates
