#pragma once
// The definition files of a directory (sourcetypes/, sourcetypes/eventtypes/).
#include <filesystem>
#include <vector>

namespace minispl {

//! The *.yml and *.yaml regular files of `dir`, sorted by path (so loading does not depend on the
//! directory's order); none for a missing directory.
std::vector<std::filesystem::path> definition_files(const std::filesystem::path& dir);

}  // namespace minispl
