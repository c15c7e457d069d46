#pragma once
// Test datasets fetched by their URL into a local cache, as contentctl downloads them.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace minispl {

//! How datasets are fetched (`minispl test` / `minispl run` options).
struct FetchOptions {
    std::filesystem::path cache_dir;  //!< empty: default_dataset_cache()
    bool offline = false;             //!< never touch the network: what is not cached is missing
    bool refresh = false;             //!< ask the server whether each cached file changed (conditional GET)
    //! Replaces the attack_data base (`https://media.githubusercontent.com/media/splunk/attack_data/master/`)
    //! of each URL that has it: an internal mirror, an S3 website, a `file://` directory.
    std::string base_url;
    unsigned jobs = 4;                //!< downloads at once
    unsigned retries = 3;             //!< retries of a transient failure (timeout, connection, 5xx, truncated body)
    double backoff_seconds = 1;       //!< the first retry's wait, doubled for each next one
    double timeout_seconds = 30;      //!< to connect, and with no byte received
    uint64_t max_bytes = 4ull << 30;  //!< per file
    //! Called now and then from any thread, one call at a time: bytes received and expected (as
    //! far as known) and files finished, of the downloads.
    std::function<void(uint64_t got, uint64_t expected, size_t done, size_t files)> progress;
    //! Called with what is worth saying but is not an error (a cached file changed upstream).
    std::function<void(const std::string&)> notice;
};

//! Where a URL's file is: ready, or why not.
struct FetchResult {
    std::filesystem::path file;  //!< set when ready
    std::string error;           //!< "download failed: HTTP 404 Not Found", "offline: not in the cache", ...
    bool downloaded = false;     //!< fetched from the network by this run (not served from the cache)
    bool ok() const { return error.empty(); }
};

//! Fetches dataset URLs into a cache keyed by URL: `<cache>/datasets/<sha256(url)>/<last URL
//! segment>`, with meta.json recording the URL, the content's sha256 and size, ETag and
//! Last-Modified. A cached file is served without any request (offline-first); `refresh` asks
//! the server and says when the content changed. Downloads resume from `.part` files, retry
//! transient failures with backoff, and are capped in size; two processes sharing a cache lock
//! each entry. Nothing the server sends names a path. `file://` URLs are read in place, never
//! copied. It does not read the datasets.
class DatasetFetcher {
public:
    explicit DatasetFetcher(FetchOptions opts);
    ~DatasetFetcher();
    DatasetFetcher(const DatasetFetcher&) = delete;
    DatasetFetcher& operator=(const DatasetFetcher&) = delete;

    const FetchOptions& options() const;
    std::filesystem::path cache_dir() const;
    //! The URL a `data:` entry is fetched from (the attack_data base remapped), or "" when the
    //! entry is not a URL (a path).
    std::string url_for(const std::string& data) const;
    //! Makes each URL ready, `jobs` at a time: `file://` in place, from the cache, or downloaded
    //! (not when offline). Never throws for a URL's problem: each gets its result. URLs already
    //! fetched keep their result.
    void fetch(const std::vector<std::string>& urls);
    //! The result for a URL given to fetch() (an error saying so for one that was not).
    FetchResult result(const std::string& url) const;

    struct State;

private:
    std::unique_ptr<State> state_;
};

//! $XDG_CACHE_HOME/minispl, else $HOME/.cache/minispl, else ./.minispl-cache.
std::filesystem::path default_dataset_cache();

//! The local path of a `file://` URL (`file:///p`, `file://localhost/p`, percent-decoded), or
//! "" with `error` set for another host or an empty path.
std::filesystem::path file_url_path(const std::string& url, std::string& error);

}  // namespace minispl
