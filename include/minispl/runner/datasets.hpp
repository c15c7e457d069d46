#pragma once
// Where a rule's test datasets are on this machine.
#include "minispl/rules/detection.hpp"

#include <filesystem>
#include <string>

namespace minispl {

//! Resolves an attack_data `data:` entry to a local path:
//! `https://…/attack_data/master/<path>` → `<attack_data_dir>/<path>`; `file://X` → X;
//! a relative path → relative to the rule pack root (then to the rule's own folder).
//! The result may not exist; callers report a missing dataset by that path.
std::filesystem::path resolve_dataset(const std::string& data, const std::filesystem::path& rule_file,
                                      const std::filesystem::path& attack_data_dir);

//! The default attack_data mirror: $MINISPL_ATTACK_DATA, else ../shared/attack_data beside
//! the rule pack or the working directory when it exists, else empty.
std::filesystem::path default_attack_data_dir(const std::filesystem::path& rule_file);

}  // namespace minispl
