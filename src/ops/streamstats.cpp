#include "minispl/ops/streamstats.hpp"

#include "minispl/core/ascii.hpp"
#include "minispl/core/diagnostic.hpp"
#include "minispl/ops/bin.hpp"

#include <algorithm>
#include <cmath>

namespace minispl {
namespace {

uint32_t span_len(const ast::Span& s) { return s.end > s.begin ? s.end - s.begin : 1; }

bool read_bool(const ast::Option& o) {
    std::string v = lower(o.value);
    if (v == "t" || v == "true" || v == "1" || v == "yes") return true;
    if (v == "f" || v == "false" || v == "0" || v == "no") return false;
    throw SplError("syntax", "streamstats: " + o.key + "= needs true or false, not '" + o.value + "'",
                   o.value_span.begin, span_len(o.value_span));
}

}  // namespace

StreamStatsOperator::StreamStatsOperator(const ast::StatsCmd& cmd, const OpContext& ctx)
    : specs_(compile_aggregations(cmd.aggregations, ctx)) {
    for (size_t i = 0; i < specs_.size(); ++i)
        if (specs_[i].wildcard())
            throw SplError("unsupported", "streamstats does not support a wildcard field ('" +
                           cmd.aggregations[i].written + "'); name each field",
                           cmd.aggregations[i].span.begin, span_len(cmd.aggregations[i].span));
    for (const auto& o : cmd.options) {
        std::string key = lower(o.key);
        if (key == "window") {
            auto n = parse_number(o.value);
            if (!n || *n < 0 || *n != std::floor(*n))
                throw SplError("syntax", "streamstats: window= needs a whole number, not '" + o.value + "'",
                               o.value_span.begin, span_len(o.value_span));
            window_ = size_t(*n);
        } else if (key == "current") {
            current_ = read_bool(o);
        } else if (key == "global") {
            global_ = read_bool(o);
        } else if (key == "reset_on_change") {
            reset_on_change_ = read_bool(o);
        } else if (key == "time_window") {
            auto s = parse_time_span(o.value);
            if (!s || s->unit == "mon" || s->unit == "q" || s->unit == "y")
                throw SplError("syntax", "streamstats: cannot read time_window '" + o.value + "'",
                               o.value_span.begin, span_len(o.value_span));
            time_window_ = span_seconds(*s);
        } else if (key == "allnum") {
            continue;
        } else {
            throw SplError("unsupported", "streamstats option '" + o.key + "' is not supported",
                           o.span.begin, span_len(o.span));
        }
    }
    if (specs_.empty()) throw SplError("syntax", "streamstats needs at least one aggregation", 0, 1);
    std::vector<std::string> by;
    for (const auto& f : cmd.by) by.push_back(f.name);
    table_ = std::make_unique<GroupTable>(std::move(by), specs_);
}

void StreamStatsOperator::reset() {
    table_->clear();
    entries_.clear();
}

void StreamStatsOperator::push(Event event) {
    if (reset_on_change_ && !table_->by().empty()) {
        // The by-values joined; an event without them does not count as a change.
        std::string key;
        bool complete = true;
        for (const auto& f : table_->by()) {
            const Value* v = event.find(f);
            if (!v || v->is_null()) { complete = false; break; }
            key += v->to_string();
            key += '\0';
        }
        if (complete) {
            if (have_last_ && key != last_key_) reset();
            last_key_ = std::move(key);
            have_last_ = true;
        }
    }
    const std::vector<size_t>& groups = table_->groups_of(event);
    if (groups.empty()) {
        emit(std::move(event));
        return;
    }
    if (window_ || time_window_) {
        push_windowed(event, groups);
        emit(std::move(event));
        return;
    }
    size_t g = groups.front();
    if (current_) {
        for (size_t x : groups) table_->add_to(x, event);
        table_->annotate(g, event);
    } else {
        // The aggregates of the events before this one; with none yet, count is 0.
        const auto& group = table_->groups()[g];
        for (size_t i = 0; i < specs_.size(); ++i) event.set(specs_[i].output(), group.accs[i]->result());
        for (size_t x : groups) table_->add_to(x, event);
    }
    emit(std::move(event));
}

void StreamStatsOperator::push_windowed(Event& event, const std::vector<size_t>& groups) {
    size_t g = groups.front();
    Entry entry{g, event.time(), {}};
    entry.args.reserve(specs_.size());
    for (const auto& s : specs_) {
        Value scratch;
        const Value* a = s.argument(event, scratch);
        entry.args.push_back(a ? std::optional<Value>(*a) : std::nullopt);
    }
    // Drop what fell out of the windows: the time window first, then the count window
    // (over every event when global, within the group otherwise).
    if (time_window_) {
        double now = entry.time;
        std::erase_if(entries_, [&](const Entry& e) { return std::abs(now - e.time) >= *time_window_; });
    }
    auto in_window = [&](const Entry& e) { return global_ || e.group == g; };
    if (current_) entries_.push_back(std::move(entry));
    if (window_) {
        size_t n = 0;
        for (auto it = entries_.rbegin(); it != entries_.rend(); ++it)
            if (in_window(*it)) ++n;
        while (n > window_) {
            auto it = std::find_if(entries_.begin(), entries_.end(), in_window);
            entries_.erase(it);
            --n;
        }
    }
    // Recompute the group's aggregates over the window (windows in detections are small).
    for (size_t i = 0; i < specs_.size(); ++i) {
        auto acc = specs_[i].make();
        for (const Entry& e : entries_)
            if (e.group == g && e.args[i]) specs_[i].feed(*acc, *e.args[i], e.time);
        event.set(specs_[i].output(), acc->result());
    }
    if (!current_) {
        entries_.push_back(std::move(entry));
        if (window_) {
            size_t n = 0;
            for (const Entry& e : entries_) n += in_window(e);
            while (n > window_) {
                entries_.erase(std::find_if(entries_.begin(), entries_.end(), in_window));
                --n;
            }
        }
    }
}

}  // namespace minispl
