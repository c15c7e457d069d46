// Which definitions a search needs (Sourcetype::project) and which fields they may create.
#include "minispl/sourcetypes/sourcetype.hpp"

#include "minispl/eval/wildcard.hpp"

#include <algorithm>
#include <optional>
#include <set>

namespace minispl {
namespace {

//! Every field name an eval expression reads, into `out`; false when it calls a function that
//! could read fields it does not name (the evaluator's function table says which do).
bool expression_reads(const ast::Expr& e, std::set<std::string>& out) {
    bool ok = true;
    if (e.kind == ast::Expr::Kind::Field) out.insert(e.text);
    if (e.kind == ast::Expr::Kind::Call && !eval_function_reads_only_arguments(e.text)) ok = false;
    for (const auto& a : e.args)
        if (a && !expression_reads(*a, out)) ok = false;
    return ok;
}

}  // namespace

SourcetypeProjection Sourcetype::project(const std::vector<std::string>& wanted) const {
    SourcetypeProjection p;
    // Per definition, in order: keep it. Turned into index lists at the end.
    std::vector<bool> alias(aliases_.size()), calculated(calculated_.size()), lookup(lookups_.size());
    bool all_fields = false;
    std::set<std::string> need(wanted.begin(), wanted.end());
    std::vector<std::string> patterns;
    for (const auto& w : wanted)
        if (w.find('*') != std::string::npos) patterns.push_back(w);
    auto needed = [&](const std::string& field) {
        if (need.count(field)) return true;
        for (const auto& pat : patterns)
            if (wildcard_match(pat, field)) return true;
        return false;
    };
    // What a calculated field reads, from its expression parsed when it is first needed (most
    // searches keep few; Calculated::ast() parses on first use). An expression that may read
    // fields it does not name makes the event be extracted whole and every definition kept.
    std::vector<std::optional<std::set<std::string>>> calc_reads(calculated_.size());
    auto reads_of = [&](size_t i) -> const std::set<std::string>& {
        if (!calc_reads[i]) {
            calc_reads[i].emplace();
            if (!expression_reads(calculated_[i].ast(), *calc_reads[i])) all_fields = true;
        }
        return *calc_reads[i];
    };
    // Eventtypes and tags run after the lookups when the search reads one of their fields; their
    // searches and tag assignments then read fields in turn (which may be aliases or lookups).
    // (Asking whether there are any reads the eventtype files: only when the search reads tags.)
    auto consider_eventtypes = [&] {
        if (!eventtypes_ || p.eventtypes) return;
        bool reads_tags = all_fields || needed("eventtype") || needed("tag") || needed("tag::eventtype");
        for (const auto& w : wanted) reads_tags = reads_tags || is_eventtype_field(w);
        if (reads_tags && !eventtypes_->empty()) {
            p.eventtypes = true;
            need.insert(eventtypes_->fields_read().begin(), eventtypes_->fields_read().end());
        }
    };
    consider_eventtypes();
    auto keep_all = [](std::vector<bool>& v) { v.assign(v.size(), true); };
    // Fixpoint: keeping a definition adds what it reads; that can make other definitions needed.
    // The timestamp is read only when _time is needed (wanted, or read by a kept definition);
    // its fields then join and the fixpoint runs again.
    bool time = false, kept_all = false;
    for (bool changed = true; changed;) {
        changed = false;
        auto keep = [&](std::vector<bool>::reference kept, auto&& reads) {
            kept = true;
            changed = true;
            reads();
        };
        for (size_t i = 0; i < aliases_.size(); ++i)
            if (!alias[i] && needed(aliases_[i].field)) keep(alias[i], [&] { need.insert(aliases_[i].source); });
        for (size_t i = 0; i < calculated_.size(); ++i)
            if (!calculated[i] && needed(calculated_[i].field))
                keep(calculated[i], [&] { need.insert(reads_of(i).begin(), reads_of(i).end()); });
        for (size_t i = 0; i < lookups_.size(); ++i) {
            if (lookup[i]) continue;
            const auto& lk = lookups_[i];
            bool writes_needed = false;
            for (const auto& o : lk.matcher.outputs()) writes_needed = writes_needed || needed(o.event_field);
            if (!writes_needed) continue;
            keep(lookup[i], [&] {
                for (const auto& in : lk.matcher.inputs()) need.insert(in.event_field);
                if (lk.matcher.output_new())  // OUTPUTNEW: whether an output is already there decides
                    for (const auto& o : lk.matcher.outputs()) need.insert(o.event_field);
            });
        }
        if (all_fields && !kept_all) {  // everything is kept: the fields are everything any definition reads
            kept_all = true;
            changed = true;
            keep_all(alias);
            keep_all(calculated);
            keep_all(lookup);
            consider_eventtypes();
            for (const auto& a : aliases_) need.insert(a.source);
            for (size_t i = 0; i < calculated_.size(); ++i) need.insert(reads_of(i).begin(), reads_of(i).end());
            for (const auto& lk : lookups_) {
                for (const auto& in : lk.matcher.inputs()) need.insert(in.event_field);
                for (const auto& o : lk.matcher.outputs()) need.insert(o.event_field);
            }
        }
        if (!time && needed("_time")) {
            time = true;
            changed = true;
            need.insert(time_fields_.begin(), time_fields_.end());
        }
    }
    p.all_fields = all_fields;
    p.time = time || all_fields;
    if (p.time) need.insert(time_fields_.begin(), time_fields_.end());
    p.fields.assign(need.begin(), need.end());
    auto indexes = [](const std::vector<bool>& kept) {
        std::vector<uint32_t> out;
        for (size_t i = 0; i < kept.size(); ++i)
            if (kept[i]) out.push_back(static_cast<uint32_t>(i));
        return out;
    };
    p.alias = indexes(alias);
    p.calculated = indexes(calculated);
    p.lookup = indexes(lookup);
    return p;
}

std::vector<std::string> Sourcetype::defined_fields() const {
    std::vector<std::string> out;
    auto add = [&](const std::string& f) {
        if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
    };
    if (!time_fields_.empty()) add("_time");
    for (const auto& a : aliases_) add(a.field);
    for (const auto& c : calculated_) add(c.field);
    for (const auto& lk : lookups_)
        for (const auto& o : lk.matcher.outputs()) add(o.event_field);
    if (eventtypes_) {  // (without reading the files: eventtypes_ is set only when there are some)
        add("eventtype");
        add("tag");
    }
    return out;
}

}  // namespace minispl
