#pragma once
// props.conf stanza patterns: [source::<pattern>] and [host::<pattern>].
#include <string>
#include <string_view>

namespace minispl {

//! A `source::` / `host::` pattern as props.conf reads it: `...` matches any run of characters,
//! `*` any run without a `/` (a path segment), everything else itself; case-sensitive unless the
//! pattern starts with `(?i)`. The whole text must match.
class StanzaPattern {
public:
    //! Throws SplError("sourcetype", "...") for syntax minispl does not implement (`[`, `|`, `(`
    //! other than a leading `(?i)`): a pattern must not silently match something else than in Splunk.
    explicit StanzaPattern(std::string pattern);
    bool matches(std::string_view text) const;
    //! True when the pattern has no `*` / `...`: such a stanza outranks a pattern stanza.
    bool literal() const { return literal_; }
    const std::string& text() const { return text_; }

private:
    std::string text_;     //!< as written
    std::string pattern_;  //!< without (?i); `...` as '\x01', `*` as '\x02'
    bool caseless_ = false, literal_ = true;
};

}  // namespace minispl
