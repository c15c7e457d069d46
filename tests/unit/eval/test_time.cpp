// now, relative_time and its modifiers, strftime, strptime (UTC).
#include "helpers.hpp"
#include "minispl/eval/time_format.hpp"
#include "minispl/eval/time_modifier.hpp"

using namespace evaltest;
using minispl::apply_time_modifier;
using minispl::format_time;
using minispl::parse_time;
using minispl::parse_time_bound;

// kNow = 1700000000 = Tuesday 2023-11-14T22:13:20Z

TEST_CASE("now() is the search's now") {
    CHECK(ev("now()") == N(kNow));
    double t = ev("time()").as_number().value();
    CHECK(t > 1600000000);
}

TEST_CASE("relative_time: offsets and snaps") {
    CHECK(ev("relative_time(now(), \"-7d@d\")") == N(1699315200));   // 2023-11-07T00:00:00
    CHECK(ev("relative_time(now(), \"-24h@h\")") == N(1699912800));  // 2023-11-13T22:00:00
    CHECK(ev("relative_time(now(), \"-70m@m\")") == N(1699995780));  // 21:03:00
    CHECK(ev("relative_time(now(), \"@d\")") == N(1699920000));
    CHECK(ev("relative_time(now(), \"-24h\")") == N(kNow - 86400));
    CHECK(ev("relative_time(now(), \"+1d@d+6h\")") == N(1700028000));
    CHECK(ev("relative_time(now(), \"@w0\")") == N(1699747200));     // Sunday 2023-11-12
    CHECK(ev("relative_time(now(), \"@w1\")") == N(1699833600));     // Monday 2023-11-13
    CHECK(ev("relative_time(now(), \"-1mon@mon\")") == N(1696118400));  // 2023-10-01
    CHECK(ev("relative_time(now(), \"@q\")") == N(1696118400));
    CHECK(ev("relative_time(now(), \"@y\")") == N(1672531200));
    CHECK(ev("relative_time(now(), \"-1y\")") == N(kNow - 365 * 86400));
    CHECK(ev("relative_time(now(), \"-h\")") == N(kNow - 3600));       // no number means 1
    CHECK(ev("relative_time(now(), \"-2days\")") == N(kNow - 2 * 86400));
    CHECK(is_null("relative_time(now(), \"yesterday\")"));
    CHECK(is_null("relative_time(missing, \"-1d\")"));
    // built from strings, as remote_access_software_usage_exceptions does
    Event e = event({{"ttl", S("30")}});
    CHECK(ev("relative_time(0, \"+\"+ttl+\"d\")", e) == N(30 * 86400));
}

TEST_CASE("month arithmetic clamps to the month's last day") {
    // 2024-03-31T00:00:00Z - 1mon = 2024-02-29
    CHECK(apply_time_modifier("-1mon", 1711843200).value() == 1709164800);
}

TEST_CASE("earliest/latest bounds: modifiers, now, epoch, absolute time") {
    CHECK(parse_time_bound("-7d@d", kNow).value() == 1699315200);
    CHECK(parse_time_bound("now", kNow).value() == kNow);
    CHECK(parse_time_bound("0", kNow).value() == 0);
    CHECK(parse_time_bound("1699999999", kNow).value() == 1699999999);
    CHECK(parse_time_bound("11/14/2023:22:13:20", kNow).value() == kNow);
    CHECK_FALSE(parse_time_bound("bogus", kNow).has_value());
}

TEST_CASE("strftime: Splunk variables in UTC") {
    CHECK(evs("strftime(now(), \"%Y-%m-%dT%H:%M:%S\")") == "2023-11-14T22:13:20");
    CHECK(evs("strftime(now(), \"%H\")") == "22");
    CHECK(evs("strftime(now(), \"%w\")") == "2");  // Tuesday
    CHECK(evs("strftime(now(), \"%m/%d/%y %H:%M:%S\")") == "11/14/23 22:13:20");
    CHECK(evs("strftime(now(), \"%c\")") == "Tue Nov 14 22:13:20 2023");
    CHECK(evs("strftime(now(), \"%a %A %b %B %j %e %I %p\")") == "Tue Tuesday Nov November 318 14 10 PM");
    CHECK(evs("strftime(now(), \"%s %z %:z %Z %%\")") == "1700000000 +0000 +00:00 UTC %");
    CHECK(evs("strftime(now(), \"%F %T\")") == "2023-11-14 22:13:20");
    CHECK(evs("strftime(now(), \"%V %G %u\")") == "46 2023 2");
    CHECK(format_time(1700000000.123456, "%S.%3N") == "20.123");
    CHECK(format_time(1700000000.123456, "%S.%6N") == "20.123456");
    CHECK(format_time(1700000000.5, "%N") == "500000000");  // %N defaults to %9N
    CHECK(format_time(1700000000.5, "%Q") == "500");        // %Q defaults to %3Q
    CHECK(format_time(1700000000.25, "%f") == "250000");
    CHECK(format_time(-1, "%Y-%m-%d %H:%M:%S") == "1969-12-31 23:59:59");
    CHECK(evs("strftime(1700000000123/pow(10,3), \"%Y-%m-%d %H:%M:%S.%3N\")") == "2023-11-14 22:13:20.123");
    CHECK(is_null("strftime(\"abc\", \"%Y\")"));
}

TEST_CASE("strptime: text to epoch") {
    CHECK(ev("strptime(\"2023-11-14\", \"%Y-%m-%d\")") == N(1699920000));
    CHECK(ev("strptime(\"2023-11-14T22:13:20Z\", \"%Y-%m-%dT%H:%M:%SZ\")") == N(kNow));
    CHECK(ev("strptime(\"2023-11-14T22:13:20.500Z\", \"%Y-%m-%dT%H:%M:%S.%QZ\")") == N(kNow + 0.5));
    CHECK(ev("strptime(\"2023-11-14T22:13:20Z\", \"%Y-%m-%dT%H:%M:%S%z\")") == N(kNow));
    CHECK(ev("strptime(\"2023-11-14 23:13:20 +0100\", \"%Y-%m-%d %H:%M:%S %z\")") == N(kNow));
    CHECK(ev("strptime(\"2023-11-14 17:13:20 -05:00\", \"%Y-%m-%d %H:%M:%S %z\")") == N(kNow));
    CHECK(ev("strptime(\"Nov 14 2023 10:13:20 PM\", \"%b %d %Y %I:%M:%S %p\")") == N(kNow));
    CHECK(ev("strptime(\"14/November/2023\", \"%d/%B/%Y\")") == N(1699920000));
    CHECK(ev("strptime(\"1700000000\", \"%s\")") == N(kNow));
    CHECK(ev("strptime(\"11/14/2023 22:13:20 extra\", \"%m/%d/%Y %H:%M:%S\")") == N(kNow));  // trailing text ignored
    CHECK(is_null("strptime(\"garbage\", \"%Y-%m-%d\")"));
    CHECK(is_null("strptime(\"2023-13-01\", \"%Y-%m-%d\")"));
    CHECK(parse_time("2023-11-14T22:13:20.123456", "%Y-%m-%dT%H:%M:%S.%6N").value() == doctest::Approx(kNow + 0.123456));
}

TEST_CASE("strftime and strptime round-trip") {
    const char* fmt = "%Y-%m-%dT%H:%M:%S.%3N%z";
    std::string s = format_time(1234567890.25, fmt);
    CHECK(s == "2009-02-13T23:31:30.250+0000");
    CHECK(parse_time(s, fmt).value() == 1234567890.25);
}
