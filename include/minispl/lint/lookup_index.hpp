#pragma once
// The lookup tables a rule pack defines, for the lookup-undefined check.
#include <filesystem>
#include <set>
#include <string>

namespace minispl {

//! Names of the lookups in one or more lookup directories: each `<x>.yml` definition's `name:`
//! and `filename:`, and every data file (`<x>.csv`, `.csv.gz`, `.mlmodel`) by file name and stem.
class LookupIndex {
public:
    //! Adds a directory's lookups; a missing directory adds nothing.
    void load_directory(const std::filesystem::path& dir);
    void add(const std::string& name) { names_.insert(name); }
    //! True when `table` (as written in lookup/inputlookup/outputlookup) is defined.
    bool has(const std::string& table) const;
    size_t size() const { return names_.size(); }

private:
    std::set<std::string> names_;
};

}  // namespace minispl
