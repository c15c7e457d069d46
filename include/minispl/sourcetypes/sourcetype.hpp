#pragma once
// Search-time field definitions of a sourcetype (sourcetypes/*.yml): timestamp, aliases,
// calculated fields (eval syntax) and CSV lookups, applied the way Splunk applies props.conf.
#include "minispl/core/event.hpp"
#include "minispl/eval/evaluator.hpp"
#include "minispl/parse/ast.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minispl {

//! An automatic lookup of a sourcetype: CSV rows matched on input columns (exactly, or as
//! `*` wildcard patterns for the columns named in `wildcard`), first matching row wins.
struct SourcetypeLookup {
    std::string file;                                        //!< resolved path of the CSV
    std::vector<std::pair<std::string, std::string>> inputs;  //!< (CSV column, event field)
    std::vector<std::pair<std::string, std::string>> outputs; //!< (CSV column, event field)
    std::vector<bool> wildcard;                               //!< per input: pattern match
    bool overwrite = true;                                    //!< OUTPUT (true) or OUTPUTNEW (false)
    std::vector<std::pair<std::string, std::string>> defaults; //!< (event field, value) when no row matches
    std::vector<std::vector<std::string>> rows;               //!< input values then output values
    uint64_t id = 0;                                          //!< unique per loaded lookup (match cache key)

    //! The matching row, or nullptr.
    const std::vector<std::string>* match(const Event& e) const;
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
};

//! One sourcetype: applies Splunk's search-time order to an event whose JSON fields are already
//! extracted: timestamp (→ _time), aliases (FIELDALIAS), calculated fields (EVAL-, all computed
//! from the event as it stands before any of them, then assigned in order), lookups (LOOKUP-).
class Sourcetype {
public:
    Sourcetype() = default;
    Sourcetype(Sourcetype&&) noexcept = default;
    Sourcetype& operator=(Sourcetype&&) noexcept = default;

    //! Loads a definition file. Throws SplError("sourcetype", "FILE: ...") for a bad file, an
    //! eval expression that does not parse, or a lookup CSV that cannot be read.
    static Sourcetype load(const std::filesystem::path& file);
    //! The built-in plain JSON sourcetype (no derived fields), used when no json.yml exists.
    static Sourcetype plain_json();

    const std::string& name() const { return name_; }
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
    struct Calculated {
        std::string field, expression;
        ast::ExprPtr ast;
        std::optional<Evaluator> eval;
    };
    const std::vector<Alias>& aliases() const { return aliases_; }
    const std::vector<Calculated>& calculated() const { return calculated_; }
    const std::vector<SourcetypeLookup>& lookups() const { return lookups_; }

private:
    void apply_time(Event& event) const;  //!< _time from the first timestamp field that parses

    std::string name_;
    std::filesystem::path file_;
    std::vector<std::string> time_fields_;  // first present one is the timestamp
    std::string time_format_ = "auto";      // iso8601 | epoch | auto | a strptime format
    std::vector<Alias> aliases_;
    std::vector<Calculated> calculated_;
    std::vector<SourcetypeLookup> lookups_;
};

//! Every sourcetype definition of a directory, by name; unknown names get the plain JSON one.
class SourcetypeRegistry {
public:
    //! Loads every *.yml of `dir` (a missing dir gives only the built-in json sourcetype).
    //! Throws SplError("sourcetype") for a bad definition file.
    explicit SourcetypeRegistry(const std::filesystem::path& dir);
    //! The sourcetype called `name`, or the default (json) one.
    const Sourcetype& get(std::string_view name) const;
    bool has(std::string_view name) const;
    std::vector<std::string> names() const;
    const Sourcetype& default_sourcetype() const;

private:
    std::map<std::string, Sourcetype, std::less<>> by_name_;
    Sourcetype fallback_;
};

//! Where the project's sourcetype definitions are: $MINISPL_SOURCETYPES, else a `sourcetypes/`
//! directory next to the executable or one or two levels above it, else ./sourcetypes.
std::filesystem::path default_sourcetype_dir();

//! ISO 8601 date-time (`2019-01-01T00:00:00Z`, fractional seconds, `+hh:mm` offsets, date only)
//! → epoch seconds; nullopt when the text is not one.
std::optional<double> parse_iso8601(std::string_view text);

}  // namespace minispl
