#include "minispl/ops/join.hpp"

#include "minispl/ops/field_key.hpp"
#include "minispl/ops/option_util.hpp"

#include <optional>

namespace minispl {

JoinOperator::JoinOperator(const ast::SubsearchCmd& cmd, std::vector<Event> rows, const OpContext& ctx)
    : right_(std::move(rows)) {
    ctx.cap_rows(right_, ctx.limits.join_maxout, "join subsearch", "limits.conf [join] subsearch_maxout, join.maxout");
    for (const auto& o : cmd.options) {
        std::string k = opt::lower(o.key);
        if (k == "type") {
            std::string t = opt::lower(o.value);
            if (t == "left" || t == "outer") keep_unmatched_ = true;
            else if (t != "inner") throw SplError("join", "join type= wants inner, left or outer, got \"" + o.value + "\"",
                                                  o.value_span.begin, std::max<uint32_t>(1, o.value_span.end - o.value_span.begin));
        } else if (k == "max") {
            max_ = static_cast<size_t>(opt::to_count(o, "join"));
        } else if (k == "overwrite") {
            overwrite_ = opt::to_bool(o, "join");
        } else if (k != "usetime" && k != "earlier" && k != "left" && k != "right") {
            opt::unknown(o, "join");
        }
    }
    for (const auto& f : cmd.fields) fields_.push_back(f.name);
    if (!fields_.empty())
        for (size_t i = 0; i < right_.size(); ++i)
            if (auto key = field_key(right_[i], fields_)) index_[*key].push_back(i);
}

std::vector<std::string> JoinOperator::fields_for(const Event& event) const {
    // No field list: the fields both sides have (Splunk uses the fields common to both).
    std::vector<std::string> common;
    if (right_.empty()) return common;
    for (const auto& [name, value] : event.fields())
        if (!name.empty() && name[0] != '_' && right_.front().has(name)) common.push_back(name);
    return common;
}

void JoinOperator::push(Event event) {
    std::vector<size_t> matches;
    if (!fields_.empty()) {
        if (auto key = field_key(event, fields_)) {
            auto it = index_.find(*key);
            if (it != index_.end()) matches = it->second;
        }
    } else {
        std::vector<std::string> common = fields_for(event);
        if (!common.empty())
            if (auto key = field_key(event, common))
                for (size_t i = 0; i < right_.size(); ++i)
                    if (field_key(right_[i], common) == key) matches.push_back(i);
    }
    if (matches.empty()) {
        if (keep_unmatched_) emit(std::move(event));
        return;
    }
    size_t n = max_ ? std::min(max_, matches.size()) : matches.size();
    for (size_t m = 0; m < n; ++m) {
        Event out = (m + 1 == n) ? std::move(event) : event;
        for (const auto& [name, value] : right_[matches[m]].fields())
            if (overwrite_ || !out.has(name)) out.set(name, value);
        emit(std::move(out));
    }
}

}  // namespace minispl
