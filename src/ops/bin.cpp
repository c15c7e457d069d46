#include "minispl/ops/bin.hpp"

#include "minispl/core/ascii.hpp"
#include "minispl/core/civil_time.hpp"
#include "minispl/core/diagnostic.hpp"

#include <cctype>
#include <cmath>
#include <limits>

namespace minispl {
namespace {

std::optional<std::string> normalise_unit(const std::string& u) {
    static const std::pair<const char*, const char*> kUnits[] = {
        {"", ""}, {"s", "s"}, {"sec", "s"}, {"secs", "s"}, {"second", "s"}, {"seconds", "s"},
        {"m", "m"}, {"min", "m"}, {"mins", "m"}, {"minute", "m"}, {"minutes", "m"},
        {"h", "h"}, {"hr", "h"}, {"hrs", "h"}, {"hour", "h"}, {"hours", "h"},
        {"d", "d"}, {"day", "d"}, {"days", "d"}, {"w", "w"}, {"week", "w"}, {"weeks", "w"},
        {"mon", "mon"}, {"month", "mon"}, {"months", "mon"},
        {"q", "q"}, {"qtr", "q"}, {"qtrs", "q"}, {"quarter", "q"}, {"quarters", "q"},
        {"y", "y"}, {"yr", "y"}, {"yrs", "y"}, {"year", "y"}, {"years", "y"},
        {"ms", "ms"}, {"us", "us"}, {"cs", "cs"}, {"ds", "ds"},
    };
    for (const auto& [from, to] : kUnits)
        if (u == from) return std::string(to);
    return std::nullopt;
}

uint32_t span_len(const ast::Span& s) { return s.end > s.begin ? s.end - s.begin : 1; }

}  // namespace

std::optional<ast::TimeSpan> parse_time_span(std::string_view text) {
    size_t i = 0;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
    if (i == 0) return std::nullopt;
    auto n = parse_number(text.substr(0, i));
    auto unit = normalise_unit(lower(text.substr(i)));
    if (!n || !unit || *n <= 0) return std::nullopt;
    ast::TimeSpan s;
    s.count = *n;
    s.unit = *unit;
    return s;
}

double span_seconds(const ast::TimeSpan& s) {
    const std::string& u = s.unit;
    double unit = u == "" || u == "s" ? 1 : u == "m" ? 60 : u == "h" ? 3600 : u == "d" ? 86400
                : u == "w" ? 604800 : u == "mon" ? 30 * 86400.0 : u == "q" ? 90 * 86400.0 : u == "y" ? 365 * 86400.0
                : u == "ms" ? 1e-3 : u == "us" ? 1e-6 : u == "cs" ? 1e-2 : u == "ds" ? 1e-1 : 1;
    return s.count * unit;
}

double floor_time(double t, const ast::TimeSpan& s) {
    if (s.unit == "mon" || s.unit == "q" || s.unit == "y") {
        int64_t days = int64_t(std::floor(t / 86400));
        const civil::Date date = civil::civil_from_days(days);
        int64_t y = date.year;
        unsigned m = date.month;
        int64_t n = std::max<int64_t>(1, int64_t(s.count)) * (s.unit == "q" ? 3 : 1);
        if (s.unit == "y") {
            y -= ((y % n) + n) % n;
            m = 1;
        } else {
            int64_t idx = y * 12 + (m - 1);
            idx -= ((idx % n) + n) % n;
            y = idx >= 0 ? idx / 12 : (idx - 11) / 12;
            m = unsigned(idx - y * 12) + 1;
        }
        return double(civil::days_from_civil(y, m, 1)) * 86400;
    }
    double len = span_seconds(s);
    return std::floor(t / len) * len;
}

BinOperator::BinOperator(const ast::BinCmd& cmd, const OpContext& ctx)
    : field_(cmd.field.name), out_(cmd.alias.empty() ? cmd.field.name : cmd.alias), span_(cmd.span) {
    for (const auto& o : cmd.options) {
        std::string key = lower(o.key);
        if (key == "span") {
            auto s = parse_time_span(o.value);
            if (!s)
                throw SplError("syntax", "bin: cannot read span '" + o.value + "'",
                               o.value_span.begin, span_len(o.value_span));
            s->span = o.value_span;
            span_ = s;
        } else if (key == "bins") {
            auto n = parse_number(o.value);
            if (!n || *n < 1 || *n != std::floor(*n))
                throw SplError("syntax", "bin: bins= needs a positive integer, not '" + o.value + "'",
                               o.value_span.begin, span_len(o.value_span));
            bins_ = int(*n);
        } else {
            throw SplError("unsupported", "bin option '" + o.key + "' is not supported",
                           o.span.begin, span_len(o.span));
        }
    }
    if (field_.empty()) throw SplError("syntax", "bin needs a field", 0, 1);
    time_mode_ = field_ == "_time" || (span_ && !span_->unit.empty());
}

std::string BinOperator::bin_text(double x) const {
    double len = span_seconds(*span_);
    double lo = std::floor(x / len) * len;
    return format_number(lo) + "-" + format_number(lo + len);
}

Value BinOperator::bin_value(const Value& v) const {
    if (v.is_multi()) {
        std::vector<std::string> out;
        for (const auto& s : v.multi_values()) out.push_back(bin_value(Value::string(s)).to_string());
        return Value::multi(std::move(out));
    }
    auto n = v.as_number();
    if (!n) return v;  // not a number: left as it is
    if (time_mode_) return Value::number(floor_time(*n, *span_));
    return Value::string(bin_text(*n));
}

void BinOperator::apply(Event& event) const {
    const Value* v = event.find(field_);
    if (!v || v->is_null()) return;
    event.set(out_, bin_value(*v));
}

void BinOperator::push(Event event) {
    if (!span_) {
        buffer_.push_back(std::move(event));
        return;
    }
    apply(event);
    emit(std::move(event));
}

void BinOperator::finish() {
    if (!span_) {
        // Choose the smallest "nice" span that keeps the data within bins_ bins.
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (const Event& e : buffer_)
            if (const Value* v = e.find(field_))
                for (size_t i = 0; i < v->mv_size(); ++i)
                    if (auto n = parse_number(v->mv_at(i))) lo = std::min(lo, *n), hi = std::max(hi, *n);
        ast::TimeSpan s;
        s.count = 1;
        auto fits = [&](double len) { return std::floor(hi / len) - std::floor(lo / len) + 1 <= bins_; };
        if (lo <= hi) {
            if (time_mode_) {
                static const double kNice[] = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800,
                                               3600, 7200, 10800, 14400, 21600, 43200, 86400, 604800};
                s.count = 0;
                for (double len : kNice)
                    if (fits(len)) { s.count = len; break; }
                if (s.count == 0) {
                    s.count = 1;
                    s.unit = "d";
                    while (!fits(span_seconds(s))) s.count *= 2;
                } else {
                    s.unit = "s";
                }
            } else {
                double len = std::pow(10.0, std::floor(std::log10(std::max(hi - lo, 1e-300) / bins_)));
                while (!fits(len)) len *= 10;
                s.count = len;
            }
        }
        span_ = s;
        for (Event& e : buffer_) {
            apply(e);
            emit(std::move(e));
        }
        buffer_.clear();
        span_.reset();
    }
    Operator::finish();
}

}  // namespace minispl
