#pragma once
// Eventtypes (eventtypes.conf) and tags (tags.conf) as data: sourcetypes/eventtypes/*.yml.
#include "minispl/core/event.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace minispl {

//! Eventtype definitions (a name, an SPL search expression that may use `eventtype=`, tags) and
//! field=value tag assignments, and their per-event result: `eventtype` (the names of the matching
//! eventtypes), `tag` (the tags of those eventtypes and of matching field=value assignments),
//! `tag::eventtype` (the eventtype-derived tags), `tag::<field>` (the tags of `field`'s values).
//! Values are sorted and unique. It does not read events itself: Sourcetype::apply calls it after
//! the lookups, when the search reads these fields.
class Eventtypes {
public:
    Eventtypes();
    ~Eventtypes();
    Eventtypes(Eventtypes&&) noexcept;
    Eventtypes& operator=(Eventtypes&&) noexcept;

    //! Every *.yml of `dir` (a missing directory gives none), read on the first call of any
    //! method below, which then throws SplError("sourcetype", "FILE:LINE: ...") for a bad file, a
    //! search that does not parse, an eventtype defined twice, a reference to an unknown
    //! eventtype, or eventtypes that refer to each other in a cycle. Thread-safe.
    static Eventtypes load_directory(const std::filesystem::path& dir);
    //! From YAML text (`file` names it in errors); as load_directory for one file.
    static Eventtypes parse(const std::string& yaml, const std::string& file);

    bool empty() const;
    //! The eventtype names, sorted.
    std::vector<std::string> names() const;
    //! The event fields the searches and tag assignments read (sorted, unique; not `eventtype`).
    const std::vector<std::string>& fields_read() const;
    //! Sets eventtype, tag, tag::eventtype and tag::<field> on the event (erases them when empty).
    void apply(Event& event) const;

    struct State;

private:
    std::unique_ptr<State> state_;
};

//! True for the fields Eventtypes::apply writes: eventtype, tag, tag::<anything>.
bool is_eventtype_field(std::string_view field);

}  // namespace minispl
