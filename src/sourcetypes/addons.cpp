// sourcetypes/addons/addons.yml: the add-ons rules name and the sourcetypes each defines.
#include "minispl/sourcetypes/addons.hpp"

#include "minispl/core/diagnostic.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

namespace minispl {

namespace {

std::string where(const std::string& file, const YAML::Node& n) {
    return file + ":" + std::to_string(n.Mark().line + 1);
}

//! entry[key] as a non-empty list of strings.
std::vector<std::string> strings(const YAML::Node& entry, const std::string& file, const char* key) {
    const YAML::Node n = entry[key];
    if (!n || !n.IsSequence() || n.size() == 0)
        throw SplError("sourcetype", where(file, n ? n : entry) + ": '" + key + "' must be a non-empty list of strings");
    std::vector<std::string> out;
    for (const auto& s : n) {
        if (!s.IsScalar() || s.Scalar().empty())
            throw SplError("sourcetype", where(file, s) + ": '" + key + "' must be a non-empty list of strings");
        out.push_back(s.Scalar());
    }
    return out;
}

}  // namespace

AddonCatalogue AddonCatalogue::parse(const std::string& yaml, const std::string& file) {
    YAML::Node doc;
    try {
        doc = YAML::Load(yaml);
    } catch (const YAML::Exception& e) {
        throw SplError("sourcetype", file + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
    }
    AddonCatalogue c;
    const YAML::Node list = doc["addons"];
    if (!list || !list.IsSequence()) throw SplError("sourcetype", file + ": expected a top-level 'addons:' list");
    for (const auto& a : list) {
        if (!a.IsMap() || !a["name"] || !a["name"].IsScalar())
            throw SplError("sourcetype", where(file, a) + ": each add-on needs a 'name'");
        Addon addon;
        addon.name = a["name"].Scalar();
        for (const auto& m : strings(a, file, "mentions")) {
            try {
                addon.mentions.emplace_back(m, /*caseless=*/true);
            } catch (const SplError& e) {
                throw SplError("sourcetype", where(file, a["mentions"]) + ": " + e.what());
            }
        }
        addon.sourcetypes = strings(a, file, "sourcetypes");
        c.addons_.push_back(std::move(addon));
    }
    return c;
}

AddonCatalogue AddonCatalogue::load(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return {};
    std::ifstream in(file, std::ios::binary);
    if (!in) throw SplError("sourcetype", file.string() + ": cannot read the file");
    std::stringstream ss;
    ss << in.rdbuf();
    return parse(ss.str(), file.string());
}

std::vector<const Addon*> AddonCatalogue::mentioned(std::string_view text) const {
    std::vector<const Addon*> out;
    for (const auto& a : addons_)
        for (const auto& m : a.mentions)
            if (m.search(text)) {
                out.push_back(&a);
                break;
            }
    return out;
}

std::filesystem::path addon_catalogue_file(const std::filesystem::path& sourcetype_dir) {
    return sourcetype_dir / "addons" / "addons.yml";
}

}  // namespace minispl
