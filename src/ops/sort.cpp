#include "minispl/ops/sort.hpp"

#include "minispl/core/ascii.hpp"
#include "minispl/core/diagnostic.hpp"

#include <algorithm>

namespace minispl {

namespace {

std::vector<SortKeySpec> keys_of(const ast::SortCmd& cmd) {
    std::vector<SortKeySpec> keys;
    for (const auto& k : cmd.keys) {
        SortKeySpec s{k.field, k.descending, k.as.empty() ? "auto" : k.as};
        lower_in_place(s.as);
        if (s.as != "auto" && s.as != "num" && s.as != "str" && s.as != "ip")
            throw SplError("sort", "unknown sort type " + k.as + "(" + k.field + "): expected auto, num, str or ip",
                           k.span.begin, k.span.end - k.span.begin);
        keys.push_back(std::move(s));
    }
    return keys;
}

}  // namespace

SortOperator::SortOperator(const ast::SortCmd& cmd, const OpContext&)
    : less_(keys_of(cmd), cmd.reverse), limit_(cmd.limit.value_or(kDefaultLimit)) {
    if (limit_ < 0) throw SplError("sort", "sort limit must not be negative");
}

void SortOperator::finish() {
    std::stable_sort(buffer_.begin(), buffer_.end(), less_);
    size_t n = limit_ == 0 ? buffer_.size() : std::min(buffer_.size(), static_cast<size_t>(limit_));
    for (size_t i = 0; i < n; ++i) emit(std::move(buffer_[i]));
    buffer_.clear();
    Operator::finish();
}

}  // namespace minispl
