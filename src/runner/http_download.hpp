#pragma once
// One HTTP(S) GET into a file with libcurl: resume, conditional requests, a size cap, errors
// named by kind. Internal to src/runner (dataset_fetch.cpp drives it).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace minispl::detail {

struct HttpGet {
    std::string url;
    std::filesystem::path out;  //!< written to; when it exists and `if_range` is set, resumed
    std::string if_range;       //!< the partial's ETag or Last-Modified (resume only while unchanged)
    std::string if_none_match, if_modified_since;  //!< conditional GET: 304 when unchanged
    double timeout_seconds = 30;  //!< to connect, and with no byte received
    uint64_t max_bytes = 0;       //!< 0: no cap
    //! Bytes of this file so far (including a resumed part) and expected (0: unknown).
    std::function<void(uint64_t got, uint64_t expected)> progress;
};

struct HttpResult {
    bool ok = false;
    bool not_modified = false;  //!< 304 to a conditional GET: `out` untouched
    bool transient = false;     //!< worth a retry (timeout, connection, 5xx, truncated body)
    bool resumed = false;       //!< the server sent the rest of a partial file (206)
    std::string error;          //!< "HTTP 404 Not Found", "timeout: …", "DNS: …", "TLS: …", "truncated body: …"
    std::string etag, last_modified;
};

//! Only http and https, also across redirects (at most 10). Never throws.
HttpResult http_get(const HttpGet& req);

//! Lower-case hex sha256 of a text (OpenSSL).
std::string sha256_text(const std::string& text);

//! Lower-case hex sha256 of a file's bytes (OpenSSL); throws SplError("io") when unreadable.
std::string sha256_file(const std::filesystem::path& file);

}  // namespace minispl::detail
