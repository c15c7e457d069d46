#include "minispl/ops/rename.hpp"

#include "minispl/core/diagnostic.hpp"
#include "minispl/eval/wildcard.hpp"

#include <algorithm>

namespace minispl {

namespace {

// Renames in place, so the field keeps its position; a field already called `to` goes.
void rename_field(Event& event, const std::string& from, const std::string& to) {
    if (from == to || !event.has(from)) return;
    event.erase(to);
    for (auto& f : event.fields())
        if (f.first == from) {
            f.first = to;
            return;
        }
}

}  // namespace

RenameOperator::RenameOperator(const ast::RenameCmd& cmd, const OpContext&) {
    for (const auto& p : cmd.pairs) {
        auto stars = [](const std::string& s) { return std::count(s.begin(), s.end(), '*'); };
        if (stars(p.from.name) != stars(p.to.name))
            throw SplError("rename", "wildcard mismatch: '" + p.from.name + "' AS '" + p.to.name +
                                         "' must have the same number of '*' on both sides",
                           p.from.span.begin, p.to.span.end - p.from.span.begin);
        pairs_.push_back({p.from.name, p.to.name, has_wildcard(p.from.name)});
    }
}

void RenameOperator::push(Event event) {
    for (const auto& p : pairs_) {
        if (!p.wildcard) {
            if (p.from == p.to) continue;
            if (event.has(p.from))
                rename_field(event, p.from, p.to);
            else
                event.erase(p.to);  // Splunk: renaming a missing field still clears the target
            continue;
        }
        // Collect the matches first: renaming while walking would revisit renamed fields.
        std::vector<std::pair<std::string, std::string>> moves;
        for (const auto& f : event.fields())
            if (auto caps = wildcard_captures(p.from, f.first))
                moves.emplace_back(f.first, wildcard_substitute(p.to, *caps));
        for (const auto& [from, to] : moves) rename_field(event, from, to);
    }
    emit(std::move(event));
}

}  // namespace minispl
