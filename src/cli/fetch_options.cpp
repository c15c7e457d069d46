#include "fetch_options.hpp"

#include <fmt/format.h>

#include <iostream>

namespace minispl::cli {

void add_fetch_options(CLI::App* cmd, FetchArgs& a) {
    cmd->add_option("--cache", a.cache,
                    "where datasets fetched by URL are kept (default: $XDG_CACHE_HOME/minispl, else ~/.cache/minispl); "
                    "a cached file is used without asking the server again");
    cmd->add_flag("--offline", a.offline,
                  "never touch the network: a dataset neither in --attack-data nor in the cache is missing");
    cmd->add_flag("--refresh", a.refresh,
                  "ask the server whether each cached dataset changed (a conditional request); a changed one is "
                  "downloaded again and reported")
        ->excludes("--offline");
    cmd->add_option("--dataset-base-url", a.base_url,
                    "fetch https://media.githubusercontent.com/media/splunk/attack_data/master/<path> from URL/<path> "
                    "instead (an internal mirror, an S3 website, or file:///dir to read a local copy in place)");
    cmd->add_option("--download-jobs", a.jobs, "downloads at once (default: -j, else 4)")->check(CLI::Range(1u, 64u));
    cmd->add_option("--retries", a.retries, "retries of a download that failed for a transient reason (timeout, "
                                            "connection, HTTP 5xx, truncated body), with backoff (default: 3)")
        ->check(CLI::Range(0u, 20u));
    cmd->add_option("--download-timeout", a.timeout,
                    "seconds to connect, and without a byte received, before a download is given up (default: 30)")
        ->check(CLI::Range(0.1, 3600.0));
    cmd->add_option("--max-download-mb", a.max_mb, "the largest dataset file downloaded, in MB (default: 4096)")
        ->check(CLI::Range(uint64_t{1}, uint64_t{1} << 30));
}

std::unique_ptr<DatasetFetcher> make_fetcher(const FetchArgs& a, unsigned jobs, ProgressBar& bar) {
    FetchOptions o;
    o.cache_dir = a.cache;
    o.offline = a.offline;
    o.refresh = a.refresh;
    o.base_url = a.base_url;
    o.jobs = a.jobs ? a.jobs : jobs ? jobs : 4;
    o.retries = a.retries;
    o.timeout_seconds = a.timeout;
    o.max_bytes = a.max_mb << 20;
    o.progress = [&bar](uint64_t got, uint64_t expected, size_t, size_t) { bar.update(got, expected); };
    o.notice = [&bar](const std::string& text) {
        bar.clear();
        std::cerr << "minispl: notice[dataset]: " << text << "\n";
    };
    return std::make_unique<DatasetFetcher>(std::move(o));
}

}  // namespace minispl::cli
