#pragma once
// Where a rule's test datasets are on this machine.
#include "minispl/rules/detection.hpp"

#include <filesystem>
#include <string>

namespace minispl {

//! Resolves an attack_data `data:` entry to a local path:
//! `https://…/attack_data/master/<path>` → `<attack_data_dir>/<path>` (empty without a mirror);
//! `file://X` → X;
//! a relative path → relative to the rule pack root (then to the rule's own folder).
//! The result may not exist; callers report a missing dataset by that path.
std::filesystem::path resolve_dataset(const std::string& data, const std::filesystem::path& rule_file,
                                      const std::filesystem::path& attack_data_dir);

class DatasetFetcher;

//! A dataset's local file, or why there is none.
struct DatasetLocation {
    std::filesystem::path file;  //!< set when the file exists
    std::string missing;         //!< else what to report: the path looked for, or "URL (why)"
};

//! The mirror's copy (resolve_dataset) when it exists; else, for a URL and a fetcher that was
//! given it (url_to_fetch), the fetched file or the fetch's error.
DatasetLocation locate_dataset(const std::string& data, const std::filesystem::path& rule_file,
                               const std::filesystem::path& attack_data_dir, const DatasetFetcher* fetcher);

//! The URL to give fetcher->fetch() for `data`: "" when the mirror has the file, when `data`
//! is no URL, or without a fetcher.
std::string url_to_fetch(const std::string& data, const std::filesystem::path& rule_file,
                         const std::filesystem::path& attack_data_dir, const DatasetFetcher* fetcher);

//! The default attack_data mirror: $MINISPL_ATTACK_DATA, else ../shared/attack_data beside
//! the rule pack or the working directory when it exists, else empty.
std::filesystem::path default_attack_data_dir(const std::filesystem::path& rule_file);

}  // namespace minispl
