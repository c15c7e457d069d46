#include "minispl/sourcetypes/definition_files.hpp"

#include <algorithm>

namespace minispl {

std::vector<std::filesystem::path> definition_files(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.is_regular_file() && (entry.path().extension() == ".yml" || entry.path().extension() == ".yaml"))
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace minispl
