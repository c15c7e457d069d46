#pragma once
// Splunk's limits.conf bounds on a search, with Splunk's defaults, settable by name
// (`--limit NAME=VALUE`). A limit reached is always reported: an error, or a notice
// (core/notices.hpp) where Splunk goes on with fewer results and says so.
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace minispl {

//! The bounds one search runs under. Sources of the defaults: Splunk Search Reference (append,
//! appendcols, join, map, transaction pages; Search Manual "About subsearches") and limits.conf.spec;
//! docs/limits.md lists each with its source and what minispl does when it is reached.
struct Limits {
    size_t subsearch_maxout = 10000;        //!< [subsearch] maxout: rows a `[...]` subsearch returns
    size_t join_maxout = 50000;             //!< [join] subsearch_maxout: right-side rows of join
    size_t append_maxout = 50000;           //!< append/appendcols maxout= default
    size_t map_maxsearches = 10;            //!< map maxsearches= default
    size_t transaction_maxopentxn = 5000;   //!< [transactions] maxopentxn
    size_t transaction_maxopenevents = 100000;  //!< [transactions] maxopenevents
    uint32_t rex_match_limit = 100000;      //!< [rex] match_limit (PCRE2 match limit)
    uint32_t rex_depth_limit = 1000;        //!< [rex] depth_limit (PCRE2 depth limit)
    size_t max_memory_mb = 0;               //!< the whole search's resident memory; 0: 3/4 of RAM
    size_t max_event_bytes = 64u << 20;     //!< one record (line, XML event, EVTX record)

    //! Sets `name` (as listed by table()) from text. Throws SplError("limit") for an unknown
    //! name or a value that is not a whole number (> 0 where 0 has no meaning).
    void set(std::string_view name, std::string_view value);
    //! Sets from "name=value".
    void set(std::string_view assignment);
    //! max_memory_mb, with 0 resolved to 3/4 of this machine's physical memory.
    size_t memory_limit_mb() const;

    struct Entry {
        std::string_view name;        //!< as --limit takes it: subsearch.maxout, rex.match_limit, ...
        std::string_view what;        //!< one line for --help
    };
    static std::span<const Entry> table();
};

//! What a search reports without failing: limits reached where Splunk goes on (a truncated
//! subsearch, evicted transactions, map rows over maxsearches). Thread-safe; each distinct text once.
class Notices {
public:
    void add(std::string text);
    std::vector<std::string> take();

private:
    std::mutex mu_;
    std::vector<std::string> items_;
};

}  // namespace minispl
