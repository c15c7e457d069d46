// Loading lookup tables: definition YAMLs, RFC 4180 CSV, and a per-process cache keyed by the
// file and its modification time (a run reads each table once however many rules use it).
#include "minispl/ops/lookup_table.hpp"
#include "minispl/ops/option_util.hpp"

#include "minispl/core/diagnostic.hpp"
#include "minispl/core/value.hpp"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace minispl {

namespace fs = std::filesystem;

namespace {

using opt::lower;
using opt::trim;

struct CachedCsv {
    fs::file_time_type mtime;
    std::shared_ptr<const std::vector<std::vector<std::string>>> records;
};

std::mutex cache_mutex;
std::map<fs::path, CachedCsv>& cache() {
    static std::map<fs::path, CachedCsv> c;
    return c;
}

std::shared_ptr<const std::vector<std::vector<std::string>>> read_csv_cached(const fs::path& file) {
    std::error_code ec;
    auto mtime = fs::last_write_time(file, ec);
    std::lock_guard<std::mutex> lock(cache_mutex);
    auto it = cache().find(file);
    if (it != cache().end() && !ec && it->second.mtime == mtime) return it->second.records;
    std::ifstream in(file, std::ios::binary);
    if (!in) throw SplError("io", "cannot read lookup file " + file.string());
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // UTF-8 byte order mark
    auto records = std::make_shared<const std::vector<std::vector<std::string>>>(parse_csv(text));
    cache()[file] = CachedCsv{mtime, records};
    return records;
}

// security_content's definition YAML (the transforms.conf stanza in YAML form).
struct Definition {
    std::string filename;
    std::vector<std::string> fields_list;  // a KV store collection's columns
    bool case_sensitive = true;
    std::set<std::string> wildcards;
    size_t min_matches = 0, max_matches = 100;
    std::string default_match;
};

bool read_bool(const std::string& v) {
    std::string l = lower(trim(v));
    return l == "true" || l == "t" || l == "1" || l == "yes";
}

Definition read_definition(const fs::path& file) {
    Definition d;
    YAML::Node root;
    try {
        root = YAML::LoadFile(file.string());
    } catch (const std::exception& e) {
        throw SplError("io", "cannot read lookup definition " + file.string() + ": " + e.what());
    }
    auto text = [&](const char* key) { return root[key] && root[key].IsScalar() ? root[key].as<std::string>() : std::string(); };
    d.filename = trim(text("filename"));
    if (root["case_sensitive_match"]) d.case_sensitive = read_bool(text("case_sensitive_match"));
    if (auto v = parse_number(text("min_matches")); v && *v >= 0) d.min_matches = static_cast<size_t>(*v);
    if (auto v = parse_number(text("max_matches")); v && *v >= 1) d.max_matches = static_cast<size_t>(*v);
    d.default_match = text("default_match");
    // match_type: WILDCARD(a), WILDCARD(b)   (CIDR(x) is not used by security_content)
    std::stringstream mt(text("match_type"));
    for (std::string part; std::getline(mt, part, ',');) {
        part = trim(part);
        size_t open = part.find('('), close = part.rfind(')');
        if (open == std::string::npos || close == std::string::npos || close < open) continue;
        if (lower(trim(part.substr(0, open))) == "wildcard") d.wildcards.insert(trim(part.substr(open + 1, close - open - 1)));
    }
    std::stringstream fl(text("fields_list"));
    for (std::string f; std::getline(fl, f, ',');)
        if (!trim(f).empty()) d.fields_list.push_back(trim(f));
    return d;
}

std::string dir_list(const std::vector<fs::path>& dirs) {
    if (dirs.empty()) return "(no lookup directories)";
    std::string s;
    for (const auto& d : dirs) s += (s.empty() ? "" : ", ") + d.string();
    return s;
}

bool is_file(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

}  // namespace

int LookupTable::column(const std::string& n) const {
    for (size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == n) return static_cast<int>(i);
    return -1;
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> out;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false, any = false;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == ',') {
            record.push_back(std::move(field));
            field.clear();
            any = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            if (any || !field.empty()) {
                record.push_back(std::move(field));
                out.push_back(std::move(record));
            }
            record.clear();
            field.clear();
            any = false;
        } else {
            field += c;
        }
    }
    if (any || !field.empty()) {
        record.push_back(std::move(field));
        out.push_back(std::move(record));
    }
    return out;
}

std::string csv_escape(const std::string& f) {
    if (f.find_first_of(",\"\r\n") == std::string::npos) return f;
    std::string s = "\"";
    for (char c : f) {
        if (c == '"') s += '"';
        s += c;
    }
    return s + '"';
}

std::shared_ptr<const LookupTable> load_lookup(const std::string& name, const std::vector<fs::path>& dirs,
                                               const ast::Span& span, const fs::path& written_dir) {
    auto table = std::make_shared<LookupTable>();
    table->name = name;
    fs::path csv;
    std::vector<std::string> kv_columns;
    bool kv_store = false;
    for (const auto& dir : dirs) {
        if (is_file(dir / (name + ".yml"))) {
            Definition d = read_definition(dir / (name + ".yml"));
            table->case_sensitive = d.case_sensitive;
            table->wildcard_columns = d.wildcards;
            table->min_matches = d.min_matches;
            table->max_matches = d.max_matches;
            table->default_match = d.default_match;
            if (!d.filename.empty() && is_file(dir / d.filename)) {
                csv = dir / d.filename;
            } else if (d.filename.empty() && !d.fields_list.empty()) {
                kv_store = true;  // a KV store collection: minispl starts it empty
                kv_columns = d.fields_list;
            }
            if (!csv.empty() || kv_store) break;
        }
        if (is_file(dir / name) && fs::path(name).has_extension()) { csv = dir / name; break; }
        if (is_file(dir / (name + ".csv"))) { csv = dir / (name + ".csv"); break; }
    }
    if (!written_dir.empty()) {
        const fs::path written = lookup_write_path(name, dirs, written_dir);
        if (is_file(written)) {
            csv = written;
            kv_store = false;
        }
    }
    if (csv.empty() && !kv_store)
        throw SplError("lookup-missing", "lookup table '" + name + "' not found in " + dir_list(dirs), span.begin,
                       span.end > span.begin ? span.end - span.begin : 1);
    if (kv_store) {
        table->columns = kv_columns;
        return table;
    }
    table->file = csv;
    auto records = read_csv_cached(csv);
    if (!records->empty()) {
        table->columns = (*records)[0];
        for (auto& c : table->columns) c = trim(c);
        for (size_t i = 1; i < records->size(); ++i) {
            auto row = (*records)[i];
            row.resize(table->columns.size());
            table->rows.push_back(std::move(row));
        }
    }
    return table;
}

fs::path lookup_write_path(const std::string& name, const std::vector<fs::path>& dirs, const fs::path& written_dir) {
    for (const auto& dir : dirs)
        if (is_file(dir / (name + ".yml"))) {
            Definition d = read_definition(dir / (name + ".yml"));
            if (d.filename.empty()) continue;
            return written_dir.empty() ? dir / d.filename : written_dir / fs::path(d.filename).filename();
        }
    fs::path file = fs::path(name).has_extension() ? fs::path(name) : fs::path(name + ".csv");
    if (file.is_absolute()) return file;
    if (!written_dir.empty()) return written_dir / file.filename();
    if (dirs.empty()) return file;
    return dirs.front() / file;
}

void forget_lookup_file(const fs::path& file) {
    std::lock_guard<std::mutex> lock(cache_mutex);
    cache().erase(file);
}

}  // namespace minispl
