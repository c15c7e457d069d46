// first, last, earliest, latest, earliest_time, latest_time: pick a value by arrival or by _time.
#include "accumulators.hpp"

namespace minispl::aggregates {
namespace {

//! first / last: the whole value of the first or last event that reached the command.
class ArrivalAcc : public Accumulator {
public:
    explicit ArrivalAcc(bool last) : last_(last) {}
    void add(std::string_view text, double) override { add_whole(Value::string(std::string(text)), 0); }
    bool wants_whole() const override { return true; }
    void add_whole(const Value& v, double) override {
        if (last_ || value_.is_null()) value_ = v;
    }
    Value result() const override { return value_; }

private:
    bool last_;
    Value value_;
};

//! earliest / latest (value) and earliest_time / latest_time (its _time). On equal times the
//! event seen first wins.
class TimeAcc : public Accumulator {
public:
    TimeAcc(bool latest, bool want_time) : latest_(latest), want_time_(want_time) {}
    void add(std::string_view text, double time) override {
        add_whole(Value::string(std::string(text)), time);
    }
    bool wants_whole() const override { return true; }
    void add_whole(const Value& v, double time) override {
        bool better = !seen_ || (latest_ ? time > time_ : time < time_);
        if (!better) return;
        seen_ = true;
        time_ = time;
        if (!want_time_) value_ = v;
    }
    Value result() const override {
        if (!seen_) return Value();
        return want_time_ ? stat_number(time_) : value_;
    }

private:
    bool latest_, want_time_;
    bool seen_ = false;
    double time_ = 0;
    Value value_;
};

}  // namespace

std::unique_ptr<Accumulator> make_order(AggFunction f) {
    switch (f) {
        case AggFunction::First: return std::make_unique<ArrivalAcc>(false);
        case AggFunction::Last: return std::make_unique<ArrivalAcc>(true);
        case AggFunction::Earliest: return std::make_unique<TimeAcc>(false, false);
        case AggFunction::Latest: return std::make_unique<TimeAcc>(true, false);
        case AggFunction::EarliestTime: return std::make_unique<TimeAcc>(false, true);
        case AggFunction::LatestTime: return std::make_unique<TimeAcc>(true, true);
        default: return nullptr;
    }
}

}  // namespace minispl::aggregates
