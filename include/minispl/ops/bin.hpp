#pragma once
// bin / bucket: put a numeric or time field into discrete bins.
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minispl {

//! Parses a span such as "5m", "1h", "30s", "2d", "1w", "3mon", "1y", "250ms", "10" (a plain
//! number). Units are normalised as in ast::TimeSpan ("min"→"m", "hr"→"h", "month"→"mon", ...).
std::optional<ast::TimeSpan> parse_time_span(std::string_view text);
//! A span's length in seconds (months, quarters, years: 30, 90, 365 days; plain numbers: themselves).
double span_seconds(const ast::TimeSpan& span);
//! Floors an epoch time to its span: aligned to the epoch for sub-day spans, to UTC midnight
//! for days and weeks, to the first of the month/quarter/year for mon/q/y.
double floor_time(double t, const ast::TimeSpan& span);

//! bin [span=S | bins=N] field [as alias]. `_time`, or any field with a time-unit span, is floored
//! to the span and stays an epoch number; another field with a numeric span becomes the range
//! text "lo-hi" (`bin x span=10`: 17 → "10-20"). Without span= the span is chosen from the data
//! (bins=N, default 100), which buffers the events. minspan/start/end/aligntime are unsupported.
class BinOperator : public Operator {
public:
    BinOperator(const ast::BinCmd& cmd, const OpContext& ctx);
    void push(Event event) override;
    void finish() override;

private:
    void apply(Event& event) const;
    Value bin_value(const Value& v) const;
    std::string bin_text(double x) const;

    std::string field_, out_;
    bool time_mode_ = false;            //!< floor to an epoch number rather than a "lo-hi" range
    std::optional<ast::TimeSpan> span_; //!< unset until chosen from the data (bins=)
    int bins_ = 100;
    std::vector<Event> buffer_;         //!< only when the span comes from the data
};

}  // namespace minispl
