#pragma once
// Runs one search over event files: expand macros, parse, compile, stream events through.
#include "minispl/core/diagnostic.hpp"
#include "minispl/core/limits.hpp"
#include "minispl/core/event.hpp"
#include "minispl/io/event_reader.hpp"
#include "minispl/macros/expander.hpp"
#include "minispl/macros/macro_table.hpp"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace minispl {

class SourcetypeRegistry;

//! One input file and the metadata its events get.
struct InputSpec {
    std::filesystem::path file;
    std::string sourcetype;   //!< empty: the plain JSON default
    std::string source;       //!< empty: the file path
    std::string host = "minispl";
    std::string index = "main";
};

//! Everything a search run needs.
struct SearchJob {
    std::string spl;                                  //!< the search as written (macros not expanded)
    const MacroTable* macros = nullptr;               //!< null: no macros besides built-ins
    std::string filter_macro;                         //!< the rule's implicit `<name>_filter`
    std::vector<InputSpec> inputs;
    std::vector<std::filesystem::path> lookup_dirs;
    //! Where outputlookup writes (OpContext::lookup_output_dir), read first by lookup/inputlookup.
    //! Empty: a scratch directory of this run's own, removed when it ends — a search never
    //! changes the rule pack's lookups unless told where to write.
    std::filesystem::path lookup_output_dir;
    //! outputlookup writes into the lookup directories themselves, as Splunk writes into its app
    //! (asked for by name: --write-pack-lookups); lookup_output_dir must then be empty.
    bool write_pack_lookups = false;
    double now = 0;                                   //!< 0: wall clock
    //! Skip input lines that cannot match the leading search before parsing them (RawPrefilter).
    bool raw_prefilter = true;
    //! Extract only the fields the pipeline reads (FieldUsage), and only the sourcetype definitions
    //! that produce them. Off: every field of every event, as a check of the projection.
    bool field_projection = true;
    //! Threads that parse JSON-lines files (0: one per hardware thread).
    unsigned threads = 0;
    //! The sourcetype definitions, loaded once by the caller and shared by every search (read-only);
    //! null: default_sourcetypes().
    const SourcetypeRegistry* sourcetypes = nullptr;
    //! limits.conf bounds (subsearch rows, regex match limits, memory, event size, ...).
    Limits limits;
    //! Called now and then with bytes read so far and the total size of the inputs.
    std::function<void(uint64_t done, uint64_t total)> progress;
};

struct SearchOutcome {
    std::vector<Event> rows;
    bool returns_events = true;
    ReadStats read;
    //! Limits reached where the search went on (a subsearch cut to maxout, ...): to show the user.
    std::vector<std::string> notices;
    Expansion expansion;                              //!< the expanded search and its source map
};

//! The project's sourcetype definitions (default_sourcetype_dir()), loaded on the first call for
//! that directory and shared from then on. Throws SplError("sourcetype") for a bad definition file.
const SourcetypeRegistry& default_sourcetypes();

//! A fresh directory path for one run's outputlookup tables (created by outputlookup when it
//! writes), removed with everything in it when this object goes.
struct ScratchLookups {
    std::filesystem::path dir;
    ScratchLookups();
    ~ScratchLookups();
    ScratchLookups(const ScratchLookups&) = delete;
    ScratchLookups& operator=(const ScratchLookups&) = delete;
};

//! Runs the job. Throws SplError with offsets in the ORIGINAL search text (already mapped
//! through the macro source map), rule ids "syntax", "unknown-macro", "unsupported", "input", ...
SearchOutcome run_search(const SearchJob& job);

//! The newest `_time` among the job's input events, as the search would see them (sourcetype
//! definitions applied); 0 when no event has one. For replaying test data "as recent".
double newest_event_time(const SearchJob& job);

}  // namespace minispl
