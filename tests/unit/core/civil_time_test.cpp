#include "minispl/core/civil_time.hpp"

#include <doctest/doctest.h>

#include <initializer_list>

using namespace minispl;

TEST_CASE("days_from_civil gives the day numbers of known dates") {
    // Expected values from Python's datetime (date - date(1970, 1, 1)).days.
    CHECK(civil::days_from_civil(1970, 1, 1) == 0);
    CHECK(civil::days_from_civil(1969, 12, 31) == -1);
    CHECK(civil::days_from_civil(2024, 2, 29) == 19782);
    CHECK(civil::days_from_civil(2000, 3, 1) == 11017);
    CHECK(civil::days_from_civil(1900, 2, 28) == -25509);
    CHECK(civil::days_from_civil(1900, 3, 1) == -25508);  // 1900 is not a leap year
    CHECK(civil::days_from_civil(1600, 2, 29) == -135081);
    CHECK(civil::days_from_civil(1, 1, 1) == -719162);
    CHECK(civil::days_from_civil(9999, 12, 31) == 2932896);
    CHECK(civil::days_from_civil(0, 3, 1) == -719468);  // the algorithm's era origin
}

TEST_CASE("civil_from_days inverts days_from_civil and steps one calendar day at a time") {
    // Every day from 10000 BC (year -9999) to AD 10000: each day number maps to a valid date,
    // back to itself, and to the date after the previous day's (counted with a month table that
    // is independent of the header's).
    const unsigned lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    auto leap = [](long long y) { return y % 400 == 0 || (y % 4 == 0 && y % 100 != 0); };
    const long long first = civil::days_from_civil(-9999, 1, 1), last = civil::days_from_civil(10000, 12, 31);
    civil::Date expect{-9999, 1, 1};
    long long leap_days = 0, failures = 0;
    for (long long z = first; z <= last; ++z) {
        const civil::Date d = civil::civil_from_days(z);
        if (d.year != expect.year || d.month != expect.month || d.day != expect.day ||
            civil::days_from_civil(d.year, d.month, d.day) != z)
            ++failures;
        if (d.month == 2 && d.day == 29) ++leap_days;
        const unsigned len = expect.month == 2 && leap(expect.year) ? 29 : lengths[expect.month - 1];
        if (++expect.day > len) {
            expect.day = 1;
            if (++expect.month > 12) {
                expect.month = 1;
                ++expect.year;
            }
        }
    }
    CHECK(failures == 0);
    // 20000 years hold 50 cycles of 400 years with 97 leap days each.
    CHECK(leap_days == 50 * 97);
    CHECK(last - first + 1 == 50 * 146097);
}

TEST_CASE("negative years and leap days round-trip") {
    for (long long y : {-4801LL, -400LL, -101LL, -100LL, -4LL, -1LL, 0LL, 4LL, 1600LL, 2000LL, 2100LL}) {
        CAPTURE(y);
        const bool leap = (y % 400 == 0) || (y % 4 == 0 && y % 100 != 0);
        CHECK(civil::is_leap_year(y) == leap);
        CHECK(civil::days_in_month(y, 2) == (leap ? 29u : 28u));
        const long long mar1 = civil::days_from_civil(y, 3, 1);
        const civil::Date before = civil::civil_from_days(mar1 - 1);
        CHECK(before.year == y);
        CHECK(before.month == 2);
        CHECK(before.day == (leap ? 29u : 28u));
    }
}

TEST_CASE("day_of_second floors toward minus infinity and weekday counts from Sunday") {
    CHECK(civil::day_of_second(0) == 0);
    CHECK(civil::day_of_second(86399) == 0);
    CHECK(civil::day_of_second(86400) == 1);
    CHECK(civil::day_of_second(-1) == -1);
    CHECK(civil::day_of_second(-86400) == -1);
    CHECK(civil::day_of_second(-86401) == -2);
    CHECK(civil::weekday(0) == 4);                                   // 1970-01-01, a Thursday
    CHECK(civil::weekday(-1) == 3);                                  // 1969-12-31, a Wednesday
    CHECK(civil::weekday(civil::days_from_civil(2024, 2, 29)) == 4);  // a Thursday
    CHECK(civil::weekday(civil::days_from_civil(1, 1, 1)) == 1);      // a Monday
}
