#pragma once
// Detection rules in security_content's YAML format.
#include "minispl/core/diagnostic.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>
#include <vector>

namespace minispl {

//! One dataset of a test: `data` (URL or path), and how its events are tagged.
struct AttackData {
    std::string data;
    std::string source;
    std::string sourcetype;
    bool update_timestamp = false;
};

//! One entry of `tests:`.
struct RuleTest {
    std::string name;
    std::string test_type;
    std::vector<AttackData> attack_data;
};

//! A field the rule promises in its results: tags.observable (old format), rba.risk_objects /
//! rba.threat_objects, or finding.entity / threat_objects (newer formats).
struct RuleObservable {
    std::string field;
    std::string type;
    std::string role;  //!< "risk" (risk object / victim / attacker) or "threat"
    std::string roles_text;  //!< the roles as written, comma-joined ("Victim,Attacker"); rba/finding: role
};

//! Maps an offset inside a YAML scalar's value back to the file's line and column.
//! Exact for block scalars (| and >), single- and double-quoted and plain scalars,
//! including folded line breaks and '' / \" escapes.
class ScalarMap {
public:
    ScalarMap() = default;
    //! `file_text` is the whole file; `mark` is where yaml-cpp says the scalar node starts.
    ScalarMap(const std::string& file_text, const YAML::Mark& mark, const std::string& value);
    //! Position in the file of the value's byte `offset` (offset == size() maps past the end).
    Position position(uint32_t offset) const;
    //! The file's line (1-based) as text, for printing a caret under it.
    const std::string& file_line(uint32_t line) const;
    //! False when the scalar's form could not be replayed and every byte maps to its start.
    bool exact() const { return exact_; }

private:
    bool exact_ = true;
    std::vector<Position> positions_;     //!< one per value byte, plus one for the end
    std::vector<std::string> lines_;
};

//! A detection rule loaded from YAML.
struct Detection {
    std::filesystem::path file;
    std::string file_text;
    YAML::Node yaml;                      //!< the whole document, for schema checks
    std::string name, id, type, status, description;
    std::string search;
    ScalarMap search_map;                 //!< search offsets → file positions
    std::string message;                  //!< tags.message, rba.message or finding.title
    std::vector<RuleObservable> observables;
    std::vector<RuleTest> tests;
    bool deprecated = false;              //!< under a deprecated/ folder or status: deprecated

    //! The implicit filter macro name: name lower-cased, ' ', '-', '.', '/' → '_', + "_filter".
    std::string filter_macro_name() const;
};

//! Loads one detection. Throws SplError (rule "yaml" or "schema") naming file, line and column.
Detection load_detection(const std::filesystem::path& file);
//! The same from the file's text (`file` names it in errors): what load_detection and the fuzzer call.
Detection parse_detection(std::string text, const std::filesystem::path& file);

//! Every *.yml / *.yaml under the paths (files or directories, recursively), sorted by path.
std::vector<std::filesystem::path> find_rule_files(const std::vector<std::filesystem::path>& paths);

//! The rule pack root of a rule file: the nearest ancestor directory that has a `macros/`
//! subdirectory or is the parent of a `detections/` directory the file sits in.
//! Empty when there is none.
std::filesystem::path rule_pack_root(const std::filesystem::path& rule_file);

}  // namespace minispl
