// The registry of definition stanzas: loading a directory, resolving (sourcetype, source, host)
// to one merged definition with props.conf precedence, renames, and the unknown-sourcetype warning.
#include "minispl/sourcetypes/sourcetype.hpp"

#include "minispl/core/ascii.hpp"
#include "minispl/core/diagnostic.hpp"
#include "minispl/eval/wildcard.hpp"
#include "minispl/sourcetypes/definition_files.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <set>
#include <tuple>

namespace minispl {

struct SourcetypeRegistry::State {
    std::filesystem::path dir;
    std::map<std::string, Sourcetype, std::less<>> by_name;  //!< key: the name in lower case
    //! source:: and host:: stanzas, each list ordered from the lowest to the highest precedence
    //! within its level: wildcard before literal patterns, reverse ASCII order (Splunk: a literal
    //! stanza beats a pattern, then the first in ASCII order wins; merging applies the winner last).
    std::vector<Sourcetype> sources, hosts;
    Sourcetype fallback = Sourcetype::plain_json();
    std::shared_ptr<const Eventtypes> eventtypes;

    mutable std::mutex mutex;  //!< guards resolved
    mutable std::map<std::tuple<std::string, std::string, std::string>, std::shared_ptr<const Sourcetype>, std::less<>>
        resolved;

    const Sourcetype* stanza(std::string_view name) const {
        auto it = by_name.find(lower(name));
        return it != by_name.end() ? &it->second : nullptr;
    }
    const Sourcetype& default_sourcetype() const {
        const Sourcetype* json = stanza("json");
        return json ? *json : fallback;
    }
    //! The stanza for a declared sourcetype: its own (any case), else the first (by name) whose
    //! rename_from matches it.
    const Sourcetype* declared(std::string_view sourcetype) const {
        if (const Sourcetype* st = stanza(sourcetype)) return st;
        for (const auto& [key, st] : by_name)
            for (const auto& pat : st.rename_from())
                if (wildcard_match(pat, sourcetype, true)) return &st;
        return nullptr;
    }
};

namespace {

//! Prints the unknown-sourcetype warning once per process and name (registries come and go).
void warn_once(const std::string& sourcetype, const std::string& message) {
    static std::mutex mutex;
    static std::set<std::string> said;
    std::lock_guard<std::mutex> lock(mutex);
    if (said.insert(lower(sourcetype)).second) std::cerr << "minispl: warning: " << message << "\n";
}

void order_by_precedence(std::vector<Sourcetype>& stanzas) {
    std::sort(stanzas.begin(), stanzas.end(), [](const Sourcetype& a, const Sourcetype& b) {
        bool la = a.pattern()->literal(), lb = b.pattern()->literal();
        if (la != lb) return !la;     // patterns first (lower), literals last (higher)
        return a.name() > b.name();  // reverse ASCII: the first in ASCII order is applied last
    });
}

template <class T, class Key>
void take_over(std::vector<T>& mine, const std::vector<T>& theirs, Key key) {
    for (const auto& t : theirs) {
        auto it = std::find_if(mine.begin(), mine.end(), [&](const T& m) { return key(m) == key(t); });
        if (it != mine.end())
            *it = t;
        else
            mine.push_back(t);
    }
}

}  // namespace

void Sourcetype::merge_from(const Sourcetype& higher) {
    if (!higher.time_fields_.empty()) {
        time_fields_ = higher.time_fields_;
        time_format_ = higher.time_format_;
    }
    take_over(aliases_, higher.aliases_, [](const Alias& a) { return a.field; });
    take_over(calculated_, higher.calculated_, [](const Calculated& c) { return c.field; });
    take_over(lookups_, higher.lookups_, [](const SourcetypeLookup& l) { return l.name; });
}

SourcetypeRegistry::SourcetypeRegistry(const std::filesystem::path& dir) : state_(std::make_shared<State>()) {
    State& s = *state_;
    s.dir = dir;
    s.eventtypes = std::make_shared<const Eventtypes>(Eventtypes::load_directory(dir / "eventtypes"));
    for (const auto& f : definition_files(dir)) {
        Sourcetype st = Sourcetype::load(f);
        switch (st.key()) {
            case Sourcetype::Key::Source: s.sources.push_back(std::move(st)); break;
            case Sourcetype::Key::Host: s.hosts.push_back(std::move(st)); break;
            case Sourcetype::Key::Sourcetype: {
                std::string key = lower(st.name());
                if (const Sourcetype* other = s.stanza(key))
                    throw SplError("sourcetype", f.string() + ": sourcetype " + st.name() + " is also defined in " +
                                                     other->file().string() + " (names are case-insensitive)");
                s.by_name.emplace(key, std::move(st));
            }
        }
    }
    order_by_precedence(s.sources);
    order_by_precedence(s.hosts);
}

const Sourcetype& SourcetypeRegistry::default_sourcetype() const { return state_->default_sourcetype(); }

const Sourcetype& SourcetypeRegistry::get(std::string_view name) const {
    const Sourcetype* st = state_->stanza(name);
    return st ? *st : state_->default_sourcetype();
}

bool SourcetypeRegistry::has(std::string_view name) const { return state_->stanza(name) != nullptr; }

std::vector<std::string> SourcetypeRegistry::names() const {
    std::vector<std::string> out;
    for (const auto& [k, v] : state_->by_name) out.push_back(v.name());
    return out;
}

std::string SourcetypeRegistry::renamed(std::string_view sourcetype) const {
    if (state_->stanza(sourcetype)) return std::string(sourcetype);
    const Sourcetype* st = state_->declared(sourcetype);
    return st ? st->name() : std::string(sourcetype);
}

bool SourcetypeRegistry::knows(std::string_view sourcetype) const {
    return sourcetype.empty() || lower(sourcetype) == "json" || state_->declared(sourcetype) != nullptr;
}

std::string SourcetypeRegistry::unknown_message(std::string_view sourcetype) const {
    return "sourcetype '" + std::string(sourcetype) + "' is not defined in " + state_->dir.string() +
           ": its events get only the plain JSON extraction (no aliases, calculated fields or lookups)";
}

const Eventtypes& SourcetypeRegistry::eventtypes() const { return *state_->eventtypes; }

std::shared_ptr<const Sourcetype> SourcetypeRegistry::resolve(std::string_view sourcetype, std::string_view source,
                                                              std::string_view host) const {
    const State& s = *state_;
    auto key = std::make_tuple(std::string(sourcetype), std::string(source), std::string(host));
    {
        std::lock_guard<std::mutex> lock(s.mutex);
        if (auto it = s.resolved.find(key); it != s.resolved.end()) return it->second;
    }
    if (!knows(sourcetype)) warn_once(std::string(sourcetype), unknown_message(sourcetype));
    const Sourcetype* base = sourcetype.empty() ? nullptr : s.declared(sourcetype);
    auto merged = std::make_shared<Sourcetype>(base ? *base : s.default_sourcetype());
    // Lowest precedence first, so that a higher stanza's attribute replaces a lower one's.
    for (const auto& st : s.sources)
        if (st.pattern()->matches(source)) merged->merge_from(st);
    for (const auto& st : s.hosts)
        if (st.pattern()->matches(host)) merged->merge_from(st);
    if (!sourcetype.empty()) merged->name_ = base && !s.stanza(sourcetype) ? base->name() : std::string(sourcetype);
    merged->key_ = Sourcetype::Key::Sourcetype;
    merged->pattern_.reset();
    merged->rename_from_.clear();
    if (!s.eventtypes->empty()) merged->eventtypes_ = s.eventtypes;
    std::lock_guard<std::mutex> lock(s.mutex);
    return s.resolved.emplace(std::move(key), std::move(merged)).first->second;
}

bool SourcetypeRegistry::has_host_stanzas() const { return !state_->hosts.empty(); }

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
