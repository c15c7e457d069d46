#pragma once
// Internal to the runner's feed: what every event of one input gets on the reading thread, and
// the raw prefilter as the reading threads apply it.
#include "minispl/compile/field_usage.hpp"
#include "minispl/compile/input_plan.hpp"
#include "minispl/compile/raw_prefilter.hpp"
#include "minispl/io/event_reader.hpp"
#include "minispl/io/field_projection.hpp"
#include "minispl/io/json_lines_piece.hpp"
#include "minispl/io/record_format.hpp"
#include "minispl/eval/search_matcher.hpp"
#include "minispl/runner/search_runner.hpp"
#include "minispl/sourcetypes/sourcetype.hpp"

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>

namespace minispl {

//! The `source` an input's events carry when the format does not say: the declared one, else the file.
inline std::string input_source(const InputSpec& in) { return in.source.empty() ? in.file.string() : in.source; }

//! Metadata (source, sourcetype, host, index), sourcetype fields and the leading search, for
//! every event of one input; and the projection its record format extracts. Where the format
//! derives source and host from the event (XmlWinEventLog), the declared ones override them and
//! the defaults only fill in when the event has none. Then the `source::`/`host::` stanzas that
//! apply depend on the event: with `registry` given, an input whose source or host was not
//! declared resolves its definitions per event (source, host) — once per distinct pair, not per
//! event — and extracts every field, since which stanza's fields are read is known only then.
class EventPrep {
public:
    EventPrep(const InputSpec& in, const Sourcetype& st, const FieldUsage& usage, const SearchMatcher* leading,
              const RecordFormat* format, const SourcetypeRegistry* registry = nullptr);
    ~EventPrep();

    //! The definitions depend on each event's source/host: the raw prefilter, derived from the
    //! input's declared definitions, cannot tell which fields are derived, so it must not be used.
    bool resolves_per_event() const { return per_event_; }

    //! The fields to extract, or nullptr for all of them.
    const FieldProjection* projection() const { return fields_ ? &*fields_ : nullptr; }

    //! Adds metadata and sourcetype fields; false when the leading search rejects the event.
    bool operator()(Event& e) const;

private:
    struct Resolved;
    const Resolved& resolved_for(const Event& e) const;
    void per_event_projection(const FieldUsage& usage);

    const Sourcetype& st_;
    const SearchMatcher* leading_;
    const SourcetypeRegistry* registry_ = nullptr;
    std::string sourcetype_;  // as declared, for resolve()
    FieldUsage usage_;
    bool per_event_ = false;
    uint64_t id_;                                       // tells this prep's per-thread cache entry from another's
    mutable std::mutex mutex_;                          // guards resolved_
    mutable std::deque<Resolved> resolved_;             // stable addresses: threads keep pointers
    std::vector<std::pair<std::string, Value>> meta_;      // set on every event
    std::vector<std::pair<std::string, Value>> fallback_;  // set when the event has none
    std::optional<SourcetypeProjection> st_projection_;
    std::optional<FieldProjection> fields_;
};

//! The raw-text prefilter over one piece of text: hits of its most selective literals, then the
//! whole test per record. It switches itself off, for this piece and every later one (`useless`
//! is shared by the reading threads), when it keeps nearly every record of its first few hundred:
//! scanning for the literals of a search that matches everything only costs time.
class AdaptiveFilter {
public:
    AdaptiveFilter(const RawPrefilter& pre, std::string_view text, std::atomic<bool>& useless);

    //! The per-record test, for the streaming reader.
    bool keep(std::string_view record);
    //! Both tests, for a piece.
    LineSelector selector();

private:
    static constexpr uint64_t kProbe = 512;
    const RawPrefilter& pre_;
    RawPrefilter::Scanner scanner_;
    std::atomic<bool>& useless_;
    uint64_t seen_ = 0, kept_ = 0;
    bool off_ = false;
};

//! The plan's prefilter (its per-event one when `prep` resolves definitions per event: blind to
//! what any source::/host:: stanza derives) when every literal of it is safe in `format`'s raw
//! text, else the empty prefilter (keeping every record: a clause cannot be dropped from a
//! disjunction).
const RawPrefilter& prefilter_for(const InputPlan& plan, const RecordFormat* format, const EventPrep& prep);

//! Adds one input's counts and first problems to the job's.
void add_stats(ReadStats& into, const ReadStats& s);

}  // namespace minispl
