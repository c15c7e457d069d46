#pragma once
// The accumulator a command's `reads` function (CommandSpec) adds its input fields to, for field
// projection (field_usage.cpp). Internal to src/compile.
#include "minispl/parse/ast.hpp"

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace minispl {

//! The input fields a pipeline reads, collected command by command up to the first closing one.
//! A wrong "not needed" is a silent wrong answer while an extra name only costs speed, so whatever
//! cannot be listed exactly sets `all`. Does not know any command by name: each row's `reads` does.
class FieldReads {
public:
    bool all = false;
    std::set<std::string> names;
    bool needs_time = false;  //!< _time is read without being named

    //! Walks the commands; true when one closed the pipeline (no input field visible after it);
    //! false when the results are still whole events, or when `all` was set on the way.
    bool walk(const ast::Pipeline& p);

    //! Adds the sources of the wildcard renames (last first, so chains resolve) for every name
    //! collected. Names read before a rename get a source too: extra names are harmless.
    void resolve_wildcard_renames();

    void add(std::string_view name);  //!< a wildcard turns into `all`
    void add_all(const std::vector<ast::FieldName>& fields);
    //! The command removes, renames or overwrites `name`; when that is _raw, later bare terms
    //! search another text (or every field), so they read everything.
    void writes_raw(std::string_view name);
    void reads_raw();
    void rename(const std::string& from, const std::string& to);
    void expr(const ast::Expr* e);
    void search(const ast::SearchExpr* e);
    //! stats / eventstats / streamstats / chart / timechart. `closing`: its own outputs are not
    //! inputs, so its aliases are left out.
    void stats(const ast::StatsCmd& s, bool closing);
    void lookup(const ast::LookupCmd& l);
    void spath(const ast::GenericCmd& g);

    //! The command's body, or nullptr (and `all`) for a shape the parser does not give it.
    template <typename Body>
    const Body* body(const ast::Command& cmd) {
        const Body* b = std::get_if<Body>(&cmd.body);
        if (!b) all = true;
        return b;
    }
    //! Option `key=` of a command, or "" when absent.
    static std::string option(const std::vector<ast::Option>& options, const char* key);

private:
    bool raw_changed_ = false;
    //! `rename from.* AS *`: a name read after it may come from the renamed field.
    struct WildcardRename {
        std::string from, to;
    };
    std::vector<WildcardRename> wildcard_renames_;
};

}  // namespace minispl
