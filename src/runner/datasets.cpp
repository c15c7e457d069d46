#include "minispl/runner/datasets.hpp"

#include <cstdlib>

namespace fs = std::filesystem;

namespace minispl {

fs::path resolve_dataset(const std::string& data, const fs::path& rule_file, const fs::path& attack_data_dir) {
    static const std::string marker = "/attack_data/master/";
    if (auto at = data.find(marker); at != std::string::npos && data.rfind("http", 0) == 0)
        return attack_data_dir / data.substr(at + marker.size());
    if (data.rfind("file://", 0) == 0) return fs::path(data.substr(7));
    fs::path p(data);
    if (p.is_absolute()) return p;
    fs::path from_pack = rule_pack_root(rule_file) / p;
    if (fs::exists(from_pack)) return from_pack;
    fs::path from_rule = rule_file.parent_path() / p;
    return fs::exists(from_rule) ? from_rule : from_pack;
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
