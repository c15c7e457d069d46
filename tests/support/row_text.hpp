#pragma once
// One result row as a line of text, for comparing the rows of two runs: `name=value` per field in
// order, multivalue elements joined by `|`, each field followed by `end` (\x1f unless a test
// wants the text readable).
#include "minispl/core/event.hpp"

#include <string>

namespace minispl::test {

inline std::string row_text(const Event& e, const char* end = "\x1f") {
    std::string s;
    for (const auto& [k, v] : e.fields()) {
        s += k + "=";
        if (v.is_multi())
            for (size_t i = 0; i < v.mv_size(); ++i) s += (i ? "|" : "") + std::string(v.mv_at(i));
        else
            s += v.to_string();
        s += end;
    }
    return s;
}

}  // namespace minispl::test
