#pragma once
// Splunk's strftime/strptime (the "Common time format variables" of the Search Reference), UTC.
#include <optional>
#include <string>
#include <string_view>

namespace minispl {

//! Formats epoch seconds with a Splunk time format: %Y %y %m %d %e %j %H %I %k %l %M %S %p %a %A
//! %b %B %h %Z (UTC) %z (+0000) %:z %::z %:::z %Ez %s (epoch) %N (subsecond digits, default %9N;
//! %3N %6N) %Q (default %3Q) %f (microseconds) %T %F %D %R %r %c %x %X %+ %u %w %U %V %G %n %t %%.
std::string format_time(double epoch, std::string_view format);

//! Parses text with a Splunk time format (same variables; %z accepts +hhmm, +hh:mm and Z; %Z
//! accepts UTC/GMT/Z). Text after the format's end is ignored. nullopt when the text does not fit.
std::optional<double> parse_time(std::string_view text, std::string_view format);

}  // namespace minispl
