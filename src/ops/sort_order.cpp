#include "minispl/ops/sort_order.hpp"

#include "minispl/core/diagnostic.hpp"

#include <cstdio>
#include <optional>

namespace minispl {

namespace {

std::optional<double> ipv4_number(const std::string& s) {
    unsigned a, b, c, d;
    char tail;
    if (std::sscanf(s.c_str(), "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) != 4) return std::nullopt;
    if (a > 255 || b > 255 || c > 255 || d > 255) return std::nullopt;
    return ((a * 256.0 + b) * 256.0 + c) * 256.0 + d;
}

int cmp3(double x, double y) { return x < y ? -1 : (x > y ? 1 : 0); }
int cmp3(const std::string& x, const std::string& y) {
    int c = x.compare(y);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace

int compare_sort_values(const std::string& a, const std::string& b, const std::string& as) {
    if (as == "str") return cmp3(a, b);
    std::optional<double> na, nb;
    if (as == "ip") {
        na = ipv4_number(a);
        nb = ipv4_number(b);
    } else {  // auto and num: numbers before strings
        na = parse_number(a);
        nb = parse_number(b);
    }
    if (na && nb) return cmp3(*na, *nb);
    if (na) return -1;
    if (nb) return 1;
    return cmp3(a, b);
}

SortComparator::SortComparator(std::vector<SortKeySpec> keys, bool reverse)
    : keys_(std::move(keys)), reverse_(reverse) {
    for (auto& k : keys_) {
        if (k.as.empty()) k.as = "auto";
        if (k.as != "auto" && k.as != "num" && k.as != "str" && k.as != "ip")
            throw SplError("sort", "unknown sort type " + k.as + "(" + k.field + "): expected auto, num, str or ip");
    }
}

int SortComparator::compare(const Event& a, const Event& b) const {
    for (const auto& k : keys_) {
        const Value* va = a.find(k.field);
        const Value* vb = b.find(k.field);
        if (!va && !vb) continue;
        if (!va) return 1;  // missing sorts last whatever the direction
        if (!vb) return -1;
        int c = compare_sort_values(va->mv_at(0), vb->mv_at(0), k.as);
        if (c) return k.descending ? -c : c;
    }
    return 0;
}

bool SortComparator::operator()(const Event& a, const Event& b) const {
    int c = compare(a, b);
    return reverse_ ? c > 0 : c < 0;
}

}  // namespace minispl
