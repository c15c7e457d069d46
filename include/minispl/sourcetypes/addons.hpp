#pragma once
// The Splunk add-ons that rules name in how_to_implement, as data: sourcetypes/addons/addons.yml.
#include "minispl/eval/regex.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace minispl {

//! One add-on: its name, the phrases that mention it, the sourcetypes it defines.
struct Addon {
    std::string name;
    std::vector<Regex> mentions;  //!< PCRE2, case-insensitive
    std::vector<std::string> sourcetypes;
};

//! The add-on list, and which add-ons a text mentions. It does not know what minispl defines:
//! the lint check asks the SourcetypeRegistry for that.
class AddonCatalogue {
public:
    //! Loads `file` (a missing file gives an empty catalogue). Throws SplError("sourcetype",
    //! "FILE:LINE: ...") for a malformed entry or a regex that does not compile.
    static AddonCatalogue load(const std::filesystem::path& file);
    //! From YAML text (`file` names it in errors).
    static AddonCatalogue parse(const std::string& yaml, const std::string& file);

    const std::vector<Addon>& addons() const { return addons_; }
    //! The add-ons `text` mentions, in catalogue order, each once.
    std::vector<const Addon*> mentioned(std::string_view text) const;

private:
    std::vector<Addon> addons_;
};

//! `dir`/addons/addons.yml for a sourcetype directory `dir`.
std::filesystem::path addon_catalogue_file(const std::filesystem::path& sourcetype_dir);

}  // namespace minispl
