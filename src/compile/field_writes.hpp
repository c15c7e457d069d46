#pragma once
// The field set a command's `writes` function (CommandSpec) updates, for output_fields.
// Internal to src/compile.
#include "minispl/parse/ast.hpp"

#include <optional>
#include <string>
#include <vector>

namespace minispl {

//! The fields the results hold so far, or unknown. Starts unknown (events carry whatever fields
//! the data has); a closing command (stats, table) makes it exact. Knows no command by name.
class FieldWrites {
public:
    std::optional<std::vector<std::string>> fields;

    void unknown() { fields.reset(); }
    void replace(std::vector<std::string> names) { fields = std::move(names); }
    void add(const std::string& name);
    //! `rename from AS to` (with `*` wildcards): a field matching `from` is replaced by its new name.
    void rename(const std::string& from, const std::string& to);
    //! `table` / `fields` with a list: only those (wildcards select among the known fields).
    void keep(const std::vector<ast::FieldName>& list);
    //! `fields - list`.
    void remove(const std::vector<ast::FieldName>& list);
    //! The stats family's outputs: `replace` the set (stats) or add to it (eventstats).
    void aggregations(const ast::StatsCmd& s, bool replace);

    //! The command's body, or nullptr (and unknown) for a shape the parser does not give it.
    template <typename Body>
    const Body* body(const ast::Command& cmd) {
        const Body* b = std::get_if<Body>(&cmd.body);
        if (!b) unknown();
        return b;
    }
};

}  // namespace minispl
