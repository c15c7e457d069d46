// AggregateSpec (function lookup, argument extraction) and GroupTable (events → groups).
#include "minispl/ops/aggregate.hpp"

#include "aggregates/accumulators.hpp"
#include "minispl/core/ascii.hpp"
#include "minispl/core/diagnostic.hpp"
#include "minispl/ops/option_util.hpp"
#include "minispl/eval/wildcard.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace minispl {
namespace {

struct FunctionName {
    const char* name;
    AggFunction function;
};

// Every name a stats function can be written as (lower-cased), with its aliases.
constexpr FunctionName kFunctions[] = {
    {"count", AggFunction::Count}, {"c", AggFunction::Count},
    {"dc", AggFunction::DistinctCount}, {"distinct_count", AggFunction::DistinctCount},
    {"estdc", AggFunction::DistinctCount},
    {"values", AggFunction::Values}, {"list", AggFunction::List},
    {"min", AggFunction::Min}, {"max", AggFunction::Max},
    {"sum", AggFunction::Sum}, {"sumsq", AggFunction::Sumsq},
    {"avg", AggFunction::Avg}, {"mean", AggFunction::Avg},
    {"stdev", AggFunction::Stdev}, {"stdevp", AggFunction::Stdevp},
    {"var", AggFunction::Var}, {"varp", AggFunction::Varp},
    {"range", AggFunction::Range}, {"median", AggFunction::Median}, {"mode", AggFunction::Mode},
    {"p", AggFunction::Perc}, {"perc", AggFunction::Perc}, {"percentile", AggFunction::Perc},
    {"upperperc", AggFunction::UpperPerc}, {"exactperc", AggFunction::ExactPerc},
    {"earliest", AggFunction::Earliest}, {"latest", AggFunction::Latest},
    {"earliest_time", AggFunction::EarliestTime}, {"latest_time", AggFunction::LatestTime},
    {"first", AggFunction::First}, {"last", AggFunction::Last},
};

// Splunk's other stats functions (Search Reference, "Statistical and charting functions"):
// names lint knows, which AggregateSpec does not run.
constexpr const char* kNotRun[] = {"estdc_error", "per_day",  "per_hour", "per_minute", "per_second",
                                   "rate",        "rate_avg", "rate_sum", "sparkline"};

bool is_percentile(AggFunction f) {
    return f == AggFunction::Perc || f == AggFunction::UpperPerc || f == AggFunction::ExactPerc;
}

//! Looks a function name up; "p95"/"perc99.9"/"exactperc50" also carry their percentile.
std::optional<AggFunction> lookup_function(std::string name, std::optional<double>& percentile) {
    lower_in_place(name);
    for (const auto& f : kFunctions)
        if (name == f.name) return f.function;
    size_t digits = name.find_first_of("0123456789");
    if (digits != std::string::npos && digits > 0) {
        auto p = parse_number(std::string_view(name).substr(digits));
        auto base = lookup_function(name.substr(0, digits), percentile);
        if (p && base && is_percentile(*base)) {
            percentile = *p;
            return base;
        }
    }
    return std::nullopt;
}

// The argument bare `count` sees for every event; a string so feeding it does not allocate.
const Value& count_marker() {
    static const Value marker = Value::string("1");
    return marker;
}

void append_text(std::string& out, const Value& v, size_t i) {
    switch (v.type()) {
        case Value::Type::Multi: out += v.multi_values()[i]; break;
        case Value::Type::String: out += v.str(); break;
        default: out += v.to_string(); break;
    }
}

}  // namespace

AggregateSpec::AggregateSpec(const ast::Aggregation& agg, const OpContext& ctx) {
    std::optional<double> pct = agg.percentile;
    auto f = lookup_function(agg.function, pct);
    uint32_t len = agg.span.end > agg.span.begin ? agg.span.end - agg.span.begin : 1;
    if (!f)
        throw SplError("unknown-function",
                       "unknown stats function '" + agg.function + "' in '" + agg.written + "'",
                       agg.span.begin, len);
    function_ = *f;
    // The parser folds exactpercNN/upperpercNN into "p"; the written name still tells them apart.
    if (function_ == AggFunction::Perc) {
        const std::string w = lower(std::string_view(agg.written).substr(0, 9));
        if (w == "upperperc") function_ = AggFunction::UpperPerc;
        if (w == "exactperc") function_ = AggFunction::ExactPerc;
    }
    if (function_ == AggFunction::Median) percentile_ = 50;
    if (is_percentile(function_)) {
        if (!pct)
            throw SplError("syntax", "percentile function '" + agg.written +
                           "' needs a percentile, as in perc95(x)", agg.span.begin, len);
        percentile_ = *pct;
    }
    if (agg.eval) {
        eval_.emplace(*agg.eval, ctx.eval);
    } else {
        field_ = agg.field;
        wildcard_ = field_.find('*') != std::string::npos;
        if (wildcard_ && !wildcard_aggregation_supported(agg.function))
            throw SplError("unsupported", "wildcard field in '" + agg.written +
                           "' is not supported (only values, list, first, last, earliest, latest, min, max take one); "
                           "name each field", agg.span.begin, len);
        if (wildcard_ && !agg.alias.empty() &&
            std::count(agg.alias.begin(), agg.alias.end(), '*') != std::count(field_.begin(), field_.end(), '*'))
            throw SplError("syntax", "the AS name of '" + agg.written + "' needs as many * as its field (wildcard mismatch)",
                           agg.span.begin, len);
        if (field_.empty() && function_ != AggFunction::Count)
            throw SplError("syntax", "stats function '" + agg.written + "' needs a field",
                           agg.span.begin, len);
    }
    output_ = !agg.alias.empty() ? agg.alias : !agg.written.empty() ? agg.written : agg.function;
    written_ = !agg.written.empty() ? agg.written : agg.function + "(" + field_ + ")";
}

bool is_stats_function(std::string_view name) {
    std::optional<double> percentile;
    if (lookup_function(std::string(name), percentile)) return true;
    const std::string n = lower(name);
    return std::any_of(std::begin(kNotRun), std::end(kNotRun), [&](const char* f) { return n == f; });
}

bool wildcard_aggregation_supported(std::string_view function) {
    const std::string f = lower(function);
    for (const char* ok : {"values", "list", "first", "last", "earliest", "latest", "min", "max"})
        if (f == ok) return true;
    return false;
}

bool AggregateSpec::matches(std::string_view field) const {
    if (!field.empty() && field[0] == '_' && field_[0] != '_') return false;
    return wildcard_match(field_, field);
}

std::string AggregateSpec::output_for(std::string_view field) const {
    const auto caps = wildcard_captures(field_, field);
    if (output_ != written_) return caps ? wildcard_substitute(output_, *caps) : output_;
    // no alias: the call as written with the field's name for the wildcard argument
    const size_t open = written_.find('(');
    const size_t close = written_.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close < open) return written_;
    return written_.substr(0, open + 1) + std::string(field) + written_.substr(close);
}

std::unique_ptr<Accumulator> AggregateSpec::make() const {
    if (wildcard_) return std::make_unique<WildcardAccumulator>(*this);
    return make_one();
}

WildcardAccumulator::WildcardAccumulator(const AggregateSpec& spec) : spec_(spec) {}

Accumulator& WildcardAccumulator::of(std::string_view field) {
    auto it = by_field_.find(field);
    if (it == by_field_.end()) it = by_field_.emplace(std::string(field), spec_.make_one()).first;
    return *it->second;
}

bool WildcardAccumulator::mergeable() const { return spec_.make_one()->mergeable(); }

void WildcardAccumulator::merge(Accumulator& other) {
    for (auto& [field, acc] : static_cast<WildcardAccumulator&>(other).by_field_) of(field).merge(*acc);
}

std::unique_ptr<Accumulator> AggregateSpec::make_one() const {
    if (auto a = aggregates::make_counting(function_)) return a;
    if (auto a = aggregates::make_numeric(function_, percentile_)) return a;
    return aggregates::make_order(function_);
}

const Value* AggregateSpec::argument(const Event& event, Value& scratch) const {
    if (eval_) {
        scratch = (*eval_)(event);
        // count(eval(x="y")) counts the events where the test holds: false counts as no value.
        if (scratch.is_bool()) {
            if (!scratch.as_bool()) return nullptr;
            scratch = Value::string("True");
        }
        return scratch.is_null() ? nullptr : &scratch;
    }
    if (field_.empty()) return &count_marker();
    const Value* v = event.find(field_);
    return v && !v->is_null() ? v : nullptr;
}

void AggregateSpec::feed(Accumulator& acc, const Value& arg, double time) const {
    if (acc.wants_whole()) {
        acc.add_whole(arg, time);
        return;
    }
    switch (arg.type()) {
        case Value::Type::Null: return;
        case Value::Type::String: acc.add(arg.str(), time); return;
        case Value::Type::Multi:
            for (const std::string& s : arg.multi_values()) acc.add(s, time);
            return;
        default: acc.add(arg.to_string(), time); return;
    }
}

void AggregateSpec::feed(Accumulator& acc, const Event& event) const {
    Value scratch;
    if (const Value* arg = argument(event, scratch)) feed(acc, *arg, event.time());
}

Value AggregateSpec::empty_result() const {
    if (function_ == AggFunction::Count || function_ == AggFunction::DistinctCount)
        return Value::number(0);
    return Value();
}

std::vector<AggregateSpec> compile_aggregations(const std::vector<ast::Aggregation>& aggs,
                                                const OpContext& ctx) {
    std::vector<AggregateSpec> specs;
    specs.reserve(aggs.size());
    for (const auto& a : aggs) specs.emplace_back(a, ctx);
    return specs;
}

// ---------------------------------------------------------------------------------------------

GroupTable::GroupTable(std::vector<std::string> by, const std::vector<AggregateSpec>& specs)
    : by_(std::move(by)), specs_(specs) {
    for (const auto& s : specs_) {
        const AggFunction f = s.function();
        needs_time_ = needs_time_ || f == AggFunction::Earliest || f == AggFunction::Latest ||
                      f == AggFunction::EarliestTime || f == AggFunction::LatestTime;
    }
}

GroupTable::Group& GroupTable::create(std::string key_text, std::vector<std::string> key) {
    Group g;
    g.key = std::move(key);
    g.accs.reserve(specs_.size());
    for (const auto& s : specs_) g.accs.push_back(s.make());
    index_.emplace(std::move(key_text), groups_.size());
    groups_.push_back(std::move(g));
    return groups_.back();
}

const std::vector<size_t>& GroupTable::groups_of(const Event& event) {
    found_.clear();
    if (by_.empty()) {
        if (groups_.empty()) create({}, {});
        found_.push_back(0);
        return found_;
    }
    // One pointer per by-field; any null drops the event. Small, so kept on the stack.
    constexpr size_t kMaxBy = 32;
    const Value* vals[kMaxBy];
    size_t nby = std::min(by_.size(), kMaxBy);
    bool multi = false;
    for (size_t i = 0; i < nby; ++i) {
        vals[i] = event.find(by_[i]);
        if (!vals[i] || vals[i]->is_null()) return found_;
        multi = multi || vals[i]->is_multi();
    }
    size_t idx[kMaxBy] = {};
    while (true) {
        key_buf_.clear();
        for (size_t i = 0; i < nby; ++i) {
            if (i) key_buf_ += '\0';
            append_text(key_buf_, *vals[i], idx[i]);
        }
        auto it = index_.find(key_buf_);
        if (it != index_.end()) {
            if (!multi || std::find(found_.begin(), found_.end(), it->second) == found_.end())
                found_.push_back(it->second);
        } else {
            std::vector<std::string> key(nby);
            for (size_t i = 0; i < nby; ++i) append_text(key[i], *vals[i], idx[i]);
            create(key_buf_, std::move(key));
            found_.push_back(groups_.size() - 1);
        }
        if (!multi) break;
        // Next combination of multivalue elements (odometer order, last field fastest).
        size_t i = nby;
        while (i > 0) {
            --i;
            if (++idx[i] < vals[i]->mv_size()) break;
            idx[i] = 0;
            if (i == 0) return found_;
        }
    }
    return found_;
}

void GroupTable::add_to(size_t group, const Event& event) {
    Group& g = groups_[group];
    Value scratch;
    // Only earliest/latest look at _time: the other functions spare the lookup on every event.
    const double time = needs_time_ ? event.time() : 0;
    for (size_t i = 0; i < specs_.size(); ++i) {
        const AggregateSpec& spec = specs_[i];
        if (spec.wildcard()) {
            // every matching field of the event except the by-fields, each into its own accumulator
            auto& per_field = static_cast<WildcardAccumulator&>(*g.accs[i]);
            for (const auto& [name, value] : event.fields())
                if (!value.is_null() && spec.matches(name) && std::find(by_.begin(), by_.end(), name) == by_.end())
                    spec.feed(per_field.of(name), value, time);
        } else if (const Value* arg = spec.argument(event, scratch)) {
            spec.feed(*g.accs[i], *arg, time);
        }
    }
}

void GroupTable::add(const Event& event) {
    for (size_t g : groups_of(event)) add_to(g, event);
}

bool GroupTable::mergeable() const {
    for (const auto& s : specs_)
        if (!s.make()->mergeable()) return false;
    return true;
}

void GroupTable::merge(GroupTable& other) {
    std::string key_text;
    for (Group& g : other.groups_) {
        key_text.clear();
        for (size_t i = 0; i < g.key.size(); ++i) {
            if (i) key_text += '\0';
            key_text += g.key[i];
        }
        auto it = index_.find(key_text);
        if (it == index_.end()) {
            index_.emplace(key_text, groups_.size());
            groups_.push_back(std::move(g));
            continue;
        }
        Group& mine = groups_[it->second];
        for (size_t i = 0; i < mine.accs.size(); ++i) mine.accs[i]->merge(*g.accs[i]);
    }
    other.clear();
}

void GroupTable::clear() {
    groups_.clear();
    index_.clear();
}

std::vector<size_t> GroupTable::sorted() const {
    std::vector<size_t> order(groups_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    // Numbers are parsed once per key value, not once per comparison.
    struct SortKey { std::optional<double> num; const std::string* text; };
    std::vector<std::vector<SortKey>> keys(groups_.size());
    for (size_t g = 0; g < groups_.size(); ++g)
        for (const auto& k : groups_[g].key) keys[g].push_back({parse_number(k), &k});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const auto& ka = keys[a];
        const auto& kb = keys[b];
        for (size_t i = 0; i < ka.size() && i < kb.size(); ++i) {
            const SortKey& x = ka[i];
            const SortKey& y = kb[i];
            if (x.num && y.num) {
                if (*x.num != *y.num) return *x.num < *y.num;
            } else if (x.num || y.num) {
                return bool(x.num);
            }
            if (*x.text != *y.text) return *x.text < *y.text;
        }
        return false;
    });
    return order;
}

Event GroupTable::row(size_t group) const {
    const Group& g = groups_[group];
    Event e;
    e.fields().reserve(by_.size() + specs_.size());
    for (size_t i = 0; i < by_.size() && i < g.key.size(); ++i) e.set(by_[i], Value::string(g.key[i]));
    annotate(group, e);
    return e;
}

template <class Fn> void GroupTable::each_result(size_t group, Fn&& fn) const {
    const Group& g = groups_[group];
    for (size_t i = 0; i < specs_.size(); ++i) {
        if (!specs_[i].wildcard()) {
            fn(specs_[i].output(), g.accs[i]->result());
            continue;
        }
        // one output per matched field, in name order
        for (const auto& [field, acc] : static_cast<const WildcardAccumulator&>(*g.accs[i]).fields())
            fn(specs_[i].output_for(field), acc->result());
    }
}

void GroupTable::annotate(size_t group, Event& event) const {
    // per event in streamstats: straight onto the event, no list in between
    each_result(group, [&](const std::string& name, Value value) { event.set(name, std::move(value)); });
}

std::vector<std::pair<std::string, Value>> GroupTable::results(size_t group) const {
    std::vector<std::pair<std::string, Value>> out;
    out.reserve(specs_.size());
    each_result(group, [&](const std::string& name, Value value) { out.emplace_back(name, std::move(value)); });
    return out;
}

bool group_value_less(std::string_view a, std::string_view b) {
    auto na = parse_number(a), nb = parse_number(b);
    if (na && nb && *na != *nb) return *na < *nb;
    if (bool(na) != bool(nb)) return bool(na);
    return a < b;
}

Value stat_number(double d) {
    if (!std::isfinite(d) || (d == std::floor(d) && std::fabs(d) < 1e15)) return Value::number(d);
    char buf[64];
    double mag = std::fabs(d);
    auto fmt = mag >= 1e-6 && mag < 1e15 ? std::chars_format::fixed : std::chars_format::general;
    auto res = std::to_chars(buf, buf + sizeof buf, d, fmt);
    return Value::string(std::string(buf, res.ptr));
}

}  // namespace minispl
