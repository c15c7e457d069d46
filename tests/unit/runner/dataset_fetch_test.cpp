// The dataset fetcher without a network: URL remapping, file:// URLs, offline misses, refused
// schemes, where the cache puts things. Downloads themselves: tests/e2e/dataset_download.sh.
#include "minispl/runner/dataset_fetch.hpp"
#include "minispl/runner/datasets.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <fstream>

namespace fs = std::filesystem;
using namespace minispl;

namespace {
const std::string kUrl =
    "https://media.githubusercontent.com/media/splunk/attack_data/master/datasets/attack_techniques/T1078/x/events.json";

struct TempDir {
    fs::path dir = fs::temp_directory_path() / ("minispl_fetch_" + std::to_string(::getpid()));
    TempDir() { fs::create_directories(dir); }
    ~TempDir() { fs::remove_all(dir); }
};
}  // namespace

TEST_CASE("url_for: the attack_data base is remapped; other URLs and paths are kept") {
    FetchOptions o;
    o.base_url = "http://mirror.local/ad";
    DatasetFetcher f(o);
    CHECK(f.url_for(kUrl) == "http://mirror.local/ad/datasets/attack_techniques/T1078/x/events.json");
    CHECK(f.url_for("https://example.com/other/file.json") == "https://example.com/other/file.json");
    CHECK(f.url_for("datasets/local.json") == "");
    DatasetFetcher plain{FetchOptions{}};
    CHECK(plain.url_for(kUrl) == kUrl);
}

TEST_CASE("file:// URLs: this machine only, percent-decoded") {
    std::string err;
    CHECK(file_url_path("file:///tmp/a%20b.json", err) == fs::path("/tmp/a b.json"));
    CHECK(err.empty());
    CHECK(file_url_path("file://localhost/tmp/x", err) == fs::path("/tmp/x"));
    CHECK(file_url_path("file://evil.example/etc/passwd", err).empty());
    CHECK(err.find("must name this machine") != std::string::npos);
    err.clear();
    CHECK(file_url_path("file://", err).empty());
    CHECK(!err.empty());
}

TEST_CASE("offline: a URL not in the cache is missing, and nothing is created for it") {
    TempDir t;
    FetchOptions o;
    o.cache_dir = t.dir / "cache";
    o.offline = true;
    DatasetFetcher f(o);
    f.fetch({kUrl});
    FetchResult r = f.result(kUrl);
    CHECK_FALSE(r.ok());
    CHECK(r.error.find("offline: not in the cache") != std::string::npos);
    CHECK(f.result("https://never.given/x").error == "not fetched");
}

TEST_CASE("refused schemes; file:// read in place through a remapped base") {
    TempDir t;
    fs::create_directories(t.dir / "www/datasets/attack_techniques/T1078/x");
    std::ofstream(t.dir / "www/datasets/attack_techniques/T1078/x/events.json") << "{\"a\":1}\n";
    FetchOptions o;
    o.cache_dir = t.dir / "cache";
    o.base_url = "file://" + (t.dir / "www").string();
    DatasetFetcher f(o);
    const std::string url = f.url_for(kUrl);
    f.fetch({url, "ftp://example.com/x.json", "gopher://h/x"});
    CHECK(f.result(url).ok());
    CHECK(f.result(url).file == t.dir / "www/datasets/attack_techniques/T1078/x/events.json");
    CHECK(f.result("ftp://example.com/x.json").error.find("unsupported URL scheme 'ftp'") != std::string::npos);
    CHECK_FALSE(f.result("gopher://h/x").ok());
    CHECK_FALSE(fs::exists(t.dir / "cache"));  // nothing was cached

    // locate_dataset: the mirror first; else the fetched file; else the reason with the URL.
    AttackData d{kUrl, "s", "st", false};
    DatasetLocation loc = locate_dataset(d.data, t.dir / "rule.yml", t.dir / "no_mirror", &f);
    CHECK(loc.file == f.result(url).file);
    loc = locate_dataset(d.data, t.dir / "rule.yml", t.dir / "www", nullptr);
    CHECK(loc.file == t.dir / "www/datasets/attack_techniques/T1078/x/events.json");
    CHECK(url_to_fetch(d.data, t.dir / "rule.yml", t.dir / "www", &f).empty());  // the mirror has it
    loc = locate_dataset(d.data, t.dir / "rule.yml", {}, nullptr);
    CHECK(loc.file.empty());
    CHECK(loc.missing.find("no attack_data mirror") != std::string::npos);
}

TEST_CASE("the default cache follows XDG_CACHE_HOME, then HOME") {
    const char* x = std::getenv("XDG_CACHE_HOME");
    std::string saved = x ? x : "";
    ::setenv("XDG_CACHE_HOME", "/somewhere/cache", 1);
    CHECK(default_dataset_cache() == fs::path("/somewhere/cache/minispl"));
    ::setenv("XDG_CACHE_HOME", "relative", 1);  // not absolute: ignored, as the XDG spec says
    CHECK(default_dataset_cache() != fs::path("relative/minispl"));
    if (x) ::setenv("XDG_CACHE_HOME", saved.c_str(), 1);
    else ::unsetenv("XDG_CACHE_HOME");
}
