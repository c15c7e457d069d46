#pragma once
// Macro expansion of a search string, with a source map back to the original text.
#include "minispl/core/diagnostic.hpp"
#include "minispl/macros/macro_table.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace minispl {

//! Maps offsets in an expanded search back to the original (unexpanded) search text.
//! Text copied from the original maps one to one; text that came from a macro maps to the
//! whole macro call (`name(args)` with its backticks) in the original.
class SourceMap {
public:
    struct Segment {
        uint32_t out_begin = 0, out_end = 0;   //!< range in the expanded text
        uint32_t src_begin = 0, src_end = 0;   //!< range in the original text
        bool from_macro = false;               //!< true: [out_begin,out_end) came from a macro call
        std::string macro;                     //!< outermost macro name, for messages
    };
    void add(Segment s) { segments_.push_back(std::move(s)); }
    //! The original offset for an expanded offset (the call's start when inside a macro).
    uint32_t to_source(uint32_t expanded_offset) const;
    //! The original range for an expanded range (widened to whole macro calls).
    std::pair<uint32_t, uint32_t> to_source_range(uint32_t begin, uint32_t end) const;
    //! The macro that produced the expanded offset, or "" when it came from the rule text.
    std::string macro_at(uint32_t expanded_offset) const;
    const std::vector<Segment>& segments() const { return segments_; }

private:
    std::vector<Segment> segments_;  //!< sorted by out_begin, covering the expanded text
};

//! The result of expanding a search.
struct Expansion {
    std::string text;                      //!< expanded, comments removed
    SourceMap map;
    std::vector<Diagnostic> diagnostics;   //!< unknown-macro, macro-arity, macro-cycle, ... (offsets in the ORIGINAL text)
    std::vector<std::string> macros_used;  //!< names as name or name(N), outermost first
};

struct ExpandOptions {
    //! The rule's filter macro name (Detection::filter_macro_name()); when a call to it has
    //! no definition, it expands to `search *` and a missing-filter-macro note is recorded.
    std::string filter_macro;
    //! Macros still unknown after expansion are left in the text as `name` calls (false), or
    //! expanded to nothing (true) so the rest can still be parsed.
    bool drop_unknown = true;
    size_t max_depth = 50;
};

//! Expands every macro call in `search`: triple-backtick comments removed first, backticks
//! inside double-quoted strings left alone, `$arg$` substituted textually, nested calls
//! expanded, cycles reported (never a hang).
Expansion expand_macros(std::string_view search, const MacroTable& macros, const ExpandOptions& opts = {});

}  // namespace minispl
