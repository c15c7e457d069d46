#include "event_prep.hpp"

#include <algorithm>

namespace minispl {

//! One (source, host) pair's definitions and the part of them the search needs.
struct EventPrep::Resolved {
    std::string source, host;
    std::shared_ptr<const Sourcetype> st;
    std::optional<SourcetypeProjection> projection;
};

namespace {
std::atomic<uint64_t> next_prep_id{1};
}

EventPrep::EventPrep(const InputSpec& in, const Sourcetype& st, const FieldUsage& usage, const SearchMatcher* leading,
                     const RecordFormat* format, const SourcetypeRegistry* registry)
    : st_(st), leading_(leading), registry_(registry), sourcetype_(in.sourcetype), usage_(usage),
      id_(next_prep_id.fetch_add(1, std::memory_order_relaxed)) {
    const bool derived = format && format->derives_source_and_host();
    // InputSpec's host when none was declared (search_runner.hpp): the format's own host wins over it.
    static const std::string kDefaultHost = InputSpec{}.host;
    per_event_ = registry && derived &&
                 (in.source.empty() || (in.host == kDefaultHost && registry->has_host_stanzas()));
    if (per_event_) {
        // Every field: the stanzas that apply, and so the fields they read, are known per event.
        // The metadata fill-ins still apply (the event's own source/host win over them).
        if (in.source.empty()) fallback_.emplace_back("source", Value::string(input_source(in)));
        else meta_.emplace_back("source", Value::string(in.source));
        meta_.emplace_back("sourcetype", Value::string(st.name()));
        if (in.host == kDefaultHost) fallback_.emplace_back("host", Value::string(in.host));
        else meta_.emplace_back("host", Value::string(in.host));
        meta_.emplace_back("index", Value::string(in.index));
        if (!usage.all) per_event_projection(usage);
        return;
    }
    std::vector<std::string> from_event;
    if (!usage.all) st_projection_ = st.project(usage.names);
    // Metadata the search or a kept definition (an eventtype's search, say) reads.
    auto meta = [&](const char* name, std::string value, bool declared) {
        const auto& kept = st_projection_ ? st_projection_->fields : std::vector<std::string>{};
        if (!usage.reads(name) && !std::binary_search(kept.begin(), kept.end(), std::string(name))) return;
        if (!derived || declared) return meta_.emplace_back(name, Value::string(std::move(value))), void();
        fallback_.emplace_back(name, Value::string(std::move(value)));
        from_event.push_back(name);
    };
    meta("source", input_source(in), !in.source.empty());
    meta("sourcetype", st.name(), true);  // the declared sourcetype, or the one rename_from gave it
    meta("host", in.host, in.host != kDefaultHost);
    meta("index", in.index, true);
    if (usage.all) return;
    std::vector<std::string> json_fields = st_projection_->fields;
    // A name with a wildcard cannot limit the extraction; nor can a definition that may read
    // fields it does not name.
    bool wildcard = std::any_of(json_fields.begin(), json_fields.end(),
                                [](const std::string& f) { return f.find('*') != std::string::npos; });
    if (st_projection_->all_fields || wildcard) return;
    if (usage.reads("_raw")) json_fields.push_back("_raw");
    for (auto& f : from_event) json_fields.push_back(f);
    fields_ = FieldProjection::of(json_fields);
}

// The record format extracts what some stanza that may apply to an event reads for this search:
// the fixpoint of every candidate stanza's projection (a source:: stanza's calculated field may
// read a field that the sourcetype's alias makes, and so on), plus source and host, which decide
// the stanza. Without this every field of every event is extracted (2.5x the cost on XML).
void EventPrep::per_event_projection(const FieldUsage& usage) {
    const auto stanzas = registry_->candidates(sourcetype_);
    std::vector<std::string> want = usage.names;
    want.insert(want.end(), {"source", "host"});
    std::sort(want.begin(), want.end());
    want.erase(std::unique(want.begin(), want.end()), want.end());
    for (size_t before = 0; before != want.size();) {
        before = want.size();
        for (const auto& st : stanzas) {
            SourcetypeProjection p = st->project(want);
            if (p.all_fields) return;
            std::vector<std::string> merged;
            std::set_union(want.begin(), want.end(), p.fields.begin(), p.fields.end(), std::back_inserter(merged));
            want = std::move(merged);
        }
    }
    if (std::any_of(want.begin(), want.end(), [](const std::string& f) { return f.find('*') != std::string::npos; }))
        return;
    if (usage.reads("_raw")) want.push_back("_raw");
    fields_ = FieldProjection::of(want);
}

EventPrep::~EventPrep() = default;

const EventPrep::Resolved& EventPrep::resolved_for(const Event& e) const {
    const std::string source = e.get("source").to_string(), host = e.get("host").to_string();
    // A file holds one channel, or a few: the thread's last pair almost always matches.
    thread_local uint64_t last_id = 0;
    thread_local const Resolved* last = nullptr;
    if (last_id == id_ && last->source == source && last->host == host) return *last;
    std::lock_guard<std::mutex> lock(mutex_);
    const Resolved* found = nullptr;
    for (const Resolved& r : resolved_)
        if (r.source == source && r.host == host) found = &r;
    if (!found) {
        Resolved r{source, host, registry_->resolve(sourcetype_, source, host), std::nullopt};
        if (!usage_.all) r.projection = r.st->project(usage_.names);
        found = &resolved_.emplace_back(std::move(r));
    }
    last_id = id_;
    last = found;
    return *found;
}

bool EventPrep::operator()(Event& e) const {
    for (const auto& [name, value] : meta_) e.set(name, value);
    for (const auto& [name, value] : fallback_)
        if (!e.has(name)) e.set(name, value);
    if (per_event_) {
        const Resolved& r = resolved_for(e);
        r.st->apply(e, r.projection ? &*r.projection : nullptr);
    } else {
        st_.apply(e, st_projection_ ? &*st_projection_ : nullptr);
    }
    return !leading_ || leading_->matches(e);
}

AdaptiveFilter::AdaptiveFilter(const RawPrefilter& pre, std::string_view text, std::atomic<bool>& useless)
    : pre_(pre), scanner_(pre, useless.load(std::memory_order_relaxed) ? std::string_view() : text),
      useless_(useless), off_(useless.load(std::memory_order_relaxed)) {}

bool AdaptiveFilter::keep(std::string_view record) {
    if (off_) return true;
    bool keep = pre_.may_match(record);
    kept_ += keep;
    if (++seen_ == kProbe && kept_ * 10 >= seen_ * 9) {
        off_ = true;
        useless_.store(true, std::memory_order_relaxed);
    }
    return keep;
}

LineSelector AdaptiveFilter::selector() {
    return {[this](size_t from) { return off_ ? from : scanner_.next(from); },
            [this](std::string_view line) { return keep(line); }};
}

const RawPrefilter& prefilter_for(const InputPlan& plan, const RecordFormat* format, const EventPrep& prep) {
    static const RawPrefilter none;
    const RawPrefilter& pre = prep.resolves_per_event() ? plan.per_event_prefilter : plan.prefilter;
    if (!format) return pre;
    for (const auto& clause : pre.clauses())
        for (const auto& literal : clause)
            if (!format->literal_safe(literal)) return none;
    return pre;
}

void add_stats(ReadStats& into, const ReadStats& s) {
    into.events += s.events;
    into.bad_records += s.bad_records;
    into.skipped += s.skipped;
    into.bytes += s.bytes;
    for (const auto& p : s.problems)
        if (into.problems.size() < ReadStats::max_problems) into.problems.push_back(p);
}

}  // namespace minispl
