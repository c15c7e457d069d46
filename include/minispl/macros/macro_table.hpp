#pragma once
// Search macros: loaded from macros/*.yml, keyed as name or name(N).
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace minispl {

//! One macro definition.
struct Macro {
    std::string name;                     //!< without the (N) suffix
    std::vector<std::string> arguments;   //!< argument names, substituted as $name$
    std::string definition;
    std::filesystem::path file;           //!< empty for built-ins
    bool builtin = false;
};

//! All macros known to a run: files from one or more macro directories plus built-ins
//! (drop_dm_object_name(1) from the CIM app). The implicit `<rule>_filter` macros are
//! handled by the expander, not stored here.
class MacroTable {
public:
    MacroTable();  //!< with the built-ins
    //! Loads every *.yml in `dir`. Throws SplError naming file:line:col on malformed YAML.
    void load_directory(const std::filesystem::path& dir);
    void add(Macro m);
    //! The macro for a call with `arity` arguments, or nullptr.
    const Macro* find(const std::string& name, size_t arity) const;
    //! Any macro of that name, whatever its arity (to report "wrong number of arguments").
    std::vector<const Macro*> find_any_arity(const std::string& name) const;
    size_t size() const { return macros_.size(); }

private:
    std::map<std::string, Macro> macros_;  //!< key: "name" or "name(N)"
};

}  // namespace minispl
