// The fields a pipeline's results hold (lint's message-field): each command's CommandSpec row
// says what it does to the set (`writes`, command_specs.cpp); the set and its operations are here.
#include "minispl/compile/output_fields.hpp"

#include "field_writes.hpp"
#include "minispl/compile/command_spec.hpp"
#include "minispl/eval/wildcard.hpp"

#include <algorithm>
#include <regex>

namespace minispl {

void FieldWrites::add(const std::string& f) {
    if (!fields) return;
    for (const auto& x : *fields)
        if (x == f) return;
    fields->push_back(f);
}

void FieldWrites::rename(const std::string& from, const std::string& to) {
    if (!fields) return;
    std::vector<std::string> next;
    std::vector<std::string> made;
    for (const auto& f : *fields) {
        const bool pattern = f.find('*') != std::string::npos;
        if (!pattern) {
            if (auto caps = wildcard_captures(from, f)) {
                made.push_back(wildcard_substitute(to, *caps));
                continue;
            }
        } else if (from.find('*') != std::string::npos) {
            unknown();  // wildcard renamed by wildcard: give up
            return;
        }
        next.push_back(f);
    }
    for (const auto& m : made) {
        std::erase(next, m);  // the new name replaces an existing field of that name
        next.push_back(m);
    }
    fields = std::move(next);
}

void FieldWrites::keep(const std::vector<ast::FieldName>& list) {
    std::vector<std::string> kept;
    for (const auto& x : list) {
        if (x.name.find('*') == std::string::npos) {
            kept.push_back(x.name);
        } else if (fields) {
            for (const auto& have : *fields)
                if (wildcard_match(x.name, have)) kept.push_back(have);
        } else {
            unknown();
            return;
        }
    }
    fields = std::move(kept);
}

void FieldWrites::remove(const std::vector<ast::FieldName>& list) {
    if (!fields) return;
    std::erase_if(*fields, [&](const std::string& have) {
        for (const auto& x : list)
            if (wildcard_match(x.name, have)) return true;
        return false;
    });
}

void FieldWrites::aggregations(const ast::StatsCmd& s, bool replace_set) {
    const auto name = [](const ast::Aggregation& a) { return a.alias.empty() ? a.written : a.alias; };
    if (replace_set) {
        fields.emplace();
        for (const auto& a : s.aggregations) add(name(a));
        for (const auto& b : s.by) add(b.name);
    } else {
        for (const auto& a : s.aggregations) add(name(a));
    }
    // values(*) as *: the outputs are whatever fields the events had
    for (const auto& a : s.aggregations)
        if (a.field.find('*') != std::string::npos) unknown();
}

std::optional<std::vector<std::string>> output_fields(const ast::Pipeline& p) {
    FieldWrites w;  // events: unknown fields
    for (const auto& c : p.commands) {
        const CommandSpec* spec = find_command(c.name);
        if (spec && spec->writes) spec->writes(w, c);
        else w.unknown();
    }
    return w.fields;
}

std::vector<std::string> rex_group_names(const std::string& re) {
    std::vector<std::string> r;
    static const std::regex named(R"(\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>)");
    for (std::sregex_iterator it(re.begin(), re.end(), named), end; it != end; ++it) r.push_back((*it)[1]);
    return r;
}

}  // namespace minispl
