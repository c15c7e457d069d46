// Applying a definition to one event: timestamp, aliases, calculated fields, lookups, eventtypes.
#include "minispl/sourcetypes/sourcetype.hpp"

#include "minispl/core/civil_time.hpp"

#include <cctype>
#include <cmath>
#include <ctime>

namespace minispl {
namespace {

bool is_digits(std::string_view s, size_t pos, size_t n) {
    if (pos + n > s.size()) return false;
    for (size_t i = pos; i < pos + n; ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}
int num(std::string_view s, size_t pos, size_t n) {
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
}

std::optional<double> parse_time(std::string_view text, const std::string& format) {
    if (format == "iso8601") return parse_iso8601(text);
    if (format == "epoch") return parse_number(text);
    if (format == "auto") {
        if (auto t = parse_iso8601(text)) return t;
        return parse_number(text);
    }
    std::tm tm{};
    std::string s(text);
    const char* end = strptime(s.c_str(), format.c_str(), &tm);
    if (!end) return std::nullopt;
    // UTC by arithmetic rather than timegm(), which keeps its offset guess in a static (a data
    // race when events are applied on several threads). Out-of-range days roll over as in timegm.
    long long year = tm.tm_year + 1900LL, month = tm.tm_mon;
    year += month >= 0 ? month / 12 : -((11 - month) / 12);
    month -= (month >= 0 ? month / 12 : -((11 - month) / 12)) * 12;
    long long days = civil::days_from_civil(year, static_cast<unsigned>(month + 1), 1) + tm.tm_mday - 1;
    return static_cast<double>(days * 86400LL + tm.tm_hour * 3600LL + tm.tm_min * 60LL + tm.tm_sec);
}

}  // namespace

std::optional<double> parse_iso8601(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (!is_digits(s, 0, 4) || s.size() < 10 || s[4] != '-' || !is_digits(s, 5, 2) || s[7] != '-' || !is_digits(s, 8, 2))
        return std::nullopt;
    int y = num(s, 0, 4), mo = num(s, 5, 2), d = num(s, 8, 2);
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
    int h = 0, mi = 0, sec = 0;
    double frac = 0;
    size_t i = 10;
    if (i < s.size()) {
        if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return std::nullopt;
        ++i;
        if (!is_digits(s, i, 2) || i + 2 >= s.size() || s[i + 2] != ':' || !is_digits(s, i + 3, 2)) return std::nullopt;
        h = num(s, i, 2);
        mi = num(s, i + 3, 2);
        i += 5;
        if (i < s.size() && s[i] == ':') {
            if (!is_digits(s, i + 1, 2)) return std::nullopt;
            sec = num(s, i + 1, 2);
            i += 3;
            if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
                ++i;
                double scale = 0.1;
                size_t start = i;
                while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
                    frac += (s[i] - '0') * scale;
                    scale /= 10;
                    ++i;
                }
                if (i == start) return std::nullopt;
            }
        }
        if (h > 24 || mi > 59 || sec > 60) return std::nullopt;
    }
    int offset = 0;  // seconds east of UTC
    if (i < s.size()) {
        if (s[i] == 'Z' || s[i] == 'z') {
            ++i;
        } else if (s[i] == '+' || s[i] == '-') {
            int sign = s[i] == '-' ? -1 : 1;
            ++i;
            if (!is_digits(s, i, 2)) return std::nullopt;
            int oh = num(s, i, 2), om = 0;
            i += 2;
            if (i < s.size() && s[i] == ':') ++i;
            if (is_digits(s, i, 2)) {
                om = num(s, i, 2);
                i += 2;
            }
            offset = sign * (oh * 3600 + om * 60);
        } else {
            return std::nullopt;
        }
    }
    if (i != s.size()) return std::nullopt;
    double t = static_cast<double>(civil::days_from_civil(y, mo, d) * 86400LL + h * 3600 + mi * 60 + sec - offset);
    // keep the fraction exact to the millisecond/microsecond as written
    return t + std::round(frac * 1e6) / 1e6;
}

void Sourcetype::apply(Event& e, const SourcetypeProjection* projection) const {
    if (!projection || projection->time) apply_time(e);
    // Without a projection every definition runs, in order.
    auto each = [projection](const std::vector<uint32_t> SourcetypeProjection::*kept, size_t n, auto&& fn) {
        if (!projection) {
            for (size_t i = 0; i < n; ++i) fn(i);
        } else {
            for (uint32_t i : projection->*kept) fn(i);
        }
    };
    each(&SourcetypeProjection::alias, aliases_.size(), [&](size_t i) {
        const Alias& a = aliases_[i];
        if (const Value* v = e.find(a.source)) {
            Value copy = *v;
            e.set(a.field, std::move(copy));
        }
    });
    if (!calculated_.empty()) {
        // Splunk computes every EVAL- from the event before any of them is assigned.
        thread_local std::vector<std::pair<size_t, Value>> values;
        values.clear();
        each(&SourcetypeProjection::calculated, calculated_.size(),
             [&](size_t i) { values.emplace_back(i, calculated_[i].eval()(e)); });
        for (auto& [i, v] : values) e.set(calculated_[i].field, std::move(v));
    }
    each(&SourcetypeProjection::lookup, lookups_.size(), [&](size_t i) { lookups_[i].matcher.apply(e); });
    if (eventtypes_ && (!projection || projection->eventtypes)) eventtypes_->apply(e);
}

void Sourcetype::apply_time(Event& e) const {
    for (const auto& f : time_fields_) {
        const Value* v = e.find(f);
        if (!v || v->mv_size() == 0) continue;
        // Hot (every event): read a plain string in place.
        std::optional<double> t = v->is_string() ? parse_time(v->str(), time_format_) : parse_time(v->mv_at(0), time_format_);
        if (t) {
            e.set("_time", Value::number(*t));
            return;
        }
    }
}

}  // namespace minispl
