#include "minispl/ops/foreach.hpp"

#include "minispl/ops/option_util.hpp"
#include "minispl/eval/wildcard.hpp"

#include <set>

namespace minispl {

namespace {

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    if (from.empty()) return;
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

}  // namespace

ForeachOperator::ForeachOperator(const ast::ForeachCmd& cmd, TextOverRowsRunner run, const OpContext&)
    : run_(std::move(run)), body_(cmd.body_text) {
    for (const auto& o : cmd.options) {
        std::string k = opt::lower(o.key);
        if (k == "mode") {
            std::string m = opt::lower(o.value);
            if (m == "multivalue") multivalue_ = true;
            else if (m != "multifield" && m != "auto")
                throw SplError("foreach", "foreach mode=" + o.value + " is not supported", o.value_span.begin,
                               std::max<uint32_t>(1, o.value_span.end - o.value_span.begin));
        } else if (k == "fieldstr") fieldstr_ = o.value;
        else if (k == "matchstr") matchstr_ = o.value;
        else if (k == "itemstr") itemstr_ = o.value;
        else opt::unknown(o, "foreach");
    }
    for (const auto& f : cmd.fields) patterns_.push_back(f.name);
    if (patterns_.empty()) throw SplError("foreach", "foreach needs a field list");
    if (multivalue_ && patterns_.size() != 1) throw SplError("foreach", "foreach mode=multivalue takes one field");
    if (!run_) throw SplError("foreach", "foreach cannot run its body here");
}

std::vector<ForeachOperator::Binding> ForeachOperator::bindings(const Event& event) const {
    std::vector<Binding> out;
    std::set<std::string> seen;
    for (const auto& p : patterns_) {
        if (!has_wildcard(p)) {
            if (seen.insert(p).second) out.push_back({p, {}});
            continue;
        }
        for (const auto& [name, value] : event.fields()) {
            if (name.empty() || (name[0] == '_' && p[0] != '_')) continue;
            auto caps = wildcard_captures(p, name);
            if (caps && seen.insert(name).second) out.push_back({name, *caps});
        }
    }
    return out;
}

std::string ForeachOperator::instantiate(const std::string& field, const std::vector<std::string>& segs,
                                         const std::string& item) const {
    std::string text = body_;
    std::string match;
    for (const auto& s : segs) match += s;
    for (size_t i = segs.size(); i > 0; --i) replace_all(text, "<<MATCHSEG" + std::to_string(i) + ">>", segs[i - 1]);
    replace_all(text, matchstr_, match);
    replace_all(text, fieldstr_, field);
    if (multivalue_) replace_all(text, itemstr_, item);
    return text;
}

void ForeachOperator::push(Event event) {
    std::vector<std::string> texts;
    if (multivalue_) {
        for (const auto& item : event.get(patterns_[0]).mv_values()) texts.push_back(instantiate(patterns_[0], {}, item));
    } else {
        // The field set is fixed before the body runs: fields the body creates are not visited.
        for (const auto& b : bindings(event)) texts.push_back(instantiate(b.field, b.segments, ""));
    }
    for (const auto& text : texts) {
        std::vector<Event> rows;
        rows.push_back(std::move(event));
        rows = run_(text, std::move(rows));
        if (rows.empty()) return;  // the body dropped the event
        event = std::move(rows.front());
    }
    emit(std::move(event));
}

}  // namespace minispl
