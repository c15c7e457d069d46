// Lookup names of a rule pack's lookups/ directory, as the lookup library finds them.
#include "minispl/lint/lookup_index.hpp"

#include "minispl/sourcetypes/lookup_table.hpp"

namespace minispl {

void LookupIndex::load_directory(const std::filesystem::path& dir) {
    for (auto& name : lookup_names(dir)) add(name);
}

bool LookupIndex::has(const std::string& table) const {
    if (names_.count(table)) return true;
    if (table.size() > 4 && table.compare(table.size() - 4, 4, ".csv") == 0)
        return names_.count(table.substr(0, table.size() - 4)) > 0;
    return names_.count(table + ".csv") > 0;
}

}  // namespace minispl
