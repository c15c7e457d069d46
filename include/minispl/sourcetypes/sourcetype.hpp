#pragma once
// Search-time field definitions (sourcetypes/*.yml, one props.conf stanza per file, keyed by
// sourcetype name, `source::` or `host::` pattern): timestamp, aliases, calculated fields (eval
// syntax) and CSV lookups, applied the way Splunk applies props.conf; then eventtypes and tags
// (sourcetypes/eventtypes/*.yml). Files: loader.cpp (YAML), applier.cpp (per event),
// projection.cpp (what a search needs), registry.cpp (resolution and precedence),
// lookup_table.cpp / lookup_matcher.cpp (the lookup engine), eventtypes.cpp.
#include "minispl/core/event.hpp"
#include "minispl/eval/evaluator.hpp"
#include "minispl/parse/ast.hpp"
#include "minispl/sourcetypes/eventtypes.hpp"
#include "minispl/sourcetypes/lookup_matcher.hpp"
#include "minispl/sourcetypes/stanza_pattern.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minispl {

//! An automatic lookup of a stanza (props.conf LOOKUP-): a CSV with its match rules, matched
//! and written by the shared lookup engine.
struct SourcetypeLookup {
    std::string name;       //!< merge key across stanzas: `name:`, else the file as written
    LookupMatcher matcher;  //!< table, inputs, outputs, OUTPUT/OUTPUTNEW, defaults
};

//! Which of a sourcetype's definitions a search needs, and the event fields those read.
struct SourcetypeProjection {
    //! Indexes of the definitions to apply, ascending (apply() walks these lists on every event,
    //! not the whole definition).
    std::vector<uint32_t> alias, calculated, lookup;
    //! Sorted, unique: `wanted` plus every field a kept definition reads (incl. the time fields).
    //! When `all_fields` is set this is still the list, but a kept definition may read more
    //! than it names, so the event must be extracted whole.
    std::vector<std::string> fields;
    bool all_fields = false;  //!< an expression may read fields it does not name: extract everything
    bool time = true;         //!< compute _time from the timestamp fields (only when _time is needed)
    bool eventtypes = false;  //!< compute eventtype/tag fields (the search reads one of them)
};

//! One definition stanza, or the merge of every stanza that applies to one input (what
//! SourcetypeRegistry::resolve returns): applies Splunk's search-time order to an event whose
//! JSON fields are already extracted: timestamp (→ _time), aliases (FIELDALIAS), calculated
//! fields (EVAL-, all computed from the event as it stands before any of them, then assigned in
//! order), lookups (LOOKUP-), then eventtypes and tags. Copyable (definitions are shared).
class Sourcetype {
public:
    //! What a stanza is keyed by (props.conf [<sourcetype>], [source::p], [host::p]).
    enum class Key { Sourcetype, Source, Host };

    //! Loads a definition file. Throws SplError("sourcetype", "FILE: ...") for a bad file, an
    //! eval expression that does not parse, or a lookup CSV that cannot be read.
    static Sourcetype load(const std::filesystem::path& file);
    //! What a definition file is keyed by, read without loading the rest of it.
    struct StanzaKey {
        Key key = Key::Sourcetype;
        std::string name;  //!< the sourcetype name or the source/host pattern
        std::vector<std::string> rename_from;
        bool operator==(const StanzaKey&) const = default;
    };
    //! The file's stanza key from its top-level `name:` / `source:` / `host:` and `rename_from:`
    //! entries alone (each parsed by yaml-cpp on its own; a line at column 0 starts a top-level
    //! entry of a block-style map), so that the registry loads only the stanzas a search uses:
    //! loading every file cost each run ~6 ms. When the file is not written so (flow style,
    //! document markers, anchors, no key entry) it is loaded whole and the key taken from that.
    //! load() checks that the whole file says the same. Throws as load() for a bad file.
    static StanzaKey read_key(const std::filesystem::path& file);
    StanzaKey stanza_key() const { return {key_, name_, rename_from_}; }
    //! The built-in plain JSON sourcetype (no derived fields), used when no json.yml exists.
    static Sourcetype plain_json();

    //! The sourcetype name; for a resolved definition the value of the events' `sourcetype`
    //! field (the declared one, or the stanza's name when rename_from renamed it). For a
    //! source/host stanza: the pattern.
    const std::string& name() const { return name_; }
    Key key() const { return key_; }
    //! The source/host pattern of such a stanza (nullptr for a sourcetype stanza).
    const StanzaPattern* pattern() const { return pattern_ ? &*pattern_ : nullptr; }
    //! Sourcetype patterns (`*` any run, case-insensitive) this stanza's name replaces.
    const std::vector<std::string>& rename_from() const { return rename_from_; }
    //! The eventtypes and tags applied after the lookups (null: none).
    const Eventtypes* eventtypes() const { return eventtypes_.get(); }
    const std::filesystem::path& file() const { return file_; }
    //! Adds the sourcetype's fields and _time. `sourcetype`, `source`, `host`, `index` are the caller's.
    //! With a `projection` (from this sourcetype's project()), only its kept definitions run, and
    //! the timestamp only when the projection wants _time. Safe to call from several threads at once on different events.
    void apply(Event& event, const SourcetypeProjection* projection = nullptr) const;

    //! The definitions needed for a search that reads `wanted` (field names; `*` wildcards match
    //! defined names), closed to a fixpoint: a definition writing a needed field is kept and the
    //! fields it reads are needed in turn (an OUTPUTNEW lookup also reads its outputs: it only fills
    //! absent ones). Keeps more than necessary rather than less: every writer of a needed field
    //! is kept whatever its position in Splunk's order. A wildcard name stays as it is in `fields`
    //! (JSON extraction cannot be limited by it: the caller extracts everything then).
    SourcetypeProjection project(const std::vector<std::string>& wanted) const;

    //! Every field the definition may create (aliases, calculated, lookup outputs, _time).
    std::vector<std::string> defined_fields() const;

    struct Alias {
        std::string field, source;
    };
    //! A calculated field: its expression is parsed on first use, not at load (every run loads
    //! every stanza and a search needs few of their fields: parsing all of them cost each run
    //! ~6 ms). ast()/eval() throw SplError("sourcetype", "FILE: calculated field F: ...") for an
    //! expression that does not parse; SourcetypeRegistry::check() parses them all up front.
    //! Thread-safe; copies (merged stanzas) share the parse.
    struct Calculated {
        std::string field, expression;
        const ast::Expr& ast() const;
        const Evaluator& eval() const;
        struct Parsed;
        std::shared_ptr<Parsed> parsed;  //!< set by the loader
    };
    const std::vector<Alias>& aliases() const { return aliases_; }
    const std::vector<Calculated>& calculated() const { return calculated_; }
    const std::vector<SourcetypeLookup>& lookups() const { return lookups_; }

private:
    friend class SourcetypeRegistry;
    void apply_time(Event& event) const;  //!< _time from the first timestamp field that parses
    //! Takes `higher`'s definitions over this one's for the same attribute (alias by target
    //! field, calculated by field, lookup by name, timestamp).
    void merge_from(const Sourcetype& higher);

    std::string name_;
    Key key_ = Key::Sourcetype;
    std::optional<StanzaPattern> pattern_;
    std::vector<std::string> rename_from_;
    std::shared_ptr<const Eventtypes> eventtypes_;
    std::filesystem::path file_;
    std::vector<std::string> time_fields_;  // first present one is the timestamp
    std::string time_format_ = "auto";      // iso8601 | epoch | auto | a strptime format
    std::vector<Alias> aliases_;
    std::vector<Calculated> calculated_;
    std::vector<SourcetypeLookup> lookups_;
};

//! Every definition stanza of a directory (sourcetypes/*.yml) and its eventtypes
//! (sourcetypes/eventtypes/*.yml), and their resolution for an input. Sourcetype names are
//! case-insensitive. Copies share the loaded definitions (cheap to pass around); safe to use from
//! several threads at once.
class SourcetypeRegistry {
public:
    //! Loads every *.yml of `dir` and of `dir/eventtypes` (a missing dir gives only the built-in
    //! json sourcetype). Throws SplError("sourcetype") for a bad definition or eventtype file
    //! or a sourcetype name defined twice.
    explicit SourcetypeRegistry(const std::filesystem::path& dir);
    //! The sourcetype stanza called `name` (any case), or the default (json) one. Only that
    //! stanza: resolve() adds source/host stanzas, renames and eventtypes.
    const Sourcetype& get(std::string_view name) const;
    bool has(std::string_view name) const;
    std::vector<std::string> names() const;
    const Sourcetype& default_sourcetype() const;

    //! Everything that applies to the events of one input, merged: the stanza of the sourcetype
    //! (after rename_from; the default json one for an empty or unknown sourcetype), every
    //! `source::` stanza matching `source` and every `host::` stanza matching `host`; for the same
    //! attribute host:: beats source:: beats the sourcetype (within a level a literal pattern
    //! beats a wildcard one, then the first in ASCII order wins); plus the eventtypes. Resolved
    //! once per distinct (sourcetype, source, host) and kept. For a sourcetype it does not know
    //! (see knows()) it says so once per process on stderr.
    std::shared_ptr<const Sourcetype> resolve(std::string_view sourcetype, std::string_view source = {},
                                              std::string_view host = {}) const;
    //! What may apply to some event of an input declared as `sourcetype` whose source and host are
    //! only known per event: resolve(sourcetype) and every source:: and host:: stanza, each alone
    //! (loads them all). The union of their projections bounds what any resolved merge reads.
    std::vector<std::shared_ptr<const Sourcetype>> candidates(std::string_view sourcetype) const;
    //! The sourcetype events declared as `sourcetype` carry: the stanza name whose rename_from
    //! matches it, else `sourcetype` itself.
    std::string renamed(std::string_view sourcetype) const;
    //! False when `sourcetype` (after rename_from) has no stanza: its events get only the plain
    //! JSON extraction. The empty name and `json` are known.
    bool knows(std::string_view sourcetype) const;
    //! The warning for a sourcetype knows() rejects (for stderr and lint).
    std::string unknown_message(std::string_view sourcetype) const;
    //! The eventtypes and tags of the directory.
    const Eventtypes& eventtypes() const;
    //! Some stanza is keyed by `host::` (an input's host then decides what applies).
    bool has_host_stanzas() const;
    //! Parses what is otherwise parsed on first use (calculated fields, eventtypes and their
    //! searches) and throws the first error: for tests and lint, which want every mistake now.
    void check() const;

    struct State;

private:
    std::shared_ptr<State> state_;
};

//! Where the project's sourcetype definitions are: $MINISPL_SOURCETYPES, else a `sourcetypes/`
//! directory next to the executable or one or two levels above it, else ./sourcetypes.
std::filesystem::path default_sourcetype_dir();

//! ISO 8601 date-time (`2019-01-01T00:00:00Z`, fractional seconds, `+hh:mm` offsets, date only)
//! → epoch seconds; nullopt when the text is not one.
std::optional<double> parse_iso8601(std::string_view text);

}  // namespace minispl
