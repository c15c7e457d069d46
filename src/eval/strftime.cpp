// Splunk strftime/strptime over UTC, with Splunk's subsecond variables (%N, %Q, %f) and %s.
#include "minispl/eval/time_format.hpp"

#include "minispl/core/civil_time.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <strings.h>

namespace minispl {

namespace {

const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};
const char* const kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

struct Broken {
    long long year;
    unsigned month, day;  // 1-based
    int hour, minute, second;
    int wday;  // 0 = Sunday
    int yday;  // 0-based
    double frac;
    long long secs;
};

Broken breakdown(double epoch) {
    Broken b{};
    double whole = std::floor(epoch);
    b.frac = epoch - whole;
    b.secs = static_cast<long long>(whole);
    long long days = civil::day_of_second(b.secs);
    long long rem = b.secs - days * 86400;
    const civil::Date date = civil::civil_from_days(days);
    b.year = date.year;
    b.month = date.month;
    b.day = date.day;
    b.hour = static_cast<int>(rem / 3600);
    b.minute = static_cast<int>((rem / 60) % 60);
    b.second = static_cast<int>(rem % 60);
    b.wday = civil::weekday(days);
    b.yday = static_cast<int>(days - civil::days_from_civil(b.year, 1, 1));
    return b;
}

void append(std::string& out, const char* fmt, long long v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, fmt, v);
    out += buf;
}

//! Subsecond digits, truncated like Splunk. The fraction is first rounded to microseconds: an
//! epoch near 1.7e9 only carries ~0.2us of precision, so 0.123 arrives as 0.12299990654.
void append_frac(std::string& out, double frac, int digits) {
    if (digits <= 0) digits = 3;
    if (digits > 9) digits = 9;
    long long units = std::llround(frac * 1e6);
    if (units > 999999) units = 999999;
    long long scaled = units;
    for (int k = digits; k < 6; ++k) scaled /= 10;
    for (int k = 6; k < digits; ++k) scaled *= 10;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%0*lld", digits, scaled);
    out += buf;
}

// ISO 8601 week number and week-based year.
void iso_week(const Broken& b, long long& iso_year, int& week) {
    int wday_mon = (b.wday + 6) % 7;  // 0 = Monday
    int w = (b.yday - wday_mon + 10) / 7;
    iso_year = b.year;
    auto weeks_in = [](long long y) {
        int wd = civil::weekday(civil::days_from_civil(y, 1, 1));  // 0 = Sunday
        return (wd == 4 || (civil::is_leap_year(y) && wd == 3)) ? 53 : 52;
    };
    if (w < 1) {
        iso_year = b.year - 1;
        w = weeks_in(iso_year);
    } else if (w > weeks_in(b.year)) {
        iso_year = b.year + 1;
        w = 1;
    }
    week = w;
}

}  // namespace

std::string format_time(double epoch, std::string_view f) {
    Broken b = breakdown(epoch);
    std::string out;
    for (size_t i = 0; i < f.size(); ++i) {
        if (f[i] != '%' || i + 1 >= f.size()) {
            out += f[i];
            continue;
        }
        ++i;
        int width = 0;
        while (i < f.size() && std::isdigit(static_cast<unsigned char>(f[i]))) width = width * 10 + (f[i++] - '0');
        int colons = 0;
        while (i < f.size() && f[i] == ':') {
            ++colons;
            ++i;
        }
        if (i >= f.size()) break;
        char c = f[i];
        if (c == 'E' && i + 1 < f.size() && f[i + 1] == 'z') {  // %Ez: offset in minutes
            out += "+0";
            ++i;
            continue;
        }
        int hour12 = b.hour % 12 == 0 ? 12 : b.hour % 12;
        switch (c) {
            case 'Y': append(out, "%lld", b.year); break;
            case 'y': append(out, "%02lld", ((b.year % 100) + 100) % 100); break;
            case 'C': append(out, "%02lld", b.year / 100); break;
            case 'm': append(out, "%02lld", b.month); break;
            case 'd': append(out, "%02lld", b.day); break;
            case 'e': append(out, "%2lld", b.day); break;
            case 'j': append(out, "%03lld", b.yday + 1); break;
            case 'H': append(out, "%02lld", b.hour); break;
            case 'k': append(out, "%2lld", b.hour); break;
            case 'I': append(out, "%02lld", hour12); break;
            case 'l': append(out, "%2lld", hour12); break;
            case 'M': append(out, "%02lld", b.minute); break;
            case 'S': append(out, "%02lld", b.second); break;
            case 'p': out += b.hour < 12 ? "AM" : "PM"; break;
            case 'P': out += b.hour < 12 ? "am" : "pm"; break;
            case 'a': out.append(kDays[b.wday], 3); break;
            case 'A': out += kDays[b.wday]; break;
            case 'b': case 'h': out.append(kMonths[b.month - 1], 3); break;
            case 'B': out += kMonths[b.month - 1]; break;
            case 'Z': out += "UTC"; break;
            case 'z':
                out += colons == 0 ? "+0000" : colons == 1 ? "+00:00" : colons == 2 ? "+00:00:00" : "+00";
                break;
            case 's': append(out, "%lld", b.secs); break;
            case 'N': append_frac(out, b.frac, width ? width : 9); break;
            case 'Q': append_frac(out, b.frac, width ? width : 3); break;
            case 'f': append_frac(out, b.frac, 6); break;
            case 'T': out += format_time(epoch, "%H:%M:%S"); break;
            case 'F': out += format_time(epoch, "%Y-%m-%d"); break;
            case 'D': case 'x': out += format_time(epoch, "%m/%d/%y"); break;
            case 'R': out += format_time(epoch, "%H:%M"); break;
            case 'r': out += format_time(epoch, "%I:%M:%S %p"); break;
            case 'X': out += format_time(epoch, "%H:%M:%S"); break;
            case 'c': out += format_time(epoch, "%a %b %e %H:%M:%S %Y"); break;
            case '+': out += format_time(epoch, "%a %b %e %H:%M:%S %Z %Y"); break;
            case 'u': append(out, "%lld", b.wday == 0 ? 7 : b.wday); break;
            case 'w': append(out, "%lld", b.wday); break;
            case 'U': append(out, "%02lld", (b.yday + 7 - b.wday) / 7); break;
            case 'W': append(out, "%02lld", (b.yday + 7 - (b.wday + 6) % 7) / 7); break;
            case 'V': case 'G': case 'g': {
                long long iy;
                int wk;
                iso_week(b, iy, wk);
                if (c == 'V') append(out, "%02lld", wk);
                else if (c == 'G') append(out, "%lld", iy);
                else append(out, "%02lld", iy % 100);
                break;
            }
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case '%': out += '%'; break;
            default:
                out += '%';
                out += c;
        }
    }
    return out;
}

namespace {

struct Parser {
    std::string_view s;
    size_t i = 0;

    bool digits(int min, int max, long long& v, bool allow_sign = false) {
        bool neg = false;
        if (allow_sign && i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
        size_t b = i;
        v = 0;
        while (i < s.size() && i - b < static_cast<size_t>(max) && std::isdigit(static_cast<unsigned char>(s[i])))
            v = v * 10 + (s[i++] - '0');
        if (neg) v = -v;
        return i - b >= static_cast<size_t>(min);
    }
    void spaces() {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    }
    //! Matches one of `names` (full or three-letter prefix, any case); returns its index.
    int name(const char* const* names, int count) {
        for (int k = 0; k < count; ++k) {
            size_t len = std::strlen(names[k]);
            for (size_t try_len : {len, size_t(3)}) {
                if (i + try_len <= s.size() && strncasecmp(s.data() + i, names[k], try_len) == 0) {
                    i += try_len;
                    return k;
                }
            }
        }
        return -1;
    }
};

}  // namespace

std::optional<double> parse_time(std::string_view text, std::string_view f) {
    Parser p{text};
    long long year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, yday = -1;
    double frac = 0;
    long long offset = 0;  // seconds east of UTC
    bool pm = false, have_ampm = false;
    std::optional<double> epoch;
    for (size_t i = 0; i < f.size(); ++i) {
        char c = f[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            p.spaces();
            continue;
        }
        if (c != '%' || i + 1 >= f.size()) {
            if (p.i >= text.size() || text[p.i] != c) return std::nullopt;
            ++p.i;
            continue;
        }
        ++i;
        int width = 0;
        while (i < f.size() && std::isdigit(static_cast<unsigned char>(f[i]))) width = width * 10 + (f[i++] - '0');
        while (i < f.size() && f[i] == ':') ++i;
        if (i >= f.size()) break;
        c = f[i];
        long long v;
        switch (c) {
            case 'Y': if (!p.digits(1, 4, year)) return std::nullopt; break;
            case 'y':
                if (!p.digits(1, 2, v)) return std::nullopt;
                year = v < 69 ? 2000 + v : 1900 + v;
                break;
            case 'm': if (!p.digits(1, 2, month) || month < 1 || month > 12) return std::nullopt; break;
            case 'd': case 'e':
                p.spaces();
                if (!p.digits(1, 2, day) || day < 1 || day > 31) return std::nullopt;
                break;
            case 'j': if (!p.digits(1, 3, yday) || yday < 1 || yday > 366) return std::nullopt; break;
            case 'H': case 'k':
                p.spaces();
                if (!p.digits(1, 2, hour) || hour > 24) return std::nullopt;
                break;
            case 'I': case 'l':
                p.spaces();
                if (!p.digits(1, 2, hour) || hour < 1 || hour > 12) return std::nullopt;
                break;
            case 'M': if (!p.digits(1, 2, minute) || minute > 59) return std::nullopt; break;
            case 'S': if (!p.digits(1, 2, second) || second > 60) return std::nullopt; break;
            case 'p': case 'P':
                if (p.i + 2 > text.size()) return std::nullopt;
                if (strncasecmp(text.data() + p.i, "am", 2) == 0) pm = false;
                else if (strncasecmp(text.data() + p.i, "pm", 2) == 0) pm = true;
                else return std::nullopt;
                have_ampm = true;
                p.i += 2;
                break;
            case 'a': case 'A': if (p.name(kDays, 7) < 0) return std::nullopt; break;
            case 'b': case 'B': case 'h': {
                int k = p.name(kMonths, 12);
                if (k < 0) return std::nullopt;
                month = k + 1;
                break;
            }
            case 'N': case 'Q': case 'f': {
                size_t b = p.i;
                int maxd = width ? width : 9;
                double scale = 0.1;
                while (p.i < text.size() && p.i - b < static_cast<size_t>(maxd) &&
                       std::isdigit(static_cast<unsigned char>(text[p.i]))) {
                    frac += (text[p.i++] - '0') * scale;
                    scale /= 10;
                }
                if (p.i == b) return std::nullopt;
                break;
            }
            case 's': {
                size_t b = p.i;
                if (p.i < text.size() && text[p.i] == '-') ++p.i;
                while (p.i < text.size() && (std::isdigit(static_cast<unsigned char>(text[p.i])) || text[p.i] == '.')) ++p.i;
                char* end = nullptr;
                std::string num(text.substr(b, p.i - b));
                double e = std::strtod(num.c_str(), &end);
                if (num.empty() || *end) return std::nullopt;
                epoch = e;
                break;
            }
            case 'z': {
                if (p.i < text.size() && (text[p.i] == 'Z' || text[p.i] == 'z')) {
                    ++p.i;
                    offset = 0;
                    break;
                }
                if (p.i >= text.size() || (text[p.i] != '+' && text[p.i] != '-')) return std::nullopt;
                int sign = text[p.i++] == '-' ? -1 : 1;
                long long hh, mm = 0;
                if (!p.digits(2, 2, hh)) return std::nullopt;
                if (p.i < text.size() && text[p.i] == ':') ++p.i;
                p.digits(0, 2, mm);
                offset = sign * (hh * 3600 + mm * 60);
                break;
            }
            case 'Z': {
                size_t b = p.i;
                while (p.i < text.size() && (std::isalpha(static_cast<unsigned char>(text[p.i])))) ++p.i;
                if (p.i == b) return std::nullopt;
                break;  // names other than UTC/GMT/Z would need a tz database; taken as UTC
            }
            case 'T': {
                if (!p.digits(1, 2, hour) || p.i >= text.size() || text[p.i++] != ':' || !p.digits(1, 2, minute) ||
                    p.i >= text.size() || text[p.i++] != ':' || !p.digits(1, 2, second))
                    return std::nullopt;
                break;
            }
            case 'F':
                if (!p.digits(1, 4, year) || p.i >= text.size() || text[p.i++] != '-' || !p.digits(1, 2, month) ||
                    p.i >= text.size() || text[p.i++] != '-' || !p.digits(1, 2, day))
                    return std::nullopt;
                break;
            case 'D':
                if (!p.digits(1, 2, month) || p.i >= text.size() || text[p.i++] != '/' || !p.digits(1, 2, day) ||
                    p.i >= text.size() || text[p.i++] != '/' || !p.digits(1, 2, v))
                    return std::nullopt;
                year = v < 69 ? 2000 + v : 1900 + v;
                break;
            case 'n': case 't': p.spaces(); break;
            case '%':
                if (p.i >= text.size() || text[p.i] != '%') return std::nullopt;
                ++p.i;
                break;
            default: return std::nullopt;
        }
    }
    if (epoch) return *epoch;
    if (have_ampm) {
        if (hour == 12) hour = 0;
        if (pm) hour += 12;
    }
    long long days = yday > 0 ? civil::days_from_civil(year, 1, 1) + yday - 1
                              : civil::days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    double t = static_cast<double>(days * 86400 + hour * 3600 + minute * 60 + second - offset) + frac;
    return t;
}

}  // namespace minispl
