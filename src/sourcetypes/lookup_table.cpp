// Loading lookup tables: definition YAMLs, transforms.conf match rules, and a per-process cache
// of parsed CSVs keyed by the file and its modification time (a run reads each table once however
// many rules use it).
#include "minispl/sourcetypes/lookup_table.hpp"

#include "minispl/core/ascii.hpp"
#include "minispl/core/diagnostic.hpp"
#include "minispl/core/value.hpp"
#include "minispl/eval/wildcard.hpp"

#include <yaml-cpp/yaml.h>

#include <map>
#include <mutex>
#include <sstream>

namespace minispl {

namespace fs = std::filesystem;

namespace {

std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

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
    auto records = std::make_shared<const std::vector<std::vector<std::string>>>(read_csv_file(file));
    cache()[file] = CachedCsv{mtime, records};
    return records;
}

// security_content's definition YAML (the transforms.conf stanza in YAML form).
struct Definition {
    std::string filename;
    std::vector<std::string> fields_list;  // a KV store collection's columns
    LookupRules rules;
};

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
    for (const char* key : {"case_sensitive_match", "match_type", "min_matches", "max_matches", "default_match"})
        if (root[key]) d.rules.set(key, text(key), file.string());
    std::stringstream fl(text("fields_list"));
    for (std::string f; std::getline(fl, f, ',');)
        if (!trim(f).empty()) d.fields_list.push_back(trim(f));
    return d;
}

//! The table of a parsed CSV: trimmed header, rows padded or cut to its width.
void fill_table(LookupTable& table, const std::vector<std::vector<std::string>>& records) {
    if (records.empty()) return;
    table.columns = records[0];
    for (auto& c : table.columns) c = trim(c);
    for (size_t i = 1; i < records.size(); ++i) {
        auto row = records[i];
        row.resize(table.columns.size());
        table.rows.push_back(std::move(row));
    }
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

[[noreturn]] void unsafe(std::string_view command, const std::string& msg, const ast::Span& span) {
    throw SplError("unsafe-path", std::string(command) + ": " + msg, span.begin,
                   span.end > span.begin ? span.end - span.begin : 1);
}

}  // namespace

std::string lookup_name_problem(std::string_view name) {
    const std::string shown = "'" + std::string(name.substr(0, name.find('\0'))) + "'";
    if (name.empty()) return "the lookup table name is empty";
    if (name.find('\0') != std::string_view::npos) return "the lookup table name " + shown + "... holds a NUL byte";
    if (name.find('/') != std::string_view::npos || name.find('\\') != std::string_view::npos)
        return "lookup table " + shown + " is a path: a lookup is a file name inside the lookup "
               "directory (no '/' or '\\', no absolute path, no '..')";
    if (name == "." || name == "..") return "lookup table " + shown + " is not a file name";
    return {};
}

void check_lookup_name(std::string_view name, std::string_view command, const ast::Span& span) {
    if (std::string problem = lookup_name_problem(name); !problem.empty()) unsafe(command, problem, span);
}

void check_inside(const fs::path& file, const fs::path& dir, std::string_view command, const ast::Span& span) {
    std::error_code ec;
    const fs::path real_dir = fs::weakly_canonical(fs::absolute(dir, ec), ec);
    // weakly_canonical keeps a dangling symlink as it is, and writing would follow it: follow it here.
    fs::path target = fs::absolute(file, ec);
    for (int hops = 0; !ec && fs::is_symlink(fs::symlink_status(target, ec)); ++hops) {
        if (hops == 40) unsafe(command, "lookup file " + file.string() + ": too many symlinks", span);
        fs::path next = fs::read_symlink(target, ec);
        target = next.is_absolute() ? next : target.parent_path() / next;
    }
    const fs::path real_file = fs::weakly_canonical(target, ec);
    auto rel = real_file.lexically_relative(real_dir);
    if (ec || rel.empty() || *rel.begin() == "..")
        unsafe(command, "lookup file " + file.string() + " leads outside its directory " + dir.string() +
                        " (a symlink?): refused", span);
}

int LookupTable::column(const std::string& n) const {
    for (size_t i = 0; i < columns.size(); ++i)
        if (columns[i] == n) return static_cast<int>(i);
    return -1;
}

std::shared_ptr<const LookupTable> load_lookup(const std::string& name, const std::vector<fs::path>& dirs,
                                               const ast::Span& span, const fs::path& written_dir,
                                               std::string_view command) {
    check_lookup_name(name, command, span);
    auto table = std::make_shared<LookupTable>();
    table->name = name;
    fs::path csv;
    std::vector<std::string> kv_columns;
    bool kv_store = false;
    for (const auto& dir : dirs) {
        if (is_file(dir / (name + ".yml"))) {
            Definition d = read_definition(dir / (name + ".yml"));
            static_cast<LookupRules&>(*table) = d.rules;
            if (!d.filename.empty()) check_lookup_name(d.filename, command, span);
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
        const fs::path written = lookup_write_path(name, dirs, written_dir, span, command);
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
    check_inside(csv, csv.parent_path(), command, span);
    table->file = csv;
    fill_table(*table, *read_csv_cached(csv));
    return table;
}

std::shared_ptr<const LookupTable> load_lookup_file(const fs::path& csv, LookupRules rules) {
    auto table = std::make_shared<LookupTable>();
    static_cast<LookupRules&>(*table) = std::move(rules);
    table->name = csv.filename().string();
    table->file = csv;
    fill_table(*table, *read_csv_cached(csv));
    return table;
}

bool LookupRules::set(const std::string& key, const std::string& raw, const std::string& where) {
    const std::string value = trim(raw);
    auto fail = [&](const std::string& msg) { throw SplError("lookup", where + ": " + key + " " + msg); };
    auto count = [&](size_t lo, size_t hi) {
        auto n = parse_number(value);
        if (!n || *n != static_cast<double>(static_cast<long long>(*n)) || *n < double(lo) || *n > double(hi))
            fail("must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", not '" + value + "'");
        return static_cast<size_t>(*n);
    };
    if (key == "case_sensitive_match") {
        std::string l = lower(value);
        if (l == "true" || l == "t" || l == "1" || l == "yes") case_sensitive = true;
        else if (l == "false" || l == "f" || l == "0" || l == "no") case_sensitive = false;
        else fail("must be true or false, not '" + value + "'");
    } else if (key == "max_matches") {
        max_matches = count(1, 1000);
    } else if (key == "min_matches") {
        min_matches = count(0, 1000);
    } else if (key == "default_match") {
        default_match = value;
    } else if (key == "match_type") {
        // WILDCARD(a), CIDR(b), EXACT(c): comma (and space) separated
        std::stringstream mt(value);
        for (std::string part; std::getline(mt, part, ',');) {
            part = trim(part);
            if (part.empty()) continue;
            size_t open = part.find('('), close = part.rfind(')');
            if (open == std::string::npos || close != part.size() - 1 || close < open + 2)
                fail("entries are WILDCARD(column), CIDR(column) or EXACT(column), not '" + part + "'");
            std::string kind = lower(trim(part.substr(0, open)));
            std::string col = trim(part.substr(open + 1, close - open - 1));
            if (kind == "wildcard") wildcard_columns.insert(col);
            else if (kind == "cidr") cidr_columns.insert(col);
            else if (kind != "exact") fail("kind '" + part.substr(0, open) + "' is not WILDCARD, CIDR or EXACT");
        }
    } else {
        return false;
    }
    return true;
}

fs::path lookup_write_path(const std::string& name, const std::vector<fs::path>& dirs, const fs::path& written_dir,
                           const ast::Span& span, std::string_view command) {
    check_lookup_name(name, command, span);
    // The file and the directory it must stay in.
    auto confined = [&](const fs::path& dir, const std::string& file_name) {
        check_lookup_name(file_name, command, span);
        fs::path file = dir / file_name;
        check_inside(file, dir, command, span);
        return file;
    };
    for (const auto& dir : dirs)
        if (is_file(dir / (name + ".yml"))) {
            Definition d = read_definition(dir / (name + ".yml"));
            if (d.filename.empty()) continue;
            return confined(written_dir.empty() ? dir : written_dir, d.filename);
        }
    const std::string file = fs::path(name).has_extension() ? name : name + ".csv";
    if (!written_dir.empty()) return confined(written_dir, file);
    if (dirs.empty())
        throw SplError("lookup-missing", std::string(command) + ": no lookup directory to write '" + file + "' into",
                       span.begin, span.end > span.begin ? span.end - span.begin : 1);
    return confined(dirs.front(), file);
}

std::vector<std::string> lookup_names(const fs::path& dir) {
    std::vector<std::string> names;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return names;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (!entry.is_regular_file()) continue;
        const auto& p = entry.path();
        std::string fname = p.filename().string();
        if (p.extension() == ".yml" || p.extension() == ".yaml") {
            try {
                YAML::Node y = YAML::LoadFile(p.string());
                if (y.IsMap()) {
                    if (y["name"] && y["name"].IsScalar()) names.push_back(y["name"].Scalar());
                    if (y["filename"] && y["filename"].IsScalar()) names.push_back(y["filename"].Scalar());
                }
            } catch (const std::exception&) {
                // A malformed definition defines nothing; the data file next to it still counts.
            }
            continue;
        }
        names.push_back(fname);
        names.push_back(p.stem().string());
        if (fname.size() > 7 && fname.compare(fname.size() - 7, 7, ".csv.gz") == 0) names.push_back(fname.substr(0, fname.size() - 7));
    }
    return names;
}

void forget_lookup_file(const fs::path& file) {
    std::lock_guard<std::mutex> lock(cache_mutex);
    cache().erase(file);
}

}  // namespace minispl
