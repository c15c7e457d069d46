// The dataset cache: URL → local file, downloaded once (http_download.cpp does one GET).
#include "minispl/runner/dataset_fetch.hpp"

#include "http_download.hpp"

#include "minispl/core/diagnostic.hpp"
#include "minispl/core/parallel_for.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace fs = std::filesystem;

namespace minispl {

namespace {

const std::string kAttackDataBase = "/attack_data/master/";

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string scheme_of(const std::string& url) {
    size_t p = url.find("://");
    return p == std::string::npos ? "" : lower(url.substr(0, p));
}

//! The cache file's name: the URL's last path segment with anything but [A-Za-z0-9._-] replaced,
//! never empty, `.` or `..` (the server's headers never name it).
std::string cache_name(const std::string& url) {
    std::string path = url.substr(0, url.find_first_of("?#"));
    std::string seg = path.substr(path.find_last_of('/') + 1);
    std::string out;
    for (char c : seg) out += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' ? c : '_';
    if (out.size() > 120) out = out.substr(out.size() - 120);  // the end keeps the extension
    if (out.find_first_not_of('.') == std::string::npos) out = "dataset";
    return out;
}

//! An exclusive flock on a file, for the life of the object: one process at a time per entry.
class EntryLock {
public:
    explicit EntryLock(const fs::path& file) : fd_(::open(file.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644)) {
        if (fd_ >= 0) ::flock(fd_, LOCK_EX);
    }
    ~EntryLock() {
        if (fd_ >= 0) ::close(fd_);  // releases the lock
    }
    EntryLock(const EntryLock&) = delete;
    EntryLock& operator=(const EntryLock&) = delete;

private:
    int fd_;
};

struct Meta {
    std::string url, sha256, etag, last_modified, fetched;
    uint64_t size = 0;
};

bool read_meta(const fs::path& file, Meta& m) {
    std::ifstream in(file);
    if (!in) return false;
    try {
        nlohmann::json j = nlohmann::json::parse(in);
        m.url = j.value("url", "");
        m.sha256 = j.value("sha256", "");
        m.etag = j.value("etag", "");
        m.last_modified = j.value("last_modified", "");
        m.fetched = j.value("fetched", "");
        m.size = j.value("size", uint64_t{0});
        return !m.url.empty() && !m.sha256.empty();
    } catch (const std::exception&) {
        return false;
    }
}

//! Written beside, then renamed over: a reader never sees half a file.
void write_json(const fs::path& file, const nlohmann::json& j) {
    fs::path tmp = file;
    tmp += ".tmp";
    {
        std::ofstream out(tmp);
        out << j.dump(2) << "\n";
        if (!out) throw SplError("io", "cannot write " + tmp.string());
    }
    fs::rename(tmp, file);
}

std::string now_iso() {
    std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

}  // namespace

struct DatasetFetcher::State {
    FetchOptions opts;
    fs::path cache;
    mutable std::mutex mu;
    std::map<std::string, FetchResult> results;
    // progress of the downloads under way
    std::mutex progress_mu;
    std::map<std::string, std::pair<uint64_t, uint64_t>> bytes;  // url → (got, expected)
    size_t done = 0, files = 0;

    void report(const std::string& url, uint64_t got, uint64_t expected, bool finished) {
        if (!opts.progress) return;
        std::lock_guard<std::mutex> lock(progress_mu);
        auto& b = bytes[url];
        b = {got, std::max(expected, got)};
        if (finished) ++done;
        uint64_t g = 0, e = 0;
        for (const auto& [u, p] : bytes) {
            g += p.first;
            e += p.second;
        }
        opts.progress(g, e, done, files);
    }

    void notice(const std::string& text) const {
        if (opts.notice) opts.notice(text);
    }

    FetchResult fetch_one(const std::string& url);
    FetchResult download(const std::string& url, const fs::path& dir, const fs::path& file, const Meta* cached);
};

DatasetFetcher::DatasetFetcher(FetchOptions opts) : state_(std::make_unique<State>()) {
    state_->opts = std::move(opts);
    state_->cache = state_->opts.cache_dir.empty() ? default_dataset_cache() : state_->opts.cache_dir;
    if (state_->opts.jobs == 0) state_->opts.jobs = 1;
}

DatasetFetcher::~DatasetFetcher() = default;

const FetchOptions& DatasetFetcher::options() const { return state_->opts; }
fs::path DatasetFetcher::cache_dir() const { return state_->cache; }

std::string DatasetFetcher::url_for(const std::string& data) const {
    const std::string scheme = scheme_of(data);
    if (scheme.empty()) return "";
    const std::string& base = state_->opts.base_url;
    if (!base.empty() && (scheme == "http" || scheme == "https")) {
        if (size_t at = data.find(kAttackDataBase); at != std::string::npos) {
            std::string b = base;
            if (b.back() != '/') b += '/';
            return b + data.substr(at + kAttackDataBase.size());
        }
    }
    return data;
}

void DatasetFetcher::fetch(const std::vector<std::string>& urls) {
    std::vector<std::string> todo;
    {
        std::lock_guard<std::mutex> lock(state_->mu);
        std::set<std::string> seen;
        for (const auto& u : urls)
            if (!state_->results.count(u) && seen.insert(u).second) todo.push_back(u);
    }
    state_->files += todo.size();
    parallel_for(todo.size(), state_->opts.jobs, [&](size_t i) {
        FetchResult r;
        try {
            r = state_->fetch_one(todo[i]);
        } catch (const std::exception& e) {  // the cache directory's own problems
            r.error = e.what();
        }
        std::lock_guard<std::mutex> lock(state_->mu);
        state_->results[todo[i]] = std::move(r);
    });
}

FetchResult DatasetFetcher::result(const std::string& url) const {
    std::lock_guard<std::mutex> lock(state_->mu);
    auto it = state_->results.find(url);
    if (it != state_->results.end()) return it->second;
    FetchResult r;
    r.error = "not fetched";
    return r;
}

FetchResult DatasetFetcher::State::fetch_one(const std::string& url) {
    FetchResult r;
    const std::string scheme = scheme_of(url);
    if (scheme == "file") {
        r.file = file_url_path(url, r.error);
        std::error_code ec;
        if (r.error.empty() && !fs::is_regular_file(r.file, ec)) r.error = "no such file: " + r.file.string();
        if (!r.error.empty()) r.file.clear();
        report(url, 0, 0, true);
        return r;
    }
    if (scheme != "http" && scheme != "https") {
        r.error = "unsupported URL scheme '" + scheme + "' (only http, https and file)";
        report(url, 0, 0, true);
        return r;
    }
    const std::string key = detail::sha256_text(url);
    const fs::path dir = cache / "datasets" / key;
    const fs::path file = dir / cache_name(url);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        r.error = fmt::format("cannot create the cache directory {}: {}", dir.string(), ec.message());
        return r;
    }
    EntryLock lock(dir / ".lock");
    Meta meta;
    const bool cached = read_meta(dir / "meta.json", meta) && meta.url == url && fs::is_regular_file(file, ec) &&
                        fs::file_size(file, ec) == meta.size;
    if (cached && (!opts.refresh || opts.offline)) {
        r.file = file;
        report(url, 0, 0, true);
        return r;
    }
    if (opts.offline) {
        r.error = "offline: not in the cache (" + cache.string() + ")";
        report(url, 0, 0, true);
        return r;
    }
    r = download(url, dir, file, cached ? &meta : nullptr);
    report(url, 0, 0, true);
    return r;
}

FetchResult DatasetFetcher::State::download(const std::string& url, const fs::path& dir, const fs::path& file,
                                            const Meta* cached) {
    FetchResult r;
    fs::path part = file;
    part += cached ? ".new" : ".part";
    const fs::path part_meta = dir / "part.json";
    std::error_code ec;
    // A partial file left by an earlier run resumes only with the validator that began it.
    std::string validator;
    if (!cached && fs::is_regular_file(part, ec)) {
        std::ifstream in(part_meta);
        try {
            nlohmann::json j = nlohmann::json::parse(in);
            if (j.value("url", "") == url) validator = j.value("validator", "");
        } catch (const std::exception&) {
        }
    }
    detail::HttpResult last;
    for (unsigned attempt = 0;; ++attempt) {
        detail::HttpGet g;
        g.url = url;
        g.out = part;
        g.if_range = validator;
        if (cached) {
            g.if_none_match = cached->etag;
            g.if_modified_since = cached->last_modified;
        }
        g.timeout_seconds = opts.timeout_seconds;
        g.max_bytes = opts.max_bytes;
        g.progress = [&](uint64_t got, uint64_t expected) { report(url, got, expected, false); };
        last = detail::http_get(g);
        if (last.ok) break;
        if (last.error.rfind("HTTP 416", 0) == 0) {  // the partial is no prefix of the file: start over
            fs::remove(part, ec);
            validator.clear();
        } else if (!cached && fs::is_regular_file(part, ec) && fs::file_size(part, ec) > 0 &&
                   !(last.etag.empty() && last.last_modified.empty()) && last.transient) {
            // Keep what arrived, to resume from it (also in a later run).
            validator = !last.etag.empty() && last.etag.rfind("W/", 0) != 0 ? last.etag : last.last_modified;
            write_json(part_meta, {{"url", url}, {"validator", validator}});
        } else {
            fs::remove(part, ec);
            fs::remove(part_meta, ec);
            validator.clear();
        }
        if (!last.transient || attempt >= opts.retries) break;
        std::this_thread::sleep_for(std::chrono::duration<double>(opts.backoff_seconds * std::pow(2.0, attempt)));
    }
    if (cached && !last.ok) {
        fs::remove(part, ec);
        notice(fmt::format("could not ask whether {} changed ({}); the cached copy is used", url, last.error));
        r.file = file;
        return r;
    }
    if (cached && last.not_modified) {
        r.file = file;
        return r;
    }
    if (!last.ok) {
        const unsigned attempts = last.transient ? opts.retries + 1 : 0;
        r.error = "download failed: " + last.error + (attempts > 1 ? fmt::format(" (after {} attempts)", attempts) : "");
        return r;
    }
    const std::string sha = detail::sha256_file(part);
    const uint64_t size = fs::file_size(part);
    if (cached && cached->sha256 != sha)
        notice(fmt::format("{} changed upstream since it was cached on {} (sha256 {} -> {}, {} -> {} bytes); "
                           "the new content is used",
                           url, cached->fetched, cached->sha256.substr(0, 12), sha.substr(0, 12), cached->size, size));
    fs::rename(part, file);
    fs::remove(part_meta, ec);
    write_json(dir / "meta.json", {{"url", url},
                                    {"sha256", sha},
                                    {"size", size},
                                    {"etag", last.etag},
                                    {"last_modified", last.last_modified},
                                    {"fetched", now_iso()}});
    r.file = file;
    r.downloaded = true;
    return r;
}

fs::path default_dataset_cache() {
    if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x && fs::path(x).is_absolute()) return fs::path(x) / "minispl";
    if (const char* h = std::getenv("HOME"); h && *h) return fs::path(h) / ".cache" / "minispl";
    return fs::current_path() / ".minispl-cache";
}

fs::path file_url_path(const std::string& url, std::string& error) {
    if (scheme_of(url) != "file") {
        error = "not a file:// URL: " + url;
        return {};
    }
    std::string rest = url.substr(7);
    std::string host = rest.substr(0, rest.find('/'));
    if (!host.empty() && lower(host) != "localhost") {
        error = "a file:// URL must name this machine (file:///path), not '" + host + "'";
        return {};
    }
    std::string path = rest.substr(host.size());
    std::string decoded;
    for (size_t i = 0; i < path.size(); ++i) {
        if (path[i] == '%' && i + 2 < path.size() && std::isxdigit(static_cast<unsigned char>(path[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(path[i + 2]))) {
            decoded += static_cast<char>(std::stoi(path.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            decoded += path[i];
        }
    }
    if (decoded.empty() || decoded == "/" || decoded.find('\0') != std::string::npos) {
        error = "a file:// URL needs a path: " + url;
        return {};
    }
    return decoded;
}

}  // namespace minispl
