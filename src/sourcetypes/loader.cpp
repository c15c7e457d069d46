// Loading a definition stanza (sourcetypes/*.yml) into a Sourcetype.
#include "minispl/sourcetypes/sourcetype.hpp"

#include "minispl/core/diagnostic.hpp"
#include "minispl/parse/parser.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace minispl {
namespace {

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& msg) {
    Diagnostic d;
    d.rule = "sourcetype";
    d.message = file.string() + ": " + msg;
    d.file = file.string();
    throw SplError(std::move(d));
}

[[noreturn]] void fail(const std::filesystem::path& file, const YAML::Node& n, const std::string& msg) {
    Diagnostic d;
    d.rule = "sourcetype";
    d.file = file.string();
    d.pos.line = static_cast<uint32_t>(n.Mark().line + 1);
    d.pos.column = static_cast<uint32_t>(n.Mark().column + 1);
    d.message = file.string() + ":" + std::to_string(d.pos.line) + ": " + msg;
    throw SplError(std::move(d));
}

std::string scalar(const std::filesystem::path& file, const YAML::Node& n, const char* what) {
    if (!n || !n.IsScalar()) fail(file, n ? n : YAML::Node(), std::string(what) + " must be a text value");
    return n.Scalar();
}

std::vector<std::string> string_list(const std::filesystem::path& file, const YAML::Node& n, const char* what) {
    std::vector<std::string> out;
    if (!n) return out;
    if (n.IsScalar()) {
        out.push_back(n.Scalar());
        return out;
    }
    if (!n.IsSequence()) fail(file, n, std::string(what) + " must be a list");
    for (const auto& item : n) out.push_back(scalar(file, item, what));
    return out;
}

//! (key, value) pairs in document order from a list of one-key maps or from a map.
std::vector<std::pair<std::string, std::string>> ordered_pairs(const std::filesystem::path& file, const YAML::Node& n,
                                                               const char* what) {
    std::vector<std::pair<std::string, std::string>> out;
    if (!n) return out;
    auto take_map = [&](const YAML::Node& m) {
        for (const auto& kv : m) out.emplace_back(kv.first.as<std::string>(), scalar(file, kv.second, what));
    };
    if (n.IsMap())
        take_map(n);
    else if (n.IsSequence())
        for (const auto& item : n) {
            if (!item.IsMap()) fail(file, item, std::string(what) + ": each entry is `field: value`");
            take_map(item);
        }
    else
        fail(file, n, std::string(what) + " must be a list of `field: value` entries");
    return out;
}

//! "column AS field" (any case) or "column".
std::pair<std::string, std::string> column_as(const std::string& s) {
    std::istringstream in(s);
    std::string a, as, b;
    in >> a >> as >> b;
    if (!b.empty() && (as == "AS" || as == "as" || as == "As")) return {a, b};
    return {a, a};
}

//! One `lookups:` entry: the CSV (beside the definition file, or in its lookups/ directory),
//! inputs and outputs (`column [AS field]`), the transforms.conf match settings, OUTPUT/OUTPUTNEW
//! (`mode`), and per-field `default` values for events no row matches.
SourcetypeLookup load_lookup(const std::filesystem::path& file, const YAML::Node& n) {
    if (!n.IsMap()) fail(file, n, "a lookup is a map with file, inputs, outputs");
    static const char* const keys[] = {"name", "file", "inputs", "outputs", "wildcard", "cidr", "mode", "default",
                                       "case_sensitive_match", "match_type", "max_matches", "min_matches",
                                       "default_match"};
    for (const auto& kv : n) {
        std::string key = kv.first.as<std::string>();
        if (std::find_if(std::begin(keys), std::end(keys), [&](const char* k) { return key == k; }) == std::end(keys))
            fail(file, kv.first, "unknown lookup key `" + key + "` (name, file, inputs, outputs, wildcard, cidr, mode, "
                                 "default, case_sensitive_match, match_type, max_matches, min_matches, default_match)");
    }
    const std::string written = scalar(file, n["file"], "lookup file");
    std::filesystem::path csv = written;
    if (csv.is_relative()) {
        std::filesystem::path beside = file.parent_path() / csv;
        std::filesystem::path in_lookups = file.parent_path() / "lookups" / csv;
        csv = std::filesystem::exists(beside) ? beside : in_lookups;
    }
    LookupRules rules;
    // A sourcetype lookup's documented default is "the first matching row wins" (the add-ons set
    // max_matches = 1 on their automatic lookups); transforms.conf's own default is 100.
    rules.max_matches = 1;
    for (const auto& col : string_list(file, n["wildcard"], "lookup wildcard")) rules.wildcard_columns.insert(col);
    for (const auto& col : string_list(file, n["cidr"], "lookup cidr")) rules.cidr_columns.insert(col);
    for (const char* key : {"case_sensitive_match", "match_type", "max_matches", "min_matches", "default_match"})
        if (n[key]) {
            try {
                rules.set(key, scalar(file, n[key], key), file.string());
            } catch (const SplError& e) {
                fail(file, n[key], e.what());
            }
        }
    bool output_new = false;
    if (n["mode"]) {
        std::string mode = scalar(file, n["mode"], "lookup mode");
        if (mode == "output")
            output_new = false;
        else if (mode == "outputnew")
            output_new = true;
        else
            fail(file, n["mode"], "lookup mode is output or outputnew");
    }
    std::shared_ptr<const LookupTable> table;
    try {
        table = load_lookup_file(csv, std::move(rules));
    } catch (const SplError&) {
        fail(file, n["file"], "cannot read lookup " + csv.string());
    }
    auto columns = [&](const char* what) {
        std::vector<LookupMatcher::Column> out;
        for (const auto& s : string_list(file, n[what], what)) {
            auto [col, field] = column_as(s);
            int i = table->column(col);
            if (i < 0) fail(file, n[what], "lookup " + csv.string() + " has no column " + col);
            out.push_back({i, field});
        }
        return out;
    };
    std::vector<LookupMatcher::Column> inputs = columns("inputs"), outputs = columns("outputs");
    if (inputs.empty() || outputs.empty()) fail(file, n, "a lookup needs inputs and outputs");
    auto defaults = ordered_pairs(file, n["default"], "lookup default");
    for (const auto& [field, value] : defaults)
        if (std::none_of(outputs.begin(), outputs.end(), [&](const auto& o) { return o.event_field == field; }))
            fail(file, n["default"], "lookup default for " + field + ", which is not one of its outputs");
    SourcetypeLookup lk;
    lk.name = n["name"] ? scalar(file, n["name"], "lookup name") : written;
    lk.matcher = LookupMatcher(std::move(table), std::move(inputs), std::move(outputs), output_new, std::move(defaults));
    return lk;
}

}  // namespace

struct Sourcetype::Calculated::Parsed {
    std::filesystem::path file;  //!< for errors
    std::once_flag once;
    std::unique_ptr<const ast::Expr> ast;
    std::unique_ptr<const Evaluator> eval;
};

const ast::Expr& Sourcetype::Calculated::ast() const {
    std::call_once(parsed->once, [this] {  // a throw leaves it unset: the next use reports it again
        try {
            auto tree = parse_eval_expression(expression);
            auto evaluator = std::make_unique<const Evaluator>(*tree);
            parsed->ast = std::move(tree);
            parsed->eval = std::move(evaluator);
        } catch (const SplError& e) {
            fail(parsed->file, "calculated field " + field + ": " + e.what() + " in `" + expression + "`");
        }
    });
    return *parsed->ast;
}

const Evaluator& Sourcetype::Calculated::eval() const {
    ast();
    return *parsed->eval;
}

Sourcetype::StanzaKey Sourcetype::read_key(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) fail(file, "cannot read the file");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    // Top-level entries: from a line that starts at column 0 (not a comment) to the next one.
    std::map<std::string, std::string> entries;
    bool plain = true;
    std::string* current = nullptr;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty() && line[0] != ' ' && line[0] != '#' && line[0] != '\r') {
            size_t colon = line.find(':');
            std::string key = line.substr(0, colon);
            bool word = colon != std::string::npos && !key.empty() &&
                        std::all_of(key.begin(), key.end(), [](char c) { return std::isalnum((unsigned char)c) || c == '_'; });
            if (!word) {  // `---`, `- item`, `{...}`, `"quoted": x`, `&anchor`...: not the simple form
                plain = false;
                break;
            }
            current = &entries[key];
            if (!current->empty()) {  // a key twice: let the whole load report it
                plain = false;
                break;
            }
        }
        if (current) *current += line + "\n";
    }
    auto entry = [&](const char* key) -> YAML::Node {
        auto it = entries.find(key);
        if (it == entries.end()) return YAML::Node();
        try {
            return YAML::Load(it->second)[key];
        } catch (const YAML::Exception&) {
            return YAML::Node(YAML::NodeType::Undefined);
        }
    };
    if (plain) {
        YAML::Node name = entry("name"), source = entry("source"), host = entry("host"), renames = entry("rename_from");
        int keys = (name.IsScalar() ? 1 : 0) + (source.IsScalar() ? 1 : 0) + (host.IsScalar() ? 1 : 0);
        bool lists_ok = !entries.count("rename_from") || renames.IsScalar() || renames.IsSequence();
        if (keys == 1 && entries.count("name") + entries.count("source") + entries.count("host") == 1 && lists_ok) {
            StanzaKey k;
            if (name.IsScalar()) {
                k.name = name.Scalar();
                if (renames.IsScalar())
                    k.rename_from.push_back(renames.Scalar());
                else if (renames.IsSequence())
                    for (const auto& r : renames) {
                        if (!r.IsScalar()) return load(file).stanza_key();
                        k.rename_from.push_back(r.Scalar());
                    }
            } else {
                if (entries.count("rename_from")) return load(file).stanza_key();  // load says why
                k.key = source.IsScalar() ? Key::Source : Key::Host;
                k.name = (source.IsScalar() ? source : host).Scalar();
            }
            return k;
        }
    }
    return load(file).stanza_key();
}

Sourcetype Sourcetype::plain_json() {
    Sourcetype st;
    st.name_ = "json";
    st.time_fields_ = {"timestamp", "time", "@timestamp", "eventTime"};
    return st;
}

Sourcetype Sourcetype::load(const std::filesystem::path& file) {
    YAML::Node root;
    try {
        root = YAML::LoadFile(file.string());
    } catch (const YAML::BadFile&) {
        fail(file, "cannot read the file");
    } catch (const YAML::Exception& e) {
        Diagnostic d;
        d.rule = "sourcetype";
        d.file = file.string();
        d.pos.line = static_cast<uint32_t>(e.mark.line + 1);
        d.pos.column = static_cast<uint32_t>(e.mark.column + 1);
        d.message = file.string() + ":" + std::to_string(d.pos.line) + ": " + e.msg;
        throw SplError(std::move(d));
    }
    if (!root.IsMap()) fail(file, "a sourcetype definition is a YAML map");
    Sourcetype st;
    st.file_ = file;
    // Exactly one of name / source / host says what the stanza applies to.
    int keys = !!root["name"] + !!root["source"] + !!root["host"];
    if (keys != 1)
        fail(file, root, "a definition is keyed by exactly one of `name: <sourcetype>`, `source: <pattern>`, "
                         "`host: <pattern>`");
    if (root["name"]) {
        st.name_ = scalar(file, root["name"], "name");
        st.rename_from_ = string_list(file, root["rename_from"], "rename_from");
    } else {
        st.key_ = root["source"] ? Sourcetype::Key::Source : Sourcetype::Key::Host;
        const YAML::Node& p = root["source"] ? root["source"] : root["host"];
        st.name_ = scalar(file, p, "pattern");
        try {
            st.pattern_.emplace(st.name_);
        } catch (const SplError& e) {
            fail(file, p, e.what());
        }
        if (root["rename_from"]) fail(file, root["rename_from"], "rename_from belongs to a `name:` stanza");
    }
    if (auto ts = root["timestamp"]) {
        if (ts.IsScalar()) {
            st.time_fields_ = {ts.Scalar()};
        } else {
            st.time_fields_ = string_list(file, ts["field"], "timestamp field");
            if (ts["format"]) st.time_format_ = scalar(file, ts["format"], "timestamp format");
        }
    }
    for (auto& [field, source] : ordered_pairs(file, root["aliases"], "aliases")) st.aliases_.push_back({field, source});
    for (auto& [field, expr] : ordered_pairs(file, root["calculated"], "calculated")) {
        Calculated c;
        c.field = field;
        c.expression = expr;
        c.parsed = std::make_shared<Calculated::Parsed>();
        c.parsed->file = file;
        st.calculated_.push_back(std::move(c));
    }
    if (auto lks = root["lookups"]) {
        if (!lks.IsSequence()) fail(file, lks, "lookups must be a list");
        for (const auto& n : lks) {
            SourcetypeLookup lk = load_lookup(file, n);
            for (const auto& other : st.lookups_)
                if (other.name == lk.name) fail(file, n, "two lookups named " + lk.name + " (give one a `name:`)");
            st.lookups_.push_back(std::move(lk));
        }
    }
    for (const auto& kv : root) {
        std::string key = kv.first.as<std::string>();
        if (key != "name" && key != "source" && key != "host" && key != "rename_from" && key != "description" &&
            key != "timestamp" && key != "aliases" && key != "calculated" && key != "lookups")
            fail(file, kv.first, "unknown key `" + key + "` (name, source, host, rename_from, description, timestamp, "
                                 "aliases, calculated, lookups)");
    }
    return st;
}

}  // namespace minispl
