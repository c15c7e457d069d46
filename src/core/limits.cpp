#include "minispl/core/limits.hpp"

#include "minispl/core/diagnostic.hpp"

#include <algorithm>
#include <charconv>
#include <unistd.h>
#include <utility>

namespace minispl {

namespace {

const Limits::Entry kEntries[] = {
    {"subsearch.maxout", "rows a [subsearch] returns (Splunk: 10000); more are dropped, with a notice"},
    {"join.maxout", "right-side rows join reads (Splunk: 50000); more are dropped, with a notice"},
    {"append.maxout", "rows append takes from its subsearch unless maxout= says (Splunk: 50000)"},
    {"map.maxsearches", "searches map runs unless maxsearches= says (Splunk: 10); a notice for the rows left"},
    {"transaction.maxopentxn", "open transactions before the oldest is evicted (Splunk: 5000), with a notice"},
    {"transaction.maxopenevents", "events in open transactions before eviction (Splunk: 100000), with a notice"},
    {"rex.match_limit", "PCRE2 match limit for rex, regex, match(), replace() (Splunk: 100000); an error"},
    {"rex.depth_limit", "PCRE2 depth limit for the same (Splunk: 1000); an error"},
    {"memory_mb", "resident memory of the search in MB (default 0: 3/4 of RAM); an error, never the OOM killer"},
    {"max_event_bytes", "bytes of one event (default 67108864); a larger record is skipped as bad, and counted"},
};

}  // namespace

std::span<const Limits::Entry> Limits::table() { return kEntries; }

void Limits::set(std::string_view name, std::string_view value) {
    uint64_t n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size())
        throw SplError("limit", "--limit " + std::string(name) + "=" + std::string(value) +
                                    ": the value must be a whole number");
    auto positive = [&](auto& field) {
        if (n == 0) throw SplError("limit", "--limit " + std::string(name) + " must be at least 1");
        field = static_cast<std::remove_reference_t<decltype(field)>>(n);
    };
    if (name == "subsearch.maxout") positive(subsearch_maxout);
    else if (name == "join.maxout") positive(join_maxout);
    else if (name == "append.maxout") positive(append_maxout);
    else if (name == "map.maxsearches") positive(map_maxsearches);
    else if (name == "transaction.maxopentxn") positive(transaction_maxopentxn);
    else if (name == "transaction.maxopenevents") positive(transaction_maxopenevents);
    else if (name == "rex.match_limit") positive(rex_match_limit);
    else if (name == "rex.depth_limit") positive(rex_depth_limit);
    else if (name == "memory_mb") max_memory_mb = n;
    else if (name == "max_event_bytes") positive(max_event_bytes);
    else {
        std::string known;
        for (const auto& e : kEntries) known += (known.empty() ? "" : ", ") + std::string(e.name);
        throw SplError("limit", "unknown limit '" + std::string(name) + "' (known: " + known + ")");
    }
}

void Limits::set(std::string_view assignment) {
    const size_t eq = assignment.find('=');
    if (eq == std::string_view::npos)
        throw SplError("limit", "--limit takes NAME=VALUE, not '" + std::string(assignment) + "'");
    set(assignment.substr(0, eq), assignment.substr(eq + 1));
}

size_t Limits::memory_limit_mb() const {
    if (max_memory_mb) return max_memory_mb;
    const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
    if (pages <= 0 || page <= 0) return 4096;
    return static_cast<size_t>(static_cast<uint64_t>(pages) * static_cast<uint64_t>(page) / (1u << 20) * 3 / 4);
}

void Notices::add(std::string text) {
    std::lock_guard lk(mu_);
    if (std::find(items_.begin(), items_.end(), text) == items_.end()) items_.push_back(std::move(text));
}

std::vector<std::string> Notices::take() {
    std::lock_guard lk(mu_);
    return std::exchange(items_, {});
}

}  // namespace minispl
