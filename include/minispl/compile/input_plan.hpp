#pragma once
// How a pipeline's input events are read: the plan compile makes and the runner executes.
#include "minispl/compile/field_usage.hpp"
#include "minispl/compile/raw_prefilter.hpp"
#include "minispl/parse/ast.hpp"

#include <set>
#include <string>

namespace minispl {

//! What the reader does for one pipeline: whether it reads input events at all, which lines it may
//! skip unparsed, which fields it extracts, and which leading search it tests on the reading
//! threads (the compiled pipeline then starts after it).
struct InputPlan {
    bool reads_events = true;                      //!< false: a generating pipeline (`| inputlookup ...`)
    RawPrefilter prefilter;                        //!< empty: every line is parsed
    //! For inputs whose stanzas are resolved per event (an XML file read without --source): also
    //! blind to what any source::/host:: stanza derives.
    RawPrefilter per_event_prefilter;
    FieldUsage usage;                              //!< all: extract every field
    const ast::Command* leading_search = nullptr;  //!< into the pipeline; tested while reading
};

//! What the plan may use.
struct InputOptions {
    bool field_projection = true;  //!< extract only the fields the pipeline reads
    bool raw_prefilter = true;     //!< skip lines that cannot match the leading search
    //! Fields the inputs' sourcetypes make (aliases, calculated fields, lookup outputs): not in the
    //! raw text as such, so the prefilter does not look for their values.
    std::set<std::string, std::less<>> derived_fields;
    //! What any source:: or host:: stanza that may apply per event derives besides (see
    //! SourcetypeRegistry::candidates).
    std::set<std::string, std::less<>> per_event_derived_fields;
};

//! The plan for `pipeline`. The leading search is taken out unless it holds a subsearch (the
//! compiler runs and substitutes that one).
InputPlan plan_input(const ast::Pipeline& pipeline, const InputOptions& options);

//! Every line, only `_time` extracted, nothing tested while reading (the newest event's time).
InputPlan time_only_input();

}  // namespace minispl
