// Relative time modifiers: "-7d@d", "+1h", "@w1", "-1mon@mon+6h", "now"; UTC calendar.
#include "minispl/eval/time_modifier.hpp"

#include "minispl/core/ascii.hpp"
#include "minispl/core/civil_time.hpp"
#include "minispl/eval/time_format.hpp"

#include <cctype>
#include <cmath>
#include <string>

namespace minispl {
namespace {

enum class Unit { Sec, Min, Hour, Day, Week, Month, Quarter, Year, None };

Unit unit_of(std::string_view u) {
    const std::string s = lower(u);
    if (s == "s" || s == "sec" || s == "secs" || s == "second" || s == "seconds") return Unit::Sec;
    if (s == "m" || s == "min" || s == "mins" || s == "minute" || s == "minutes") return Unit::Min;
    if (s == "h" || s == "hr" || s == "hrs" || s == "hour" || s == "hours") return Unit::Hour;
    if (s == "d" || s == "day" || s == "days") return Unit::Day;
    if (s == "w" || s == "week" || s == "weeks") return Unit::Week;
    if (s == "mon" || s == "month" || s == "months") return Unit::Month;
    if (s == "q" || s == "qtr" || s == "qtrs" || s == "quarter" || s == "quarters") return Unit::Quarter;
    if (s == "y" || s == "yr" || s == "yrs" || s == "year" || s == "years") return Unit::Year;
    return Unit::None;
}

struct Civil {
    long long y;
    unsigned m, d;
    long long sod;  // seconds of day
    double frac;
};

Civil to_civil(double t) {
    double whole = std::floor(t);
    long long s = static_cast<long long>(whole);
    long long days = civil::day_of_second(s);
    const civil::Date date = civil::civil_from_days(days);
    Civil c{date.year, date.month, date.day, 0, 0};
    c.sod = s - days * 86400;
    c.frac = t - whole;
    return c;
}

double from_civil(long long y, unsigned m, unsigned d, long long sod, double frac) {
    return static_cast<double>(civil::days_from_civil(y, m, d) * 86400 + sod) + frac;
}

double add_months(double t, long long months) {
    Civil c = to_civil(t);
    long long total = c.y * 12 + (c.m - 1) + months;
    long long y = total >= 0 ? total / 12 : -((-total + 11) / 12);
    unsigned m = static_cast<unsigned>(total - y * 12) + 1;
    unsigned d = std::min(c.d, civil::days_in_month(y, m));  // Mar 31 - 1mon = Feb 28/29
    return from_civil(y, m, d, c.sod, c.frac);
}

double offset(double t, long long n, Unit u) {
    switch (u) {
        case Unit::Sec: return t + n;
        case Unit::Min: return t + n * 60.0;
        case Unit::Hour: return t + n * 3600.0;
        case Unit::Day: return t + n * 86400.0;
        case Unit::Week: return t + n * 604800.0;
        case Unit::Month: return add_months(t, n);
        case Unit::Quarter: return add_months(t, 3 * n);
        case Unit::Year: return add_months(t, 12 * n);
        default: return t;
    }
}

//! Snaps down to the start of the unit; `weekday` (0-6, Sunday 0) for @wN.
double snap(double t, Unit u, int weekday) {
    Civil c = to_civil(t);
    switch (u) {
        case Unit::Sec: return std::floor(t);
        case Unit::Min: return std::floor(t / 60) * 60;
        case Unit::Hour: return std::floor(t / 3600) * 3600;
        case Unit::Day: return from_civil(c.y, c.m, c.d, 0, 0);
        case Unit::Week: {
            long long days = civil::days_from_civil(c.y, c.m, c.d);
            int wd = civil::weekday(days);
            int back = (wd - weekday + 7) % 7;
            return static_cast<double>((days - back) * 86400);
        }
        case Unit::Month: return from_civil(c.y, c.m, 1, 0, 0);
        case Unit::Quarter: return from_civil(c.y, ((c.m - 1) / 3) * 3 + 1, 1, 0, 0);
        case Unit::Year: return from_civil(c.y, 1, 1, 0, 0);
        default: return t;
    }
}

//! Reads a unit name (letters) at s[i].
std::string_view read_unit(std::string_view s, size_t& i) {
    size_t b = i;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    return s.substr(b, i - b);
}

}  // namespace

std::optional<double> apply_time_modifier(std::string_view mod, double base) {
    while (!mod.empty() && std::isspace(static_cast<unsigned char>(mod.front()))) mod.remove_prefix(1);
    while (!mod.empty() && std::isspace(static_cast<unsigned char>(mod.back()))) mod.remove_suffix(1);
    if (mod.empty() || mod == "now" || mod == "now()") return base;
    double t = base;
    size_t i = 0;
    bool any = false;
    while (i < mod.size()) {
        char c = mod[i];
        if (c == '+' || c == '-') {
            int sign = c == '-' ? -1 : 1;
            ++i;
            long long n = 0;
            size_t b = i;
            while (i < mod.size() && std::isdigit(static_cast<unsigned char>(mod[i]))) n = n * 10 + (mod[i++] - '0');
            if (i == b) n = 1;  // "-d" means "-1d"
            Unit u = unit_of(read_unit(mod, i));
            if (u == Unit::None) return std::nullopt;
            t = offset(t, sign * n, u);
            any = true;
        } else if (c == '@') {
            ++i;
            std::string_view name = read_unit(mod, i);
            Unit u = unit_of(name);
            int weekday = 0;
            if (u == Unit::Week && i < mod.size() && std::isdigit(static_cast<unsigned char>(mod[i]))) {
                weekday = (mod[i++] - '0') % 7;  // @w7 is Sunday too
            }
            if (u == Unit::None) return std::nullopt;
            t = snap(t, u, weekday);
            any = true;
        } else {
            return std::nullopt;
        }
    }
    if (!any) return std::nullopt;
    return t;
}

std::optional<double> parse_time_bound(std::string_view text, double now) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    if (text.substr(0, 2) == "rt") text.remove_prefix(2);  // real-time windows behave as plain ones offline
    if (text.empty() || text == "now" || text == "now()") return now;
    if (!text.empty() && std::isdigit(static_cast<unsigned char>(text[0]))) {
        bool numeric = true;
        for (char c : text)
            if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') numeric = false;
        if (numeric) return std::stod(std::string(text));
        if (auto t = parse_time(text, "%m/%d/%Y:%H:%M:%S")) return t;
        if (auto t = parse_time(text, "%m/%d/%Y")) return t;
        return std::nullopt;
    }
    return apply_time_modifier(text, now);
}

double snap_to_unit(double t, std::string_view unit) {
    Unit u = unit_of(unit);
    return u == Unit::None ? t : snap(t, u, 0);
}

}  // namespace minispl
