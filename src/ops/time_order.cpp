#include "minispl/ops/time_order.hpp"

#include <algorithm>

namespace minispl {

void TimeOrderOperator::finish() {
    std::stable_sort(buffer_.begin(), buffer_.end(),
                     [](const Event& a, const Event& b) { return a.time() > b.time(); });
    for (Event& e : buffer_) emit(std::move(e));
    buffer_.clear();
    Operator::finish();
}

}  // namespace minispl
