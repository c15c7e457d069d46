// Splunk's aggregation function names, for unknown-function.
#include "checks.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace minispl::lint {

namespace {
std::string lower(std::string_view s) {
    std::string r(s);
    std::transform(r.begin(), r.end(), r.begin(), [](unsigned char c) { return std::tolower(c); });
    return r;
}
}  // namespace

bool is_stats_function(std::string_view name) {
    // Search Reference, "Statistical and charting functions" (+ the time functions of stats).
    static const std::set<std::string, std::less<>> fns = {
        "avg", "mean", "c", "count", "dc", "distinct_count", "estdc", "estdc_error", "exactperc",
        "max", "median", "min", "mode", "p", "perc", "percentile", "range", "stdev", "stdevp", "sum",
        "sumsq", "upperperc", "var", "varp", "first", "last", "list", "values", "earliest",
        "earliest_time", "latest", "latest_time", "per_day", "per_hour", "per_minute", "per_second",
        "rate", "rate_avg", "rate_sum", "sparkline"};
    std::string n = lower(name);
    if (fns.count(n)) return true;
    // pNN, percNN, exactpercNN, upperpercNN when the parser keeps the number in the name.
    for (const char* prefix : {"exactperc", "upperperc", "perc", "p"}) {
        std::string_view p(prefix);
        if (n.size() > p.size() && n.compare(0, p.size(), p) == 0 &&
            std::all_of(n.begin() + p.size(), n.end(), [](char c) { return std::isdigit((unsigned char)c) || c == '.'; }))
            return true;
    }
    return false;
}

}  // namespace minispl::lint
