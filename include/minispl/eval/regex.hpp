#pragma once
// PCRE2 regular expressions, as SPL's rex, regex, match() and replace() use them.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minispl {

//! PCRE2's match and depth limits for every match from now on, in every thread (limits.conf
//! [rex] match_limit, depth_limit). A match that reaches one throws SplError("limit"), as Splunk
//! stops the search with "has exceeded configured match_limit, consider raising the value in
//! limits.conf": never a silent "no match".
void set_regex_limits(uint32_t match_limit, uint32_t depth_limit);

//! A compiled PCRE2 pattern (JIT when available). Named groups (?<n>...) and (?P<n>...).
class Regex {
public:
    //! Throws SplError("regex", message with the pattern offset) on a bad pattern.
    explicit Regex(std::string_view pattern, bool caseless = false);
    ~Regex();
    Regex(Regex&&) noexcept;
    Regex& operator=(Regex&&) noexcept;

    //! Unanchored search anywhere in `subject`.
    bool search(std::string_view subject) const;

    struct Match {
        std::vector<std::optional<std::string>> groups;  //!< 0 = whole match
        size_t begin = 0, end = 0;
    };
    //! First match at or after `start`.
    std::optional<Match> find(std::string_view subject, size_t start = 0) const;
    //! Names of the named groups with their group numbers.
    std::vector<std::pair<std::string, int>> named_groups() const;
    //! Replaces matches with `replacement` (\1..\9 back-references); all or only the first.
    std::string replace(std::string_view subject, std::string_view replacement, bool global = true) const;

    //! What a replacement's `\c` means when c is neither a digit nor a backslash: eval's
    //! replace() keeps the backslash (Keep), rex mode=sed writes c alone (Drop).
    enum class OtherEscapes { Keep, Drop };
    //! Appends `replacement` to `out` with \0..\9 standing for the groups of `m` (empty when a
    //! group did not take part) and `\\` for one backslash. The one group expansion for
    //! replace() and rex mode=sed.
    static void expand(std::string& out, std::string_view replacement, const Match& m, OtherEscapes other);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace minispl
