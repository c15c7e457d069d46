#include "minispl/ops/convert.hpp"
#include "minispl/ops/option_util.hpp"

#include "minispl/core/diagnostic.hpp"
#include "minispl/eval/time_format.hpp"
#include "minispl/eval/wildcard.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <optional>

namespace minispl {

namespace {

using opt::lower;

// The longest number at the start of `s` (after spaces), and where it ends.
std::optional<double> leading_number(const std::string& s, size_t* end = nullptr) {
    const char* b = s.c_str();
    while (*b == ' ' || *b == '\t') ++b;
    const char* p = b;
    if (*p == '+' || *p == '-') ++p;
    if (!std::isdigit(static_cast<unsigned char>(*p)) && !(*p == '.' && std::isdigit(static_cast<unsigned char>(p[1]))))
        return std::nullopt;
    char* e = nullptr;
    double d = std::strtod(b, &e);
    if (e == b) return std::nullopt;
    if (end) *end = static_cast<size_t>(e - s.c_str());
    return d;
}

std::string without_commas(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c != ',') out += c;
    return out;
}

std::optional<double> rmunit(const std::string& s) { return leading_number(s); }

std::optional<double> memk(const std::string& s) {
    size_t end = 0;
    auto n = leading_number(s, &end);
    if (!n || *n < 0) return std::nullopt;
    std::string unit = lower(s.substr(end));
    while (!unit.empty() && unit.back() == ' ') unit.pop_back();
    if (unit.empty() || unit == "k") return *n;
    if (unit == "m") return *n * 1024;
    if (unit == "g") return *n * 1024 * 1024;
    return std::nullopt;
}

// [D+]HH:MM:SS
std::optional<double> dur2sec(const std::string& s) {
    std::string rest = s;
    double days = 0;
    if (auto plus = rest.find('+'); plus != std::string::npos) {
        auto d = parse_number(rest.substr(0, plus));
        if (!d) return std::nullopt;
        days = *d;
        rest = rest.substr(plus + 1);
    }
    std::vector<double> parts;
    size_t start = 0;
    while (true) {
        size_t colon = rest.find(':', start);
        auto n = parse_number(rest.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
        if (!n) return std::nullopt;
        parts.push_back(*n);
        if (colon == std::string::npos) break;
        start = colon + 1;
    }
    if (parts.size() != 3) return std::nullopt;
    return days * 86400 + parts[0] * 3600 + parts[1] * 60 + parts[2];
}

// [MM:]SS.SSS
std::optional<double> mstime(const std::string& s) {
    auto colon = s.find(':');
    if (colon == std::string::npos) return parse_number(s);
    auto m = parse_number(s.substr(0, colon));
    auto sec = parse_number(s.substr(colon + 1));
    if (!m || !sec) return std::nullopt;
    return *m * 60 + *sec;
}

// auto/num: a number as written, with thousands commas, or with a trailing unit.
std::optional<double> best_number(const std::string& s) {
    if (auto n = parse_number(s)) return n;
    if (s.find(',') != std::string::npos)
        if (auto n = parse_number(without_commas(s))) return n;
    return leading_number(s);
}

const char* const kFunctions[] = {"ctime", "mktime", "dur2sec", "mstime", "memk", "rmcomma",
                                  "rmunit", "auto", "num", "none"};

}  // namespace

ConvertOperator::ConvertOperator(const ast::ConvertCmd& cmd, const OpContext&) {
    for (const auto& o : cmd.options) {
        if (lower(o.key) == "timeformat")
            timeformat_ = o.value;
        else
            throw SplError("convert", "unknown convert option " + o.key + "= (expected timeformat)", o.span.begin,
                           o.span.end - o.span.begin);
    }
    for (const auto& c : cmd.conversions) {
        std::string fn = lower(c.function);
        bool known = false;
        for (const char* k : kFunctions) known = known || fn == k;
        if (!known)
            throw SplError("convert",
                           "unknown convert function " + c.function +
                               "() (expected ctime, mktime, dur2sec, mstime, memk, rmcomma, rmunit, auto, num, none)",
                           c.span.begin, c.span.end - c.span.begin);
        if (fn == "none")
            exempt_.push_back(c.field.name);
        else
            conversions_.push_back({fn, c.field.name, c.alias});
    }
}

void ConvertOperator::push(Event event) {
    auto exempt = [&](const std::string& name) {
        for (const auto& p : exempt_)
            if (wildcard_match(p, name)) return true;
        return false;
    };
    for (const auto& c : conversions_) {
        // The fields this conversion applies to, with their output names.
        std::vector<std::pair<std::string, std::string>> targets;
        if (has_wildcard(c.field)) {
            for (const auto& f : event.fields())
                if (auto caps = wildcard_captures(c.field, f.first))
                    targets.emplace_back(f.first, c.alias.empty() ? f.first : wildcard_substitute(c.alias, *caps));
        } else if (event.has(c.field)) {
            targets.emplace_back(c.field, c.alias.empty() ? c.field : c.alias);
        }
        for (const auto& [field, out_name] : targets) {
            if (exempt(field)) continue;
            std::vector<std::string> in = event.get(field).mv_values(), out;
            bool all = true;
            for (const auto& v : in) {
                std::optional<std::string> r;
                auto num = [&](std::optional<double> d) {
                    if (d) r = format_number(*d);
                };
                const std::string& fn = c.function;
                if (fn == "ctime") {
                    if (auto t = parse_number(v)) r = format_time(*t, timeformat_);
                } else if (fn == "mktime") {
                    num(parse_time(v, timeformat_));
                } else if (fn == "dur2sec") {
                    num(dur2sec(v));
                } else if (fn == "mstime") {
                    num(mstime(v));
                } else if (fn == "memk") {
                    num(memk(v));
                } else if (fn == "rmcomma") {
                    r = without_commas(v);
                } else if (fn == "rmunit") {
                    num(rmunit(v));
                } else {  // auto, num
                    num(best_number(v));
                }
                all = all && r.has_value();
                out.push_back(r ? *r : v);
            }
            if (c.function == "auto" && !all) continue;  // auto: all values convert, or none do
            if (c.function == "num" && !all) {
                // num drops values that do not convert
                std::vector<std::string> kept;
                for (size_t i = 0; i < in.size(); ++i)
                    if (auto d = best_number(in[i])) kept.push_back(format_number(*d));
                event.set(out_name, Value::multi(std::move(kept)));
                continue;
            }
            event.set(out_name, Value::multi(std::move(out)));
        }
    }
    emit(std::move(event));
}

}  // namespace minispl
