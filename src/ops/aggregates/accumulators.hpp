#pragma once
// The accumulator implementations behind AggregateSpec::make(), one family per file.
#include "minispl/ops/aggregate.hpp"

#include <memory>

namespace minispl::aggregates {

//! count, dc, values, list, mode: functions over values as strings (counting.cpp).
std::unique_ptr<Accumulator> make_counting(AggFunction f);
//! min, max, sum, sumsq, avg, stdev(p), var(p), range, median, perc family (numeric.cpp).
std::unique_ptr<Accumulator> make_numeric(AggFunction f, double percentile);
//! first, last, earliest, latest, earliest_time, latest_time (order.cpp).
std::unique_ptr<Accumulator> make_order(AggFunction f);

}  // namespace minispl::aggregates
