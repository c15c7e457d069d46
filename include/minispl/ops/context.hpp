#pragma once
// What operators may need from the run besides their own AST: time, lookups, macros.
#include "minispl/core/limits.hpp"
#include "minispl/eval/evaluator.hpp"

#include <filesystem>
#include <vector>

namespace minispl {

class DataModelRegistry;

//! Shared, read-only settings handed to every operator's constructor.
struct OpContext {
    EvalContext eval;                                   //!< now() for eval and relative times
    std::vector<std::filesystem::path> lookup_dirs;     //!< where lookup definitions/CSVs live
    //! Where outputlookup writes its tables (and where lookup/inputlookup look first, so a search
    //! reads what it wrote); empty: into the lookup directories, as Splunk writes into its app.
    std::filesystem::path lookup_output_dir;
    //! The data models tstats, datamodel and from read (null: default_datamodels()).
    const DataModelRegistry* datamodels = nullptr;
    //! limits.conf bounds (core/limits.hpp); where one is reached and the search goes on, the
    //! operator says so in `notices` (null: nobody listens, e.g. unit tests).
    Limits limits;
    Notices* notices = nullptr;

    void notice(std::string text) const {
        if (notices) notices->add(std::move(text));
    }
    //! Keeps the first `max` rows; says what was dropped and which limit did it.
    void cap_rows(std::vector<Event>& rows, size_t max, std::string_view what, std::string_view limit) const;
};

}  // namespace minispl
