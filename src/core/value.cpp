#include "minispl/core/value.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace minispl {

Value Value::boolean(bool b) {
    Value v;
    v.type_ = Type::Bool;
    v.num_ = b ? 1 : 0;
    return v;
}

Value Value::number(double d) {
    Value v;
    v.type_ = Type::Number;
    v.num_ = d;
    return v;
}

Value Value::string(std::string s) {
    Value v;
    v.type_ = Type::String;
    v.str_ = std::move(s);
    return v;
}

Value Value::multi(std::vector<std::string> values) {
    if (values.empty()) return Value();
    if (values.size() == 1) return string(std::move(values[0]));
    Value v;
    v.type_ = Type::Multi;
    v.mv_ = std::move(values);
    return v;
}

std::optional<double> Value::as_number() const {
    switch (type_) {
        case Type::Number:
        case Type::Bool: return num_;
        case Type::String: return parse_number(str_);
        case Type::Multi: return parse_number(mv_.front());
        default: return std::nullopt;
    }
}

std::string Value::to_string() const {
    switch (type_) {
        case Type::Null: return {};
        case Type::Bool: return num_ ? "true" : "false";
        case Type::Number: return format_number(num_);
        case Type::String: return str_;
        case Type::Multi: {
            std::string out;
            for (size_t i = 0; i < mv_.size(); ++i) {
                if (i) out += '\n';
                out += mv_[i];
            }
            return out;
        }
    }
    return {};
}

size_t Value::mv_size() const {
    switch (type_) {
        case Type::Null: return 0;
        case Type::Multi: return mv_.size();
        default: return 1;
    }
}

std::string Value::mv_at(size_t i) const {
    return type_ == Type::Multi ? mv_[i] : to_string();
}

std::vector<std::string> Value::mv_values() const {
    switch (type_) {
        case Type::Null: return {};
        case Type::Multi: return mv_;
        default: return {to_string()};
    }
}

bool Value::operator==(const Value& o) const {
    if (type_ != o.type_) return false;
    switch (type_) {
        case Type::Null: return true;
        case Type::Bool:
        case Type::Number: return num_ == o.num_;
        case Type::String: return str_ == o.str_;
        case Type::Multi: return mv_ == o.mv_;
    }
    return false;
}

std::optional<double> parse_number(std::string_view text) {
    size_t b = 0, e = text.size();
    while (b < e && (text[b] == ' ' || text[b] == '\t')) ++b;
    while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
    if (b == e || e - b > 64) return std::nullopt;
    char buf[72];
    std::memcpy(buf, text.data() + b, e - b);
    buf[e - b] = 0;
    const char* s = buf;
    // Only decimal forms and 0x hex; strtod would also take "inf", "nan" and hex floats.
    const char* p = s;
    if (*p == '+' || *p == '-') ++p;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        char* end = nullptr;
        errno = 0;
        unsigned long long v = std::strtoull(p + 2, &end, 16);
        if (end == p + 2 || *end || errno) return std::nullopt;
        return s[0] == '-' ? -double(v) : double(v);
    }
    if (!std::isdigit(static_cast<unsigned char>(*p)) && *p != '.') return std::nullopt;
    char* end = nullptr;
    double d = std::strtod(s, &end);
    if (*end) return std::nullopt;
    return d;
}

std::string format_number(double d) {
    if (std::isnan(d)) return "nan";
    if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
    if (d == std::floor(d) && std::fabs(d) < 1e15) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.0f", d);
        return buf[0] == '-' && buf[1] == '0' && !buf[2] ? "0" : buf;
    }
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.16g", d);
    // %.16g can print 0.1 as 0.1000000000000000055 at 17 digits; 16 keeps it short, trim zeros.
    std::string s = buf;
    if (s.find('e') == std::string::npos && s.find('.') != std::string::npos) {
        while (!s.empty() && s.back() == '0') s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
    }
    return s;
}

}  // namespace minispl
