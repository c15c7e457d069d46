#pragma once
// Splunk relative time modifiers ("-7d@d", "+1h", "@w1", "-1mon@mon+2d", "now") as used by
// relative_time(), search earliest=/latest= and bin. All calendar arithmetic is in UTC.
#include <optional>
#include <string_view>

namespace minispl {

//! Applies a relative time modifier to `base` (epoch seconds): offsets `[+-][N]unit`, a snap
//! `@unit` (`@w0`..`@w7` snap to that weekday), more offsets after the snap. Units: s sec secs
//! second seconds, m min mins minute minutes, h hr hrs hour hours, d day days, w week weeks,
//! mon month months, q qtr qtrs quarter quarters, y yr yrs year years. "now" and "" give base.
//! nullopt when the text is not a modifier.
std::optional<double> apply_time_modifier(std::string_view modifier, double base);

//! An earliest=/latest= value: a modifier (relative to `now`), "now", an epoch number, or an
//! absolute time "%m/%d/%Y:%H:%M:%S". nullopt when it is none of these.
std::optional<double> parse_time_bound(std::string_view text, double now);

//! Floors `t` to a multiple of a span in seconds (bin/timechart); days and longer align to
//! midnight UTC, weeks to Thursday 1970-01-01 as Splunk's epoch alignment does.
double snap_to_unit(double t, std::string_view unit);

}  // namespace minispl
