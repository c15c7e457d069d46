#pragma once
// Real records for tests: the JSON records of the local attack_data mirror (../shared).
#include "minispl/io/event_reader.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace minispl::test {

//! The distinct records of every *.json file under ../shared/attack_data (files in path order,
//! records in file order) that `keep` accepts (all when empty), at most `per_file` of each file.
//! Empty when the mirror is missing.
inline std::vector<std::string> attack_data_records(size_t per_file,
                                                    const std::function<bool(std::string_view)>& keep = {}) {
    namespace fs = std::filesystem;
    std::vector<std::string> out;
    const fs::path root = fs::path(MINISPL_SHARED_DIR) / "attack_data";
    std::error_code ec;
    if (!fs::is_directory(root, ec)) return out;
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(root, ec); it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file() && it->path().extension() == ".json") files.push_back(it->path());
    std::sort(files.begin(), files.end());
    std::set<std::string, std::less<>> seen;
    for (const auto& f : files) {
        size_t taken = 0;
        ReadStats stats;
        read_events(f,
                    [&](std::string_view json, uint64_t) {
                        if (taken >= per_file || (keep && !keep(json))) return;
                        if (!seen.emplace(json).second) return;
                        out.emplace_back(json);
                        ++taken;
                    },
                    stats);
    }
    return out;
}

}  // namespace minispl::test
