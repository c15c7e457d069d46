#pragma once
// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), UTC. The one
// copy for the tree: eval's strftime/strptime and time modifiers, bin's month/year spans and the
// sourcetype timestamp parsers all count days with these.

namespace minispl::civil {

//! Days since 1970-01-01 for year `y`, month `m` (1-12), day `d` (1-31); negative before 1970.
//! Howard Hinnant's algorithm (public domain): exact for every year, including negative ones.
constexpr long long days_from_civil(long long y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);              // [0, 399]
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;   // [0, 365]
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;             // [0, 146096]
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

//! A calendar date.
struct Date {
    long long year;
    unsigned month;  //!< 1-12
    unsigned day;    //!< 1-31
};

//! The date of day number `z` (the inverse of days_from_civil).
constexpr Date civil_from_days(long long z) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<long long>(yoe) + era * 400 + (m <= 2), m, doy - (153 * mp + 2) / 5 + 1};
}

constexpr bool is_leap_year(long long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr unsigned days_in_month(long long y, unsigned m) {
    constexpr unsigned dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap_year(y) ? 29 : dm[m - 1];
}

//! The day number holding second `secs` since the epoch (rounds toward minus infinity).
constexpr long long day_of_second(long long secs) {
    return secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
}

//! Day of the week of day number `days`: 0 = Sunday (1970-01-01 was a Thursday).
constexpr int weekday(long long days) { return static_cast<int>(((days % 7) + 11) % 7); }

}  // namespace minispl::civil
