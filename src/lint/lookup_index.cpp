// Lookup names of a rule pack's lookups/ directory.
#include "minispl/lint/lookup_index.hpp"

#include <yaml-cpp/yaml.h>

namespace minispl {

void LookupIndex::load_directory(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (!entry.is_regular_file()) continue;
        const auto& p = entry.path();
        std::string fname = p.filename().string();
        if (p.extension() == ".yml" || p.extension() == ".yaml") {
            try {
                YAML::Node y = YAML::LoadFile(p.string());
                if (y.IsMap()) {
                    if (y["name"] && y["name"].IsScalar()) add(y["name"].Scalar());
                    if (y["filename"] && y["filename"].IsScalar()) add(y["filename"].Scalar());
                }
            } catch (const std::exception&) {
                // A malformed definition defines nothing; the data file next to it still counts.
            }
            continue;
        }
        add(fname);
        add(p.stem().string());
        if (fname.size() > 7 && fname.compare(fname.size() - 7, 7, ".csv.gz") == 0) add(fname.substr(0, fname.size() - 7));
    }
}

bool LookupIndex::has(const std::string& table) const {
    if (names_.count(table)) return true;
    if (table.size() > 4 && table.compare(table.size() - 4, 4, ".csv") == 0)
        return names_.count(table.substr(0, table.size() - 4)) > 0;
    return names_.count(table + ".csv") > 0;
}

}  // namespace minispl
