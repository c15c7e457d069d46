// libcurl's easy interface for one download at a time per thread (dataset_fetch.cpp runs several).
#include "http_download.hpp"

#include "minispl/core/diagnostic.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <openssl/evp.h>

#include <cstdio>
#include <vector>
#include <memory>
#include <mutex>

namespace minispl::detail {

namespace {

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
    explicit Transfer(const HttpGet& r) : req(r) {}
    const HttpGet& req;
    FILE* file = nullptr;
    uint64_t existing = 0;  //!< bytes of the partial file before this request (0 unless resumed)
    uint64_t written = 0;   //!< body bytes written by this request
    long status = 0;        //!< of the last response (redirects reset it)
    bool body_started = false, over_cap = false, write_failed = false, resumed = false;
    std::string etag, last_modified, reason;  //!< reason: the status line's text
};

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ')) s.pop_back();
    size_t b = s.find_first_not_of(' ');
    return b == std::string::npos ? "" : s.substr(b);
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
    auto* t = static_cast<Transfer*>(user);
    std::string line(data, size * n);
    if (line.rfind("HTTP/", 0) == 0) {  // a new response (after a redirect or a 100)
        t->etag.clear();
        t->last_modified.clear();
        size_t sp = line.find(' ');
        size_t sp2 = sp == std::string::npos ? sp : line.find(' ', sp + 1);
        t->status = sp == std::string::npos ? 0 : std::atol(line.c_str() + sp + 1);
        t->reason = sp2 == std::string::npos ? "" : trim(line.substr(sp2 + 1));
        return size * n;
    }
    size_t colon = line.find(':');
    if (colon == std::string::npos) return size * n;
    std::string key = line.substr(0, colon);
    for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (key == "etag") t->etag = trim(line.substr(colon + 1));
    if (key == "last-modified") t->last_modified = trim(line.substr(colon + 1));
    return size * n;
}

size_t on_body(char* data, size_t size, size_t n, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const size_t bytes = size * n;
    if (!t->body_started) {
        t->body_started = true;
        // 206: the rest of the partial file; anything else that has a body starts it anew (the
        // server ignored the range, or the file changed: If-Range said so).
        t->resumed = t->status == 206 && t->existing > 0;
        t->file = std::fopen(t->req.out.c_str(), t->resumed ? "ab" : "wb");
        if (!t->file) {
            t->write_failed = true;
            return 0;
        }
        if (!t->resumed) t->existing = 0;
    }
    // The cap holds for servers that send no Content-Length too (CURLOPT_MAXFILESIZE cannot).
    if (t->req.max_bytes && t->existing + t->written + bytes > t->req.max_bytes) {
        t->over_cap = true;
        return 0;
    }
    if (std::fwrite(data, 1, bytes, t->file) != bytes) {
        t->write_failed = true;
        return 0;
    }
    t->written += bytes;
    return bytes;
}

int on_progress(void* user, curl_off_t total, curl_off_t now, curl_off_t, curl_off_t) {
    auto* t = static_cast<Transfer*>(user);
    if (t->req.progress) {
        const uint64_t base = t->resumed ? t->existing : 0;
        t->req.progress(base + static_cast<uint64_t>(now), total > 0 ? base + static_cast<uint64_t>(total) : 0);
    }
    return 0;
}

struct CurlFree {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistFree {
    void operator()(curl_slist* s) const { curl_slist_free_all(s); }
};

}  // namespace

HttpResult http_get(const HttpGet& req) {
    global_init();
    HttpResult r;
    std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
    if (!curl) {
        r.error = "cannot start libcurl";
        return r;
    }
    Transfer t(req);
    std::error_code ec;
    if (!req.if_range.empty() && std::filesystem::is_regular_file(req.out, ec))
        t.existing = std::filesystem::file_size(req.out, ec);
    if (ec) t.existing = 0;

    CURL* c = curl.get();
    char errbuf[CURL_ERROR_SIZE] = {0};
    std::unique_ptr<curl_slist, SlistFree> headers;
    auto add_header = [&](const std::string& h) { headers.reset(curl_slist_append(headers.release(), h.c_str())); };
    if (t.existing > 0) {
        curl_easy_setopt(c, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(t.existing));
        add_header("If-Range: " + req.if_range);
    }
    if (!req.if_none_match.empty()) add_header("If-None-Match: " + req.if_none_match);
    if (!req.if_modified_since.empty()) add_header("If-Modified-Since: " + req.if_modified_since);
    curl_easy_setopt(c, CURLOPT_URL, req.url.c_str());
    // Only http(s), for the URL and every redirect: a server cannot send minispl to file:// or
    // another protocol.
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "minispl");
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    const long timeout_ms = std::max(1L, static_cast<long>(req.timeout_seconds * 1000));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    // A stall: less than one byte a second for the timeout (whole seconds, at least one).
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, std::max(1L, (timeout_ms + 999) / 1000));
    if (req.max_bytes) curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(req.max_bytes));
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
    if (headers) curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());

    const CURLcode rc = curl_easy_perform(c);
    if (t.file) std::fclose(t.file);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    r.etag = t.etag;
    r.last_modified = t.last_modified;
    r.resumed = t.resumed;
    const std::string detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    switch (rc) {
        case CURLE_OK:
            if (status == 304) {
                r.ok = r.not_modified = true;
            } else if (!t.body_started) {
                // An empty body: the file is empty (or a resumed part was already whole).
                if (t.existing == 0 || status != 206) {
                    if (FILE* f = std::fopen(req.out.c_str(), "wb")) std::fclose(f);
                }
                r.ok = true;
            } else {
                r.ok = true;
            }
            return r;
        case CURLE_HTTP_RETURNED_ERROR:
            r.error = fmt::format("HTTP {}{}", status, t.reason.empty() ? "" : " " + t.reason);
            r.transient = status >= 500 || status == 429 || status == 408;
            return r;
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
            r.error = "DNS: " + detail;
            return r;
        case CURLE_OPERATION_TIMEDOUT:
            r.error = "timeout: " + detail;
            r.transient = true;
            return r;
        case CURLE_PARTIAL_FILE: {
            curl_off_t got = 0, expected = 0;
            curl_easy_getinfo(c, CURLINFO_SIZE_DOWNLOAD_T, &got);
            curl_easy_getinfo(c, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &expected);
            r.error = expected > 0 ? fmt::format("truncated body: received {} of {} bytes", got, expected)
                                   : "truncated body: " + detail;
            r.transient = true;
            return r;
        }
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
            r.error = "TLS: " + detail;
            return r;
        case CURLE_FILESIZE_EXCEEDED:
            r.error = fmt::format("the file is over the size cap of {} bytes (--max-download-mb)", req.max_bytes);
            return r;
        case CURLE_WRITE_ERROR:
            if (t.over_cap) r.error = fmt::format("the file is over the size cap of {} bytes (--max-download-mb)", req.max_bytes);
            else r.error = "cannot write " + req.out.string();
            return r;
        case CURLE_UNSUPPORTED_PROTOCOL:
            r.error = "refused protocol (downloads and their redirects are http or https only): " + detail;
            return r;
        case CURLE_TOO_MANY_REDIRECTS:
            r.error = "too many redirects: " + detail;
            return r;
        case CURLE_COULDNT_CONNECT:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING:
            r.error = "connection: " + detail;
            r.transient = true;
            return r;
        default:
            r.error = detail;
            return r;
    }
}

namespace {
std::string hex_digest(EVP_MD_CTX* ctx) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx, md, &len);
    std::string hex;
    for (unsigned i = 0; i < len; ++i) hex += fmt::format("{:02x}", md[i]);
    return hex;
}
}  // namespace

std::string sha256_text(const std::string& text) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
    EVP_DigestUpdate(ctx.get(), text.data(), text.size());
    return hex_digest(ctx.get());
}

std::string sha256_file(const std::filesystem::path& file) {
    FILE* f = std::fopen(file.c_str(), "rb");
    if (!f) throw SplError("io", "cannot read " + file.string());
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
    std::vector<unsigned char> buf(1 << 20);
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) EVP_DigestUpdate(ctx.get(), buf.data(), n);
    const bool failed = std::ferror(f);
    std::fclose(f);
    if (failed) throw SplError("io", "cannot read " + file.string());
    return hex_digest(ctx.get());
}

}  // namespace minispl::detail
