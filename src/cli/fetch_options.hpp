#pragma once
// The dataset-download options `minispl test` and `minispl run` share.
#include "progress.hpp"

#include "minispl/runner/dataset_fetch.hpp"

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

namespace minispl::cli {

struct FetchArgs {
    std::string cache, base_url;
    bool offline = false, refresh = false;
    unsigned jobs = 0;  //!< 0: the command's -j, else 4
    unsigned retries = 3;
    double timeout = 30;
    uint64_t max_mb = 4096;
};

//! --cache, --offline, --refresh, --dataset-base-url, --download-jobs, --retries,
//! --download-timeout, --max-download-mb.
void add_fetch_options(CLI::App* cmd, FetchArgs& a);

//! A fetcher for the arguments, drawing its progress on `bar` and printing notices to stderr.
//! `jobs`: the command's -j (0: not given).
std::unique_ptr<DatasetFetcher> make_fetcher(const FetchArgs& a, unsigned jobs, ProgressBar& bar);

}  // namespace minispl::cli
