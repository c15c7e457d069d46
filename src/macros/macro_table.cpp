#include "minispl/macros/macro_table.hpp"

#include "minispl/core/diagnostic.hpp"
#include "minispl/rules/detection.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace minispl {

namespace {

std::string key_of(const std::string& name, size_t arity) {
    return arity == 0 ? name : name + "(" + std::to_string(arity) + ")";
}

// "name(2)" → "name"; anything else unchanged. Some packs write the arity into `name:`.
std::string strip_arity_suffix(const std::string& name) {
    if (name.empty() || name.back() != ')') return name;
    auto open = name.rfind('(');
    if (open == std::string::npos || open + 2 > name.size() - 1) return name;
    for (size_t i = open + 1; i + 1 < name.size(); ++i)
        if (name[i] < '0' || name[i] > '9') return name;
    return name.substr(0, open);
}

std::string scalar_or_empty(const YAML::Node& n) {
    if (!n || !n.IsScalar()) return {};
    return n.as<std::string>();
}

SplError yaml_error(const std::filesystem::path& file, const std::string& what, const YAML::Mark& mark) {
    Diagnostic d;
    d.rule = "yaml";
    d.message = file.string() + ": " + what;
    d.file = file.string();
    if (mark.line >= 0) {
        d.pos.offset = static_cast<uint32_t>(std::max(0, mark.pos));
        d.pos.line = static_cast<uint32_t>(mark.line + 1);
        d.pos.column = static_cast<uint32_t>(mark.column + 1);
        d.offset = d.pos.offset;
    }
    return SplError(d);
}

}  // namespace

MacroTable::MacroTable() {
    // From Splunk_SA_CIM: used by most tstats detections, never shipped in security_content.
    Macro m;
    m.name = "drop_dm_object_name";
    m.arguments = {"object"};
    m.definition = "rename $object$.* AS *";
    m.builtin = true;
    add(std::move(m));
}

void MacroTable::add(Macro m) {
    m.name = strip_arity_suffix(m.name);
    std::string key = key_of(m.name, m.arguments.size());
    macros_[key] = std::move(m);
}

void MacroTable::load_directory(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        Diagnostic d;
        d.rule = "io";
        d.message = "macro directory not found: " + dir.string();
        d.file = dir.string();
        throw SplError(d);
    }
    std::vector<std::filesystem::path> files;
    for (auto& e : std::filesystem::directory_iterator(dir)) {
        auto ext = e.path().extension().string();
        if (e.is_regular_file() && (ext == ".yml" || ext == ".yaml")) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (auto& f : files) {
        YAML::Node doc;
        std::string text;
        try {
            std::ifstream in(f, std::ios::binary);
            std::ostringstream ss;
            ss << in.rdbuf();
            text = ss.str();
            doc = YAML::Load(text);
        } catch (const YAML::Exception& e) {
            throw yaml_error(f, e.msg, e.mark);
        }
        if (!doc.IsMap()) throw yaml_error(f, "a macro file must be a mapping", YAML::Mark());
        Macro m;
        try {
            m.name = scalar_or_empty(doc["name"]);
            m.definition = scalar_or_empty(doc["definition"]);
            if (auto args = doc["arguments"]; args && args.IsSequence())
                for (const auto& a : args) m.arguments.push_back(scalar_or_empty(a));
        } catch (const YAML::Exception& e) {
            throw yaml_error(f, e.msg, e.mark);
        }
        // yaml-cpp accepts a quoted scalar left open at the end of the file: we do not
        if (auto def = doc["definition"]; def && def.IsScalar() && def.Mark().pos >= 0) {
            size_t at = static_cast<size_t>(def.Mark().pos);
            char q = at < text.size() ? text[at] : 0;
            if (q == '\'' || q == '"') {
                ScalarMap map(text, def.Mark(), m.definition);
                Position end = map.position(static_cast<uint32_t>(m.definition.size()));
                if (map.exact() && (end.offset >= text.size() || text[end.offset] != q))
                    throw yaml_error(f, "the quoted `definition` is never closed", def.Mark());
            }
        }
        if (m.name.empty()) {
            Diagnostic d;
            d.rule = "schema";
            d.message = f.string() + ": macro has no `name`";
            d.file = f.string();
            throw SplError(d);
        }
        m.file = f;
        add(std::move(m));
    }
}

const Macro* MacroTable::find(const std::string& name, size_t arity) const {
    auto it = macros_.find(key_of(name, arity));
    return it == macros_.end() ? nullptr : &it->second;
}

std::vector<const Macro*> MacroTable::find_any_arity(const std::string& name) const {
    std::vector<const Macro*> out;
    for (auto it = macros_.lower_bound(name); it != macros_.end(); ++it) {
        const std::string& k = it->first;
        if (k.compare(0, name.size(), name) != 0) break;
        if (k.size() == name.size() || k[name.size()] == '(') out.push_back(&it->second);
    }
    return out;
}

}  // namespace minispl
