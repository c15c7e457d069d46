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
#include <optional>
#include <set>
#include <tuple>

namespace minispl {

namespace {

//! One definition file: its key, read ahead, and the stanza, loaded on first use.
struct Definition {
    std::filesystem::path file;
    Sourcetype::StanzaKey key;
    std::optional<StanzaPattern> pattern;  //!< of a source:: or host:: stanza
    mutable std::once_flag once;
    mutable std::optional<Sourcetype> loaded;

    //! The stanza (loads the file the first time; a bad file throws on every use).
    const Sourcetype& get() const {
        std::call_once(once, [this] {
            Sourcetype st = Sourcetype::load(file);
            if (!(st.stanza_key() == key))
                throw SplError("sourcetype", file.string() + ": the stanza key read line by line (" + key.name +
                                                 ") is not what the file says (" + st.name() +
                                                 "): write name:/source:/host: and rename_from: as plain top-level entries");
            loaded.emplace(std::move(st));
        });
        return *loaded;
    }
};

}  // namespace

struct SourcetypeRegistry::State {
    std::filesystem::path dir;
    std::vector<std::unique_ptr<Definition>> definitions;
    std::map<std::string, const Definition*, std::less<>> by_name;  //!< key: the name in lower case
    //! source:: and host:: stanzas, each list ordered from the lowest to the highest precedence
    //! within its level: wildcard before literal patterns, reverse ASCII order (Splunk: a literal
    //! stanza beats a pattern, then the first in ASCII order wins; merging applies the winner last).
    std::vector<const Definition*> sources, hosts;
    Sourcetype fallback = Sourcetype::plain_json();
    std::shared_ptr<const Eventtypes> eventtypes;  //!< read on first use
    bool eventtype_files = false;                  //!< dir/eventtypes has definition files

    mutable std::mutex mutex;  //!< guards resolved
    mutable std::map<std::tuple<std::string, std::string, std::string>, std::shared_ptr<const Sourcetype>, std::less<>>
        resolved;

    const Definition* stanza(std::string_view name) const {
        auto it = by_name.find(lower(name));
        return it != by_name.end() ? it->second : nullptr;
    }
    const Sourcetype& default_sourcetype() const {
        const Definition* json = stanza("json");
        return json ? json->get() : fallback;
    }
    //! The stanza for a declared sourcetype: its own (any case), else the first (by name) whose
    //! rename_from matches it.
    const Definition* declared(std::string_view sourcetype) const {
        if (const Definition* d = stanza(sourcetype)) return d;
        for (const auto& [key, d] : by_name)
            for (const auto& pat : d->key.rename_from)
                if (wildcard_match(pat, sourcetype, true)) return d;
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

void order_by_precedence(std::vector<const Definition*>& stanzas) {
    std::sort(stanzas.begin(), stanzas.end(), [](const Definition* a, const Definition* b) {
        bool la = a->pattern->literal(), lb = b->pattern->literal();
        if (la != lb) return !la;               // patterns first (lower), literals last (higher)
        return a->key.name > b->key.name;  // reverse ASCII: the first in ASCII order is applied last
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
    s.eventtype_files = !definition_files(dir / "eventtypes").empty();
    for (const auto& f : definition_files(dir)) {
        auto d = std::make_unique<Definition>();
        d->file = f;
        d->key = Sourcetype::read_key(f);
        switch (d->key.key) {
            case Sourcetype::Key::Source:
            case Sourcetype::Key::Host:
                try {
                    d->pattern.emplace(d->key.name);
                } catch (const SplError& e) {
                    throw SplError("sourcetype", f.string() + ": " + e.what());
                }
                (d->key.key == Sourcetype::Key::Source ? s.sources : s.hosts).push_back(d.get());
                break;
            case Sourcetype::Key::Sourcetype: {
                std::string key = lower(d->key.name);
                if (const Definition* other = s.stanza(key))
                    throw SplError("sourcetype", f.string() + ": sourcetype " + d->key.name + " is also defined in " +
                                                     other->file.string() + " (names are case-insensitive)");
                s.by_name.emplace(key, d.get());
            }
        }
        s.definitions.push_back(std::move(d));
    }
    order_by_precedence(s.sources);
    order_by_precedence(s.hosts);
}

const Sourcetype& SourcetypeRegistry::default_sourcetype() const { return state_->default_sourcetype(); }

const Sourcetype& SourcetypeRegistry::get(std::string_view name) const {
    const Definition* d = state_->stanza(name);
    return d ? d->get() : state_->default_sourcetype();
}

bool SourcetypeRegistry::has(std::string_view name) const { return state_->stanza(name) != nullptr; }

std::vector<std::string> SourcetypeRegistry::names() const {
    std::vector<std::string> out;
    for (const auto& [k, d] : state_->by_name) out.push_back(d->key.name);
    return out;
}

std::string SourcetypeRegistry::renamed(std::string_view sourcetype) const {
    if (state_->stanza(sourcetype)) return std::string(sourcetype);
    const Definition* d = state_->declared(sourcetype);
    return d ? d->key.name : std::string(sourcetype);
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
    const Definition* declared = sourcetype.empty() ? nullptr : s.declared(sourcetype);
    const Sourcetype* base = declared ? &declared->get() : nullptr;
    auto merged = std::make_shared<Sourcetype>(base ? *base : s.default_sourcetype());
    // Lowest precedence first, so that a higher stanza's attribute replaces a lower one's.
    for (const Definition* d : s.sources)
        if (d->pattern->matches(source)) merged->merge_from(d->get());
    for (const Definition* d : s.hosts)
        if (d->pattern->matches(host)) merged->merge_from(d->get());
    if (!sourcetype.empty()) merged->name_ = base && !s.stanza(sourcetype) ? base->name() : std::string(sourcetype);
    merged->key_ = Sourcetype::Key::Sourcetype;
    merged->pattern_.reset();
    merged->rename_from_.clear();
    if (s.eventtype_files) merged->eventtypes_ = s.eventtypes;  // not read yet: see Eventtypes
    std::lock_guard<std::mutex> lock(s.mutex);
    return s.resolved.emplace(std::move(key), std::move(merged)).first->second;
}

std::vector<std::shared_ptr<const Sourcetype>> SourcetypeRegistry::candidates(std::string_view sourcetype) const {
    std::vector<std::shared_ptr<const Sourcetype>> out{resolve(sourcetype)};
    // The stanzas outlive the registry's users (State is shared): aliasing pointers, no copies.
    for (const auto* list : {&state_->sources, &state_->hosts})
        for (const Definition* d : *list) out.emplace_back(state_, &d->get());
    return out;
}

bool SourcetypeRegistry::has_host_stanzas() const { return !state_->hosts.empty(); }

void SourcetypeRegistry::check() const {
    for (const auto& d : state_->definitions)
        for (const auto& c : d->get().calculated()) c.ast();
    state_->eventtypes->empty();  // reads the eventtype files
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
