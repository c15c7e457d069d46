#include "minispl/ops/context.hpp"

#include <fmt/format.h>

namespace minispl {

void OpContext::cap_rows(std::vector<Event>& rows, size_t max, std::string_view what, std::string_view limit) const {
    if (rows.size() <= max) return;
    notice(fmt::format("{}: {} rows, only the first {} kept ({}; --limit to change it)", what, rows.size(), max, limit));
    rows.resize(max);
}

}  // namespace minispl
