// Sourcetype definitions: loading the YAML, applying timestamp, aliases, calculated fields, lookups.
#include "minispl/sourcetypes/sourcetype.hpp"

#include "minispl/core/civil_time.hpp"
#include "minispl/core/diagnostic.hpp"
#include "minispl/parse/parser.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <atomic>
#include <unordered_map>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <set>
#include <sstream>
#include <unistd.h>

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

std::vector<std::string> parse_csv_line(std::istream& in, bool& ok) {
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false, any = false;
    int c;
    ok = false;
    while ((c = in.get()) != EOF) {
        any = true;
        if (quoted) {
            if (c == '"') {
                if (in.peek() == '"') {
                    cell += '"';
                    in.get();
                } else {
                    quoted = false;
                }
            } else {
                cell += static_cast<char>(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            cells.push_back(std::move(cell));
            cell.clear();
        } else if (c == '\n') {
            break;
        } else if (c != '\r') {
            cell += static_cast<char>(c);
        }
    }
    if (!any) return cells;
    cells.push_back(std::move(cell));
    ok = true;
    return cells;
}

bool glob_match(std::string_view pat, std::string_view s) {
    // '*' matches any run of characters; everything else literally (case-sensitive, as Splunk lookups).
    size_t p = 0, i = 0, star = std::string_view::npos, mark = 0;
    while (i < s.size()) {
        if (p < pat.size() && pat[p] == '*') {
            star = p++;
            mark = i;
        } else if (p < pat.size() && pat[p] == s[i]) {
            ++p;
            ++i;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            i = ++mark;
        } else {
            return false;
        }
    }
    while (p < pat.size() && pat[p] == '*') ++p;
    return p == pat.size();
}

SourcetypeLookup load_lookup(const std::filesystem::path& file, const YAML::Node& n) {
    if (!n.IsMap()) fail(file, n, "a lookup is a map with file, inputs, outputs");
    SourcetypeLookup lk;
    static std::atomic<uint64_t> next_id{1};
    lk.id = next_id++;
    std::filesystem::path csv = scalar(file, n["file"], "lookup file");
    if (csv.is_relative()) {
        std::filesystem::path beside = file.parent_path() / csv;
        std::filesystem::path in_lookups = file.parent_path() / "lookups" / csv;
        csv = std::filesystem::exists(beside) ? beside : in_lookups;
    }
    lk.file = csv.string();
    for (const auto& s : string_list(file, n["inputs"], "lookup inputs")) lk.inputs.push_back(column_as(s));
    for (const auto& s : string_list(file, n["outputs"], "lookup outputs")) lk.outputs.push_back(column_as(s));
    if (lk.inputs.empty() || lk.outputs.empty()) fail(file, n, "a lookup needs inputs and outputs");
    std::vector<std::string> wild = string_list(file, n["wildcard"], "lookup wildcard");
    for (const auto& [col, field] : lk.inputs)
        lk.wildcard.push_back(std::find(wild.begin(), wild.end(), col) != wild.end());
    if (n["mode"]) {
        std::string mode = scalar(file, n["mode"], "lookup mode");
        if (mode == "output")
            lk.overwrite = true;
        else if (mode == "outputnew")
            lk.overwrite = false;
        else
            fail(file, n["mode"], "lookup mode is output or outputnew");
    }
    lk.defaults = ordered_pairs(file, n["default"], "lookup default");

    std::ifstream in(csv);
    if (!in) fail(file, n["file"], "cannot read lookup " + csv.string());
    bool ok;
    std::vector<std::string> header = parse_csv_line(in, ok);
    std::vector<size_t> index;
    auto column = [&](const std::string& name) {
        for (size_t i = 0; i < header.size(); ++i)
            if (header[i] == name) return i;
        fail(file, n, "lookup " + csv.string() + " has no column " + name);
    };
    for (const auto& io : lk.inputs) index.push_back(column(io.first));
    for (const auto& io : lk.outputs) index.push_back(column(io.first));
    for (;;) {
        std::vector<std::string> cells = parse_csv_line(in, ok);
        if (!ok) break;
        if (cells.size() == 1 && cells[0].empty()) continue;
        std::vector<std::string> row;
        for (size_t i : index) row.push_back(i < cells.size() ? cells[i] : std::string());
        lk.rows.push_back(std::move(row));
    }
    return lk;
}

bool is_digits(std::string_view s, size_t pos, size_t n) {
    if (pos + n > s.size()) return false;
    for (size_t i = pos; i < pos + n; ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}
int num(std::string_view s, size_t pos, size_t n) {
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
}

std::optional<double> parse_time(std::string_view text, const std::string& format) {
    if (format == "iso8601") return parse_iso8601(text);
    if (format == "epoch") return parse_number(text);
    if (format == "auto") {
        if (auto t = parse_iso8601(text)) return t;
        return parse_number(text);
    }
    std::tm tm{};
    std::string s(text);
    const char* end = strptime(s.c_str(), format.c_str(), &tm);
    if (!end) return std::nullopt;
    // UTC by arithmetic rather than timegm(), which keeps its offset guess in a static (a data
    // race when events are applied on several threads). Out-of-range days roll over as in timegm.
    long long year = tm.tm_year + 1900LL, month = tm.tm_mon;
    year += month >= 0 ? month / 12 : -((11 - month) / 12);
    month -= (month >= 0 ? month / 12 : -((11 - month) / 12)) * 12;
    long long days = civil::days_from_civil(year, static_cast<unsigned>(month + 1), 1) + tm.tm_mday - 1;
    return static_cast<double>(days * 86400LL + tm.tm_hour * 3600LL + tm.tm_min * 60LL + tm.tm_sec);
}

//! Every field name an eval expression reads, into `out`; false when it calls a function that
//! could read fields it does not name (the evaluator's function table says which do).
bool expression_reads(const ast::Expr& e, std::set<std::string>& out) {
    bool ok = true;
    if (e.kind == ast::Expr::Kind::Field) out.insert(e.text);
    if (e.kind == ast::Expr::Kind::Call && !eval_function_reads_only_arguments(e.text)) ok = false;
    for (const auto& a : e.args)
        if (a && !expression_reads(*a, out)) ok = false;
    return ok;
}

}  // namespace

std::optional<double> parse_iso8601(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (!is_digits(s, 0, 4) || s.size() < 10 || s[4] != '-' || !is_digits(s, 5, 2) || s[7] != '-' || !is_digits(s, 8, 2))
        return std::nullopt;
    int y = num(s, 0, 4), mo = num(s, 5, 2), d = num(s, 8, 2);
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
    int h = 0, mi = 0, sec = 0;
    double frac = 0;
    size_t i = 10;
    if (i < s.size()) {
        if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return std::nullopt;
        ++i;
        if (!is_digits(s, i, 2) || i + 2 >= s.size() || s[i + 2] != ':' || !is_digits(s, i + 3, 2)) return std::nullopt;
        h = num(s, i, 2);
        mi = num(s, i + 3, 2);
        i += 5;
        if (i < s.size() && s[i] == ':') {
            if (!is_digits(s, i + 1, 2)) return std::nullopt;
            sec = num(s, i + 1, 2);
            i += 3;
            if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
                ++i;
                double scale = 0.1;
                size_t start = i;
                while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
                    frac += (s[i] - '0') * scale;
                    scale /= 10;
                    ++i;
                }
                if (i == start) return std::nullopt;
            }
        }
        if (h > 24 || mi > 59 || sec > 60) return std::nullopt;
    }
    int offset = 0;  // seconds east of UTC
    if (i < s.size()) {
        if (s[i] == 'Z' || s[i] == 'z') {
            ++i;
        } else if (s[i] == '+' || s[i] == '-') {
            int sign = s[i] == '-' ? -1 : 1;
            ++i;
            if (!is_digits(s, i, 2)) return std::nullopt;
            int oh = num(s, i, 2), om = 0;
            i += 2;
            if (i < s.size() && s[i] == ':') ++i;
            if (is_digits(s, i, 2)) {
                om = num(s, i, 2);
                i += 2;
            }
            offset = sign * (oh * 3600 + om * 60);
        } else {
            return std::nullopt;
        }
    }
    if (i != s.size()) return std::nullopt;
    double t = static_cast<double>(civil::days_from_civil(y, mo, d) * 86400LL + h * 3600 + mi * 60 + sec - offset);
    // keep the fraction exact to the millisecond/microsecond as written
    return t + std::round(frac * 1e6) / 1e6;
}

const std::vector<std::string>* SourcetypeLookup::match(const Event& e) const {
    // Inputs as text (first value of a multivalue); a missing input field matches no row.
    thread_local std::string key;
    key.clear();
    for (const auto& in : inputs) {
        const Value* v = e.find(in.second);
        if (!v || v->mv_size() == 0) return nullptr;
        if (v->is_string())
            key += v->str();
        else
            key += v->mv_at(0);
        key += '\x1f';
    }
    // Inputs such as eventName/errorCode repeat endlessly: remember each key's row (per thread).
    // Per thread, so several threads apply at once without locking. Row indexes, not pointers:
    // a copied lookup keeps its id and must not be answered with rows of the original.
    constexpr size_t none = SIZE_MAX;
    thread_local std::unordered_map<uint64_t, std::unordered_map<std::string, size_t>> cache;
    auto& memo = cache[id];
    if (auto it = memo.find(key); it != memo.end()) return it->second == none ? nullptr : &rows[it->second];
    if (memo.size() > 100000) memo.clear();
    size_t found = none;
    std::string_view rest = key;
    std::vector<std::string_view> parts;
    for (size_t i = 0; i < inputs.size(); ++i) {
        size_t sep = rest.find('\x1f');
        parts.push_back(rest.substr(0, sep));
        rest.remove_prefix(sep + 1);
    }
    for (const auto& row : rows) {
        bool ok = true;
        for (size_t i = 0; i < parts.size() && ok; ++i)
            ok = wildcard[i] ? glob_match(row[i], parts[i]) : row[i] == parts[i];
        if (ok) {
            found = static_cast<size_t>(&row - rows.data());
            break;
        }
    }
    memo.emplace(key, found);
    return found == none ? nullptr : &rows[found];
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
    st.name_ = scalar(file, root["name"], "name");
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
        try {
            c.ast = parse_eval_expression(expr);
            c.eval.emplace(*c.ast);
        } catch (const SplError& e) {
            fail(file, "calculated field " + field + ": " + e.what() + " in `" + expr + "`");
        }
        st.calculated_.push_back(std::move(c));
    }
    if (auto lks = root["lookups"]) {
        if (!lks.IsSequence()) fail(file, lks, "lookups must be a list");
        for (const auto& n : lks) st.lookups_.push_back(load_lookup(file, n));
    }
    for (const auto& kv : root) {
        std::string key = kv.first.as<std::string>();
        if (key != "name" && key != "description" && key != "timestamp" && key != "aliases" && key != "calculated" &&
            key != "lookups")
            fail(file, kv.first, "unknown key `" + key + "` (name, description, timestamp, aliases, calculated, lookups)");
    }
    return st;
}

SourcetypeProjection Sourcetype::project(const std::vector<std::string>& wanted) const {
    SourcetypeProjection p;
    // Per definition, in order: keep it. Turned into index lists at the end.
    std::vector<bool> alias(aliases_.size()), calculated(calculated_.size()), lookup(lookups_.size());
    bool all_fields = false;
    std::set<std::string> need(wanted.begin(), wanted.end());
    std::vector<std::string> patterns;
    for (const auto& w : wanted)
        if (w.find('*') != std::string::npos) patterns.push_back(w);
    auto needed = [&](const std::string& field) {
        if (need.count(field)) return true;
        for (const auto& pat : patterns)
            if (glob_match(pat, field)) return true;
        return false;
    };
    // What each calculated field reads, once.
    std::vector<std::set<std::string>> calc_reads(calculated_.size());
    for (size_t i = 0; i < calculated_.size(); ++i)
        if (!calculated_[i].ast || !expression_reads(*calculated_[i].ast, calc_reads[i])) all_fields = true;
    auto keep_all = [](std::vector<bool>& v) { v.assign(v.size(), true); };
    if (all_fields) {
        keep_all(alias);
        keep_all(calculated);
        keep_all(lookup);
    }
    // Fixpoint: keeping a definition adds what it reads; that can make other definitions needed.
    // The timestamp is read only when _time is needed (wanted, or read by a kept definition);
    // its fields then join and the fixpoint runs again.
    bool time = false;
    for (bool changed = true; changed;) {
        changed = false;
        auto keep = [&](std::vector<bool>::reference kept, auto&& reads) {
            kept = true;
            changed = true;
            reads();
        };
        for (size_t i = 0; i < aliases_.size(); ++i)
            if (!alias[i] && needed(aliases_[i].field)) keep(alias[i], [&] { need.insert(aliases_[i].source); });
        for (size_t i = 0; i < calculated_.size(); ++i)
            if (!calculated[i] && needed(calculated_[i].field))
                keep(calculated[i], [&] { need.insert(calc_reads[i].begin(), calc_reads[i].end()); });
        for (size_t i = 0; i < lookups_.size(); ++i) {
            if (lookup[i]) continue;
            const auto& lk = lookups_[i];
            bool writes_needed = false;
            for (const auto& o : lk.outputs) writes_needed = writes_needed || needed(o.second);
            for (const auto& d : lk.defaults) writes_needed = writes_needed || needed(d.first);
            if (!writes_needed) continue;
            keep(lookup[i], [&] {
                for (const auto& in : lk.inputs) need.insert(in.second);
                if (!lk.overwrite) {  // OUTPUTNEW: whether an output is already there decides
                    for (const auto& o : lk.outputs) need.insert(o.second);
                    for (const auto& d : lk.defaults) need.insert(d.first);
                }
            });
        }
        if (all_fields) {  // everything is kept: the fields are everything any definition reads
            for (const auto& a : aliases_) need.insert(a.source);
            for (const auto& r : calc_reads) need.insert(r.begin(), r.end());
            for (const auto& lk : lookups_) {
                for (const auto& in : lk.inputs) need.insert(in.second);
                for (const auto& o : lk.outputs) need.insert(o.second);
                for (const auto& d : lk.defaults) need.insert(d.first);
            }
        }
        if (!time && needed("_time")) {
            time = true;
            changed = true;
            need.insert(time_fields_.begin(), time_fields_.end());
        }
    }
    p.all_fields = all_fields;
    p.time = time || all_fields;
    if (p.time) need.insert(time_fields_.begin(), time_fields_.end());
    p.fields.assign(need.begin(), need.end());
    auto indexes = [](const std::vector<bool>& kept) {
        std::vector<uint32_t> out;
        for (size_t i = 0; i < kept.size(); ++i)
            if (kept[i]) out.push_back(static_cast<uint32_t>(i));
        return out;
    };
    p.alias = indexes(alias);
    p.calculated = indexes(calculated);
    p.lookup = indexes(lookup);
    return p;
}

void Sourcetype::apply(Event& e, const SourcetypeProjection* projection) const {
    if (!projection || projection->time) apply_time(e);
    // Without a projection every definition runs, in order.
    auto each = [projection](const std::vector<uint32_t> SourcetypeProjection::*kept, size_t n, auto&& fn) {
        if (!projection) {
            for (size_t i = 0; i < n; ++i) fn(i);
        } else {
            for (uint32_t i : projection->*kept) fn(i);
        }
    };
    each(&SourcetypeProjection::alias, aliases_.size(), [&](size_t i) {
        const Alias& a = aliases_[i];
        if (const Value* v = e.find(a.source)) {
            Value copy = *v;
            e.set(a.field, std::move(copy));
        }
    });
    if (!calculated_.empty()) {
        // Splunk computes every EVAL- from the event before any of them is assigned.
        thread_local std::vector<std::pair<size_t, Value>> values;
        values.clear();
        each(&SourcetypeProjection::calculated, calculated_.size(),
             [&](size_t i) { values.emplace_back(i, (*calculated_[i].eval)(e)); });
        for (auto& [i, v] : values) e.set(calculated_[i].field, std::move(v));
    }
    each(&SourcetypeProjection::lookup, lookups_.size(), [&](size_t li) {
        const auto& lk = lookups_[li];
        const auto* row = lk.match(e);
        if (row) {
            for (size_t i = 0; i < lk.outputs.size(); ++i) {
                const std::string& val = (*row)[lk.inputs.size() + i];
                const std::string& field = lk.outputs[i].second;
                if (val.empty()) continue;
                if (!lk.overwrite && e.has(field)) continue;
                e.set(field, Value::string(val));
            }
        } else {
            for (const auto& [field, val] : lk.defaults)
                if (lk.overwrite || !e.has(field)) e.set(field, Value::string(val));
        }
    });
}

void Sourcetype::apply_time(Event& e) const {
    for (const auto& f : time_fields_) {
        const Value* v = e.find(f);
        if (!v || v->mv_size() == 0) continue;
        // Hot (every event): read a plain string in place.
        std::optional<double> t = v->is_string() ? parse_time(v->str(), time_format_) : parse_time(v->mv_at(0), time_format_);
        if (t) {
            e.set("_time", Value::number(*t));
            return;
        }
    }
}

std::vector<std::string> Sourcetype::defined_fields() const {
    std::vector<std::string> out;
    auto add = [&](const std::string& f) {
        if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
    };
    if (!time_fields_.empty()) add("_time");
    for (const auto& a : aliases_) add(a.field);
    for (const auto& c : calculated_) add(c.field);
    for (const auto& lk : lookups_) {
        for (const auto& o : lk.outputs) add(o.second);
        for (const auto& d : lk.defaults) add(d.first);
    }
    return out;
}

SourcetypeRegistry::SourcetypeRegistry(const std::filesystem::path& dir) : fallback_(Sourcetype::plain_json()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.is_regular_file() && (entry.path().extension() == ".yml" || entry.path().extension() == ".yaml"))
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        Sourcetype st = Sourcetype::load(f);
        std::string name = st.name();
        by_name_.insert_or_assign(name, std::move(st));
    }
}

const Sourcetype& SourcetypeRegistry::default_sourcetype() const {
    auto it = by_name_.find(std::string_view("json"));
    return it != by_name_.end() ? it->second : fallback_;
}

const Sourcetype& SourcetypeRegistry::get(std::string_view name) const {
    auto it = by_name_.find(name);
    return it != by_name_.end() ? it->second : default_sourcetype();
}

bool SourcetypeRegistry::has(std::string_view name) const { return by_name_.find(name) != by_name_.end(); }

std::vector<std::string> SourcetypeRegistry::names() const {
    std::vector<std::string> out;
    for (const auto& [k, v] : by_name_) out.push_back(k);
    return out;
}

std::filesystem::path default_sourcetype_dir() {
    if (const char* env = std::getenv("MINISPL_SOURCETYPES"); env && *env) return env;
    std::error_code ec;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        std::filesystem::path dir = exe.parent_path();
        for (int up = 0; up < 3 && !dir.empty(); ++up) {
            for (const char* sub : {"sourcetypes", "share/minispl/sourcetypes"}) {
                std::filesystem::path cand = dir / sub;
                if (std::filesystem::exists(cand / "json.yml", ec) || std::filesystem::exists(cand / "aws_cloudtrail.yml", ec))
                    return cand;
            }
            dir = dir.parent_path();
        }
    }
    return std::filesystem::current_path(ec) / "sourcetypes";
}

}  // namespace minispl
