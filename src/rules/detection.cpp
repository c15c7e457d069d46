#include "minispl/rules/detection.hpp"

#include "minispl/core/ascii.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace minispl {

namespace {

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        Diagnostic d;
        d.rule = "io";
        d.message = "cannot read " + file.string();
        d.file = file.string();
        throw SplError(d);
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Diagnostic at_mark(std::string rule, const std::filesystem::path& file, const std::string& text,
                   const std::string& msg, const YAML::Mark& mark) {
    Diagnostic d;
    d.rule = std::move(rule);
    d.file = file.string();
    bool msg_suffix_decoded = false;
    if (mark.pos >= 0 && mark.line >= 0 && static_cast<size_t>(mark.pos) <= text.size()) {
        d.pos.offset = static_cast<uint32_t>(mark.pos);
        d.pos.line = static_cast<uint32_t>(mark.line + 1);
        d.pos.column = static_cast<uint32_t>(mark.column + 1);
        d.offset = d.pos.offset;
    } else if (mark.pos >= 0) {
        // yaml-cpp counts in the text as it decoded it: a file that looks like UTF-16/32 (NUL
        // bytes) gets marks past its end. Name the position in the file's own bytes instead.
        d.pos = position_of(text, static_cast<uint32_t>(text.size()));
        d.offset = d.pos.offset;
        msg_suffix_decoded = true;
    }
    d.message = file.string() + ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + ": " + msg;
    if (msg_suffix_decoded) d.message += " (yaml-cpp decoded the file as UTF-16/32: it is not UTF-8 text; the position given is its end)";
    return d;
}

// A scalar as text; "" for a missing or null node. A non-scalar is a schema error.
std::string text_of(const YAML::Node& n, const char* what, const std::filesystem::path& file,
                    const std::string& file_text) {
    if (!n || n.IsNull()) return {};
    if (!n.IsScalar())
        throw SplError(at_mark("schema", file, file_text, std::string("`") + what + "` must be a scalar", n.Mark()));
    return n.Scalar();
}

std::string scalar(const YAML::Node& n) {
    if (!n || !n.IsScalar()) return {};
    return n.Scalar();
}

YAML::Node child(const YAML::Node& n, const char* key) {
    if (!n || !n.IsMap()) return YAML::Node();
    return n[key];
}

bool truthy(const YAML::Node& n) {
    const std::string s = lower(scalar(n));
    return s == "true" || s == "yes" || s == "on" || s == "1";
}

// Observable types a risk object can have (contentctl's risk-object types); other attacker
// observables are threat objects.
bool is_risk_type(const std::string& type) {
    static const char* kinds[] = {"user", "username", "email address", "endpoint", "hostname", "ip address",
                                  "system", "other"};
    const std::string t = lower(type);
    for (auto* k : kinds)
        if (t == k) return true;
    return false;
}

void read_observables(Detection& d) {
    const YAML::Node& y = d.yaml;
    // old format: tags.observable[{name, type, role: [Victim|Attacker|...]}]
    YAML::Node obs = child(child(y, "tags"), "observable");
    if (obs && obs.IsSequence()) {
        for (const auto& o : obs) {
            RuleObservable r;
            r.field = scalar(child(o, "name"));
            r.type = scalar(child(o, "type"));
            bool victim = false, attacker = false;
            YAML::Node roles = child(o, "role");
            auto add_role = [&](const std::string& s) {
                if (!r.roles_text.empty()) r.roles_text += ",";
                r.roles_text += s;
                victim = victim || s == "Victim";
                attacker = attacker || s == "Attacker";
            };
            if (roles && roles.IsSequence())
                for (const auto& x : roles) add_role(scalar(x));
            else if (roles && roles.IsScalar())
                add_role(roles.Scalar());
            r.role = victim || (attacker && is_risk_type(r.type)) || (!attacker) ? "risk" : "threat";
            d.observables.push_back(std::move(r));
        }
    }
    auto add_list = [&](const YAML::Node& list, const char* role) {
        if (!list || !list.IsSequence()) return;
        for (const auto& o : list) {
            RuleObservable r;
            r.field = scalar(child(o, "field"));
            r.type = scalar(child(o, "type"));
            r.role = role;
            r.roles_text = role;
            d.observables.push_back(std::move(r));
        }
    };
    // rba: {message, risk_objects: [{field, type, score}], threat_objects: [{field, type}]}
    YAML::Node rba = child(y, "rba");
    add_list(child(rba, "risk_objects"), "risk");
    add_list(child(rba, "threat_objects"), "threat");
    // finding: {title, entity: {field, type}} + top-level threat_objects
    YAML::Node entity = child(child(y, "finding"), "entity");
    if (entity && entity.IsMap()) {
        RuleObservable r;
        r.field = scalar(child(entity, "field"));
        r.type = scalar(child(entity, "type"));
        r.role = "risk";
        r.roles_text = "risk";
        d.observables.push_back(std::move(r));
    }
    add_list(child(y, "threat_objects"), "threat");
}

void read_tests(Detection& d) {
    YAML::Node tests = child(d.yaml, "tests");
    if (!tests || !tests.IsSequence()) return;
    for (const auto& t : tests) {
        RuleTest rt;
        rt.name = scalar(child(t, "name"));
        rt.test_type = scalar(child(t, "test_type"));
        YAML::Node ad = child(t, "attack_data");
        if (ad && ad.IsSequence()) {
            for (const auto& a : ad) {
                AttackData x;
                x.data = scalar(child(a, "data"));
                x.source = scalar(child(a, "source"));
                x.sourcetype = scalar(child(a, "sourcetype"));
                x.update_timestamp = truthy(child(a, "update_timestamp"));
                rt.attack_data.push_back(std::move(x));
            }
        }
        d.tests.push_back(std::move(rt));
    }
}

}  // namespace

std::string Detection::filter_macro_name() const {
    std::string out;
    out.reserve(name.size() + 7);
    for (unsigned char c : name) {
        if (c == ' ' || c == '-' || c == '.' || c == '/') out += '_';
        else out += ascii_lower(static_cast<char>(c));
    }
    return out + "_filter";
}

Detection load_detection(const std::filesystem::path& file) { return parse_detection(read_file(file), file); }

Detection parse_detection(std::string text, const std::filesystem::path& file) {
    Detection d;
    d.file = file;
    d.file_text = std::move(text);
    try {
        d.yaml = YAML::Load(d.file_text);
    } catch (const YAML::Exception& e) {
        throw SplError(at_mark("yaml", file, d.file_text, e.msg, e.mark));
    }
    if (!d.yaml.IsMap())
        throw SplError(at_mark("schema", file, d.file_text, "a detection must be a YAML mapping", d.yaml.Mark()));
    try {
        YAML::Node name = d.yaml["name"];
        YAML::Node search = d.yaml["search"];
        if (!name || name.IsNull())
            throw SplError(at_mark("schema", file, d.file_text, "detection has no `name`", YAML::Mark()));
        if (!search || search.IsNull())
            throw SplError(at_mark("schema", file, d.file_text, "detection has no `search`", name.Mark()));
        d.name = text_of(name, "name", file, d.file_text);
        d.search = text_of(search, "search", file, d.file_text);
        d.search_map = ScalarMap(d.file_text, search.Mark(), d.search);
        // yaml-cpp accepts a quoted scalar left open at the end of the file; Splunk's loader does not.
        Position end = d.search_map.position(static_cast<uint32_t>(d.search.size()));
        size_t start = search.Mark().pos >= 0 ? static_cast<size_t>(search.Mark().pos) : 0;
        if (start < d.file_text.size() && (d.file_text[start] == '\'' || d.file_text[start] == '"') &&
            d.search_map.exact() && (end.offset >= d.file_text.size() || d.file_text[end.offset] != d.file_text[start]))
            throw SplError(at_mark("yaml", file, d.file_text, "the quoted `search` string is never closed",
                                   search.Mark()));
        d.id = text_of(d.yaml["id"], "id", file, d.file_text);
        d.type = text_of(d.yaml["type"], "type", file, d.file_text);
        d.status = text_of(d.yaml["status"], "status", file, d.file_text);
        d.description = text_of(d.yaml["description"], "description", file, d.file_text);
        d.message = scalar(child(child(d.yaml, "tags"), "message"));
        if (d.message.empty()) d.message = scalar(child(child(d.yaml, "rba"), "message"));
        if (d.message.empty()) d.message = scalar(child(child(d.yaml, "finding"), "title"));
        read_observables(d);
        read_tests(d);
    } catch (const YAML::Exception& e) {
        throw SplError(at_mark("schema", file, d.file_text, e.msg, e.mark));
    }
    d.deprecated = lower(d.status) == "deprecated";
    for (const auto& part : file.parent_path())
        if (part == "deprecated") d.deprecated = true;
    return d;
}

std::vector<std::filesystem::path> find_rule_files(const std::vector<std::filesystem::path>& paths) {
    std::vector<std::filesystem::path> out;
    for (const auto& p : paths) {
        std::error_code ec;
        if (std::filesystem::is_directory(p, ec)) {
            for (auto it = std::filesystem::recursive_directory_iterator(
                     p, std::filesystem::directory_options::skip_permission_denied, ec);
                 it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
                if (ec) break;
                auto ext = it->path().extension();
                if (it->is_regular_file(ec) && (ext == ".yml" || ext == ".yaml")) out.push_back(it->path());
            }
        } else if (std::filesystem::exists(p, ec)) {
            out.push_back(p);  // named explicitly: taken whatever its extension
        } else {
            Diagnostic d;
            d.rule = "io";
            d.message = "no such file or directory: " + p.string();
            d.file = p.string();
            throw SplError(d);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::filesystem::path rule_pack_root(const std::filesystem::path& rule_file) {
    std::error_code ec;
    std::filesystem::path p = std::filesystem::weakly_canonical(std::filesystem::absolute(rule_file, ec), ec);
    for (std::filesystem::path dir = p.parent_path(); !dir.empty(); dir = dir.parent_path()) {
        if (std::filesystem::is_directory(dir / "macros", ec)) return dir;
        if (dir.filename() == "detections") return dir.parent_path();
        if (dir == dir.root_path()) break;
    }
    return {};
}

}  // namespace minispl
