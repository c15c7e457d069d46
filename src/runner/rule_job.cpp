#include "minispl/runner/rule_job.hpp"

#include "minispl/runner/datasets.hpp"

namespace fs = std::filesystem;

namespace minispl {

RulePack load_rule_pack(const fs::path& root, const std::vector<fs::path>& macro_dirs,
                        const std::vector<fs::path>& lookup_dirs) {
    RulePack pack;
    std::error_code ec;
    if (macro_dirs.empty() && !root.empty() && fs::is_directory(root / "macros", ec))
        pack.macros.load_directory(root / "macros");
    for (const auto& d : macro_dirs) pack.macros.load_directory(d);
    if (lookup_dirs.empty() && !root.empty() && fs::is_directory(root / "lookups", ec))
        pack.lookup_dirs.push_back(root / "lookups");
    pack.lookup_dirs.insert(pack.lookup_dirs.end(), lookup_dirs.begin(), lookup_dirs.end());
    for (const auto& d : pack.lookup_dirs) pack.lookups.load_directory(d);
    return pack;
}

SearchJob rule_search_job(const Detection& rule, const RulePack& pack) {
    SearchJob job;
    job.spl = rule.search;
    job.filter_macro = rule.filter_macro_name();
    job.macros = &pack.macros;
    job.lookup_dirs = pack.lookup_dirs;
    return job;
}

InputSpec dataset_input(const AttackData& data, const fs::path& rule_file, const fs::path& attack_data_dir) {
    InputSpec in;
    in.file = resolve_dataset(data.data, rule_file, attack_data_dir);
    in.sourcetype = data.sourcetype;
    in.source = data.source;
    return in;
}

}  // namespace minispl
