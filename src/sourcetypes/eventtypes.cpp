// Eventtypes and tags: loading sourcetypes/eventtypes/*.yml and computing the fields per event.
#include "minispl/sourcetypes/eventtypes.hpp"

#include "minispl/core/ascii.hpp"
#include "minispl/core/diagnostic.hpp"
#include "minispl/eval/search_matcher.hpp"
#include "minispl/eval/wildcard.hpp"
#include "minispl/parse/parser.hpp"
#include "minispl/sourcetypes/definition_files.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <optional>
#include <map>
#include <mutex>
#include <set>

namespace minispl {

namespace {

struct Eventtype {
    std::string name, search;
    std::vector<std::string> tags;
    std::vector<std::string> refers;  //!< eventtype= values in its search (may be `*` patterns)
    std::optional<SearchMatcher> matcher;
    bool reads_eventtype = false;
};

struct FieldTag {
    std::string field, value;
    std::vector<std::string> tags;
};

[[noreturn]] void fail(const std::string& file, const YAML::Node& n, const std::string& msg) {
    Diagnostic d;
    d.rule = "sourcetype";
    d.file = file;
    d.pos.line = static_cast<uint32_t>(n.Mark().line + 1);
    d.pos.column = static_cast<uint32_t>(n.Mark().column + 1);
    d.message = file + ":" + std::to_string(d.pos.line) + ": " + msg;
    throw SplError(std::move(d));
}

std::string text(const std::string& file, const YAML::Node& n, const YAML::Node& parent, const char* what) {
    if (!n || !n.IsScalar()) fail(file, n ? n : parent, std::string(what) + " must be a text value");
    return n.Scalar();
}

std::vector<std::string> tag_list(const std::string& file, const YAML::Node& n, const YAML::Node& parent) {
    std::vector<std::string> out;
    if (!n) return out;
    if (!n.IsSequence()) fail(file, n, "tags must be a list");
    for (const auto& t : n) out.push_back(text(file, t, n, "a tag"));
    return out;
}

//! The values an expression compares `eventtype` with.
void eventtype_refs(const ast::SearchExpr& x, std::vector<std::string>& out) {
    using K = ast::SearchExpr::Kind;
    if ((x.kind == K::Compare || x.kind == K::In) && x.field == "eventtype")
        for (const auto& v : x.values) out.push_back(v.text);
    for (const auto& c : x.children)
        if (c) eventtype_refs(*c, out);
}

void add_sorted(std::vector<std::string>& into, const std::vector<std::string>& values) {
    into.insert(into.end(), values.begin(), values.end());
}

Value multivalue(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    if (v.empty()) return Value::null();
    return v.size() == 1 ? Value::string(std::move(v[0])) : Value::multi(std::move(v));
}

}  // namespace

struct Eventtypes::State {
    std::vector<Eventtype> eventtypes;  //!< in evaluation order: an eventtype after those it refers to
    std::vector<FieldTag> field_tags;
    std::vector<std::string> fields_read;
    std::map<std::string, std::string> defined_in;  //!< name → file, for "defined twice"
    //! load_directory's directory, read on first use (every run loads the registry, few searches
    //! read eventtype or tag: parsing the files and their searches up front cost every run ~2 ms).
    std::filesystem::path deferred_dir;
    std::once_flag loaded;

    void add(const std::string& yaml, const std::string& file);
    void finish();
    void read_directory(const std::filesystem::path& dir);
    //! This, after reading deferred_dir if there is one (once; a bad file throws on each use).
    const State& ready() {
        if (!deferred_dir.empty()) std::call_once(loaded, [this] { read_directory(deferred_dir); });
        return *this;
    }
};

void Eventtypes::State::add(const std::string& yaml, const std::string& file) {
    YAML::Node root;
    try {
        root = YAML::Load(yaml);
    } catch (const YAML::Exception& e) {
        Diagnostic d;
        d.rule = "sourcetype";
        d.file = file;
        d.pos.line = static_cast<uint32_t>(e.mark.line + 1);
        d.message = file + ":" + std::to_string(d.pos.line) + ": " + e.msg;
        throw SplError(std::move(d));
    }
    if (!root || root.IsNull()) return;
    if (!root.IsMap()) fail(file, root, "an eventtypes file is a map with `eventtypes:` and `tags:` lists");
    for (const auto& kv : root) {
        std::string key = kv.first.as<std::string>();
        if (key != "eventtypes" && key != "tags" && key != "description")
            fail(file, kv.first, "unknown key `" + key + "` (eventtypes, tags, description)");
    }
    if (auto list = root["eventtypes"]) {
        if (!list.IsSequence()) fail(file, list, "eventtypes must be a list");
        for (const auto& n : list) {
            if (!n.IsMap()) fail(file, n, "an eventtype is a map with name, search, tags");
            for (const auto& kv : n) {
                std::string key = kv.first.as<std::string>();
                if (key != "name" && key != "search" && key != "tags" && key != "description")
                    fail(file, kv.first, "unknown eventtype key `" + key + "` (name, search, tags, description)");
            }
            Eventtype et;
            et.name = text(file, n["name"], n, "eventtype name");
            et.search = text(file, n["search"], n, "eventtype search");
            et.tags = tag_list(file, n["tags"], n);
            if (auto [it, fresh] = defined_in.emplace(et.name, file); !fresh)
                fail(file, n["name"], "eventtype " + et.name + " is defined twice (also in " + it->second + ")");
            try {
                ast::SearchExprPtr expr = parse_search_expression(et.search);
                if (!expr) fail(file, n["search"], "eventtype " + et.name + ": empty search");
                eventtype_refs(*expr, et.refers);
                et.reads_eventtype = !et.refers.empty();
                et.matcher.emplace(*expr);
            } catch (const SplError& e) {
                fail(file, n["search"], "eventtype " + et.name + ": " + e.what() + " in `" + et.search + "`");
            }
            eventtypes.push_back(std::move(et));
        }
    }
    if (auto list = root["tags"]) {
        if (!list.IsSequence()) fail(file, list, "tags must be a list of {field, value, tags}");
        for (const auto& n : list) {
            if (!n.IsMap()) fail(file, n, "a tag assignment is a map with field, value, tags");
            FieldTag t;
            t.field = text(file, n["field"], n, "tag field");
            t.value = text(file, n["value"], n, "tag value");
            t.tags = tag_list(file, n["tags"], n);
            field_tags.push_back(std::move(t));
        }
    }
}

void Eventtypes::State::finish() {
    // Order: each eventtype after every eventtype its search refers to (a depth-first topological
    // sort in name order, so the result does not depend on file order); a cycle is an error.
    std::sort(eventtypes.begin(), eventtypes.end(), [](const Eventtype& a, const Eventtype& b) { return a.name < b.name; });
    std::map<std::string, size_t> by_name;
    for (size_t i = 0; i < eventtypes.size(); ++i) by_name[eventtypes[i].name] = i;
    std::vector<int> state(eventtypes.size(), 0);  // 0 new, 1 on the stack, 2 placed
    std::vector<size_t> order;
    std::function<void(size_t, std::vector<std::string>&)> visit = [&](size_t i, std::vector<std::string>& path) {
        if (state[i] == 2) return;
        path.push_back(eventtypes[i].name);
        if (state[i] == 1) {
            std::string cycle;
            for (const auto& p : path) cycle += (cycle.empty() ? "" : " -> ") + p;
            throw SplError("sourcetype", defined_in[eventtypes[i].name] + ": eventtypes refer to each other in a cycle: " + cycle);
        }
        state[i] = 1;
        for (const auto& ref : eventtypes[i].refers) {
            bool any = false;
            for (size_t j = 0; j < eventtypes.size(); ++j)
                if (wildcard_match(ref, eventtypes[j].name, true)) {
                    any = true;
                    visit(j, path);
                }
            if (!any && !has_wildcard(ref))
                throw SplError("sourcetype", defined_in[eventtypes[i].name] + ": eventtype " + eventtypes[i].name +
                                                " refers to eventtype " + ref + ", which is not defined");
        }
        state[i] = 2;
        order.push_back(i);
        path.pop_back();
    };
    for (size_t i = 0; i < eventtypes.size(); ++i) {
        std::vector<std::string> path;
        visit(i, path);
    }
    std::vector<Eventtype> sorted;
    for (size_t i : order) sorted.push_back(std::move(eventtypes[i]));
    eventtypes = std::move(sorted);
    std::set<std::string> reads;
    for (const auto& et : eventtypes)
        for (const auto& f : et.matcher->fields_read())
            if (f != "eventtype") reads.insert(f);
    for (const auto& t : field_tags)
        if (t.field != "eventtype") reads.insert(t.field);
    fields_read.assign(reads.begin(), reads.end());
}

Eventtypes::Eventtypes() : state_(std::make_unique<State>()) {}
Eventtypes::~Eventtypes() = default;
Eventtypes::Eventtypes(Eventtypes&&) noexcept = default;
Eventtypes& Eventtypes::operator=(Eventtypes&&) noexcept = default;

Eventtypes Eventtypes::parse(const std::string& yaml, const std::string& file) {
    Eventtypes out;
    out.state_->add(yaml, file);
    out.state_->finish();
    return out;
}

void Eventtypes::State::read_directory(const std::filesystem::path& dir) {
    eventtypes.clear();
    field_tags.clear();
    fields_read.clear();
    defined_in.clear();
    for (const auto& f : definition_files(dir)) {
        std::ifstream in(f, std::ios::binary);
        if (!in) throw SplError("sourcetype", f.string() + ": cannot read the file");
        std::string yaml((std::istreambuf_iterator<char>(in)), {});
        add(yaml, f.string());
    }
    finish();
}

Eventtypes Eventtypes::load_directory(const std::filesystem::path& dir) {
    Eventtypes out;
    if (!definition_files(dir).empty()) out.state_->deferred_dir = dir;
    return out;
}

bool Eventtypes::empty() const {
    const State& s = state_->ready();
    return s.eventtypes.empty() && s.field_tags.empty();
}

std::vector<std::string> Eventtypes::names() const {
    std::vector<std::string> out;
    for (const auto& et : state_->ready().eventtypes) out.push_back(et.name);
    std::sort(out.begin(), out.end());
    return out;
}

const std::vector<std::string>& Eventtypes::fields_read() const { return state_->ready().fields_read; }

void Eventtypes::apply(Event& e) const {
    std::vector<std::string> matched, eventtype_tags;
    const State& s = state_->ready();
    e.erase("eventtype");  // computed here, whatever the input said
    for (const auto& et : s.eventtypes) {
        // An eventtype that refers to others sees those that matched so far (they come first).
        if (et.reads_eventtype) e.set("eventtype", multivalue(matched));
        if (et.matcher->matches(e)) {
            matched.push_back(et.name);
            add_sorted(eventtype_tags, et.tags);
        }
    }
    e.set("eventtype", multivalue(matched));
    // tags.conf [field=value]: compared as the search command compares field=value (any value of a
    // multivalue, case-insensitive); [eventtype=x] assignments join tag::eventtype.
    std::vector<std::string> all = eventtype_tags;
    std::map<std::string, std::vector<std::string>> by_field;
    by_field["eventtype"] = eventtype_tags;
    for (const auto& t : s.field_tags) {
        const Value* v = e.find(t.field);
        if (!v) continue;
        for (size_t i = 0, n = v->mv_size(); i < n; ++i)
            if (lower(v->mv_at(i)) == lower(t.value)) {
                add_sorted(by_field[t.field], t.tags);
                add_sorted(all, t.tags);
                break;
            }
    }
    e.set("tag", multivalue(std::move(all)));
    for (auto& [field, tags] : by_field) e.set("tag::" + field, multivalue(std::move(tags)));
}

bool is_eventtype_field(std::string_view field) {
    return field == "eventtype" || field == "tag" || field.substr(0, 5) == "tag::";
}

}  // namespace minispl
