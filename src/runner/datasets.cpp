#include "minispl/runner/datasets.hpp"

#include "minispl/runner/dataset_fetch.hpp"

#include <cstdlib>

namespace fs = std::filesystem;

namespace minispl {

fs::path resolve_dataset(const std::string& data, const fs::path& rule_file, const fs::path& attack_data_dir) {
    static const std::string marker = "/attack_data/master/";
    if (auto at = data.find(marker); at != std::string::npos && data.rfind("http", 0) == 0)
        return attack_data_dir.empty() ? fs::path() : attack_data_dir / data.substr(at + marker.size());
    if (data.rfind("file://", 0) == 0) return fs::path(data.substr(7));
    fs::path p(data);
    if (p.is_absolute()) return p;
    fs::path from_pack = rule_pack_root(rule_file) / p;
    if (fs::exists(from_pack)) return from_pack;
    fs::path from_rule = rule_file.parent_path() / p;
    return fs::exists(from_rule) ? from_rule : from_pack;
}

std::string url_to_fetch(const std::string& data, const fs::path& rule_file, const fs::path& attack_data_dir,
                         const DatasetFetcher* fetcher) {
    if (!fetcher) return "";
    std::error_code ec;
    fs::path local = resolve_dataset(data, rule_file, attack_data_dir);
    if (!local.empty() && fs::is_regular_file(local, ec)) return "";
    return fetcher->url_for(data);
}

DatasetLocation locate_dataset(const std::string& data, const fs::path& rule_file, const fs::path& attack_data_dir,
                               const DatasetFetcher* fetcher) {
    DatasetLocation loc;
    std::error_code ec;
    fs::path local = resolve_dataset(data, rule_file, attack_data_dir);
    if (!local.empty() && fs::is_regular_file(local, ec)) {
        loc.file = local;
        return loc;
    }
    const std::string url = url_to_fetch(data, rule_file, attack_data_dir, fetcher);
    if (url.empty()) {
        loc.missing = local.empty() ? data + " (no attack_data mirror: --attack-data DIR)"
                                    : local.string();
        return loc;
    }
    FetchResult r = fetcher->result(url);
    if (r.ok()) loc.file = r.file;
    else loc.missing = url + " (" + (local.empty() ? "" : "not at " + local.string() + "; ") + r.error + ")";
    return loc;
}

fs::path default_attack_data_dir(const fs::path& rule_file) {
    if (const char* env = std::getenv("MINISPL_ATTACK_DATA")) return env;
    for (fs::path base : {rule_pack_root(rule_file), fs::current_path()}) {
        for (int up = 0; up < 4 && !base.empty(); ++up) {
            fs::path candidate = base / "shared" / "attack_data";
            if (fs::is_directory(candidate)) return candidate;
            candidate = base / ".." / "shared" / "attack_data";
            if (fs::is_directory(candidate)) return fs::weakly_canonical(candidate);
            base = base.parent_path();
        }
    }
    return {};
}

}  // namespace minispl
