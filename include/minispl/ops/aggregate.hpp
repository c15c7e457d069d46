#pragma once
// Aggregation functions shared by stats, eventstats and streamstats, and the grouping of events
// by their `by` fields.
#include "minispl/core/event.hpp"
#include "minispl/core/value.hpp"
#include "minispl/eval/evaluator.hpp"
#include "minispl/ops/context.hpp"
#include "minispl/parse/ast.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <absl/container/flat_hash_map.h>
#include <vector>

namespace minispl {

//! The running state of one aggregation function over one group of events.
//! Most functions see a multivalue field one element at a time (`add`); first/last/earliest/latest
//! keep whole values (`add_whole`).
class Accumulator {
public:
    virtual ~Accumulator() = default;
    //! One value (never null) of the argument, from an event with this `_time`.
    virtual void add(std::string_view text, double time) = 0;
    //! Whether the function wants whole (possibly multivalue) values through add_whole.
    virtual bool wants_whole() const { return false; }
    virtual void add_whole(const Value& v, double time) {}
    //! The aggregate so far; null when there is nothing to report (e.g. avg of no numbers).
    virtual Value result() const = 0;
    //! Whether merge() exists and gives exactly what one accumulator fed with both inputs would,
    //! whatever their order (count, dc, values, the percentiles; not sums of doubles, first/last
    //! or tie-breaks by arrival). Lets several reading threads aggregate in parallel.
    virtual bool mergeable() const { return false; }
    //! Adds the state of `other`, an accumulator of the same function (only when mergeable()).
    virtual void merge(Accumulator& other) {}
};

//! The aggregation functions minispl implements (aliases folded: c→count, mean→avg, ...).
enum class AggFunction {
    Count, DistinctCount, Values, List, Min, Max, Sum, Sumsq, Avg, Stdev, Stdevp, Var, Varp, Range,
    Median, Mode, Perc, UpperPerc, ExactPerc, Earliest, Latest, EarliestTime, LatestTime, First, Last,
};

//! Whether `name` (any case; pNN, perc99.9 and the like included) is one of Splunk's stats
//! functions: one AggregateSpec runs, or one it refuses as unknown (per_day, rate, sparkline, ...).
//! The one list of stats function names; lint asks it.
bool is_stats_function(std::string_view name);

//! Whether `function` (as written, any case) may take a field wildcard (`values(*) as *`):
//! the functions whose result over a group without the field is null, so a field a group never
//! had simply gives no output (count and dc would owe a 0 per field of other groups).
bool wildcard_aggregation_supported(std::string_view function);

//! One aggregation of a stats-family command, compiled: function, argument (field, field wildcard
//! or eval expression) and output name. Throws SplError for unknown functions and for wildcards
//! on functions wildcard_aggregation_supported() refuses.
class AggregateSpec {
public:
    AggregateSpec(const ast::Aggregation& agg, const OpContext& ctx);
    AggregateSpec(AggregateSpec&&) noexcept = default;
    AggregateSpec& operator=(AggregateSpec&&) noexcept = default;

    AggFunction function() const { return function_; }
    //! The output field: the `as` alias, else the call as written.
    const std::string& output() const { return output_; }
    //! The accumulator of one group; for a wildcard, a WildcardAccumulator.
    std::unique_ptr<Accumulator> make() const;

    //! The argument is a field wildcard (`values(*)`, `latest(requestParameters.*)`): one result
    //! per matching field, named by output_for(). Matching skips internal fields (`_raw`, `_time`,
    //! ...) unless the pattern itself starts with `_`.
    bool wildcard() const { return wildcard_; }
    bool matches(std::string_view field) const;
    //! The output name for one matched field: the alias with its `*` replaced by what the
    //! argument's `*` matched (`values(*) as *` keeps the name, `as last_*` prefixes it), or the
    //! call with the field in place of the wildcard (`values(user)`).
    std::string output_for(std::string_view field) const;
    //! The argument's value for `event`: a pointer into the event, into `scratch` (eval results),
    //! or nullptr when null. Bare `count` yields a non-null marker for every event.
    const Value* argument(const Event& event, Value& scratch) const;
    //! Feeds a non-null argument value into `acc`.
    void feed(Accumulator& acc, const Value& arg, double time) const;
    //! Convenience: argument + feed.
    void feed(Accumulator& acc, const Event& event) const;
    //! The value the function reports over no events (count and dc: 0, others null).
    Value empty_result() const;

private:
    friend class WildcardAccumulator;
    std::unique_ptr<Accumulator> make_one() const;

    AggFunction function_ = AggFunction::Count;
    bool wildcard_ = false;
    std::string field_;
    std::string written_;  // the call as written, for output_for without an alias
    std::optional<Evaluator> eval_;
    double percentile_ = 50;
    std::string output_;
};

//! The state of a wildcard aggregation over one group: an accumulator per matched field, made on
//! the field's first value. GroupTable feeds it field by field and reports one output per field.
class WildcardAccumulator : public Accumulator {
public:
    explicit WildcardAccumulator(const AggregateSpec& spec);
    //! The accumulator of `field`, created on first use.
    Accumulator& of(std::string_view field);
    //! Matched field → its accumulator, in name order.
    const std::map<std::string, std::unique_ptr<Accumulator>, std::less<>>& fields() const { return by_field_; }

    void add(std::string_view, double) override {}  // fed through of(), never as one value
    Value result() const override { return Value(); }
    bool mergeable() const override;
    void merge(Accumulator& other) override;

private:
    const AggregateSpec& spec_;
    std::map<std::string, std::unique_ptr<Accumulator>, std::less<>> by_field_;
};

//! Compiles every aggregation of a command.
std::vector<AggregateSpec> compile_aggregations(const std::vector<ast::Aggregation>& aggs,
                                                const OpContext& ctx);

//! Groups events by their `by` fields and keeps one set of accumulators per group. State grows
//! with the number of groups only; an event with a null by-field belongs to no group, and a
//! multivalue by-field puts the event in one group per value (the cartesian product for several).
class GroupTable {
public:
    struct Group {
        std::vector<std::string> key;                     //!< the by-field values
        std::vector<std::unique_ptr<Accumulator>> accs;   //!< one per aggregation
    };

    GroupTable(std::vector<std::string> by, const std::vector<AggregateSpec>& specs);

    //! Indices of the groups `event` belongs to, created on first sight; empty when a by-field
    //! is null. The returned vector is reused by the next call.
    const std::vector<size_t>& groups_of(const Event& event);
    //! Feeds `event` into every group it belongs to.
    void add(const Event& event);
    //! Feeds `event` into one group.
    void add_to(size_t group, const Event& event);
    //! Forgets every group (streamstats reset_on_change).
    void clear();
    //! Whether every aggregation can be computed by parts and merged (Accumulator::mergeable).
    bool mergeable() const;
    //! Adds the groups of `other` (same by-fields and aggregations, fed with other events).
    void merge(GroupTable& other);

    std::vector<Group>& groups() { return groups_; }
    const std::vector<std::string>& by() const { return by_; }
    //! Group indices sorted by their by-values (numbers numerically and before strings).
    std::vector<size_t> sorted() const;
    //! A row: by-fields, then each aggregation's result (null results omitted).
    Event row(size_t group) const;
    //! Sets each aggregation's result of `group` on `event` (null results remove the field).
    void annotate(size_t group, Event& event) const;
    //! Each aggregation's (output name, result) for `group`, in order; a wildcard aggregation
    //! gives one per matched field.
    std::vector<std::pair<std::string, Value>> results(size_t group) const;

private:
    Group& create(std::string key_text, std::vector<std::string> key);
    //! Calls fn(output name, result) for each output of `group`, in order.
    template <class Fn> void each_result(size_t group, Fn&& fn) const;

    std::vector<std::string> by_;
    const std::vector<AggregateSpec>& specs_;
    std::vector<Group> groups_;
    absl::flat_hash_map<std::string, size_t> index_;  // by-values joined by '\0' → group
    bool needs_time_ = false;      // some aggregation reads _time (earliest/latest)
    std::string key_buf_;          // reused per event: the by-values joined by '\0'
    std::vector<size_t> found_;    // reused per event
};

//! Orders two by-field values as stats sorts its groups: numbers numerically and before strings,
//! strings byte-wise.
bool group_value_less(std::string_view a, std::string_view b);

//! Formats an aggregate number: integers without a point, others with the shortest text that
//! reads back as the same double (Splunk prints `avg` as 3.9900000000000055).
Value stat_number(double d);

}  // namespace minispl
