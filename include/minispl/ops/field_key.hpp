#pragma once
// The values of a list of fields as one key (join fields, transaction fields).
#include "minispl/core/event.hpp"

#include <optional>
#include <string>
#include <vector>

namespace minispl {

//! Each field's value as text, in order; nullopt when any field is missing or null.
inline std::optional<std::vector<std::string>> field_key(const Event& e, const std::vector<std::string>& fields) {
    std::vector<std::string> key;
    key.reserve(fields.size());
    for (const auto& f : fields) {
        const Value* v = e.find(f);
        if (!v || v->is_null()) return std::nullopt;
        key.push_back(v->to_string());
    }
    return key;
}

}  // namespace minispl
