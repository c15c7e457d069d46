#pragma once
// The ordering the sort command (and dedup's sortby) puts results in.
#include "minispl/core/event.hpp"

#include <string>
#include <vector>

namespace minispl {

//! One sort key: field, direction and how to read the values ("auto", "num", "str", "ip").
struct SortKeySpec {
    std::string field;
    bool descending = false;
    std::string as = "auto";
};

//! Strict weak "less than" over events by a list of keys, as Splunk's sort orders results:
//! numbers compare numerically and sort before strings; strings compare byte-wise (uppercase
//! before lowercase); an event without the field sorts last in either direction; a multivalue
//! sorts by its first value.
class SortComparator {
public:
    //! Throws SplError("sort") for an unknown `as` type.
    explicit SortComparator(std::vector<SortKeySpec> keys, bool reverse = false);
    bool operator()(const Event& a, const Event& b) const;
    //! -1, 0, 1 by the keys (before `reverse`).
    int compare(const Event& a, const Event& b) const;

private:
    std::vector<SortKeySpec> keys_;
    bool reverse_ = false;
};

//! Compares two single values the way `sort` does in auto mode: -1, 0, 1.
int compare_sort_values(const std::string& a, const std::string& b, const std::string& as = "auto");

}  // namespace minispl
