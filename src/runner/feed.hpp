#pragma once
// Turning the job's input files into events for a compiled pipeline (internal to the runner).
#include "minispl/compile/field_usage.hpp"
#include "minispl/compile/raw_prefilter.hpp"
#include "minispl/io/event_reader.hpp"
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"
#include "minispl/runner/search_runner.hpp"
#include "minispl/sourcetypes/sourcetype.hpp"

namespace minispl {

//! How input lines become events for one pipeline: which lines to skip unparsed, which fields
//! to extract, and which leading search the reading threads test (the pipeline then starts after it).
struct FeedPlan {
    RawPrefilter prefilter;
    FieldUsage usage;                              //!< all: extract every field
    const ast::Command* leading_search = nullptr;  //!< tested while reading; compile must skip it
};

//! The plan for `pipeline` over the job's inputs.
FeedPlan plan_feed(const ast::Pipeline& pipeline, const SearchJob& job, const SourcetypeRegistry& sourcetypes);

//! Streams the events of every input, in file order, into `head`: metadata and sourcetype fields
//! added, the plan's leading search applied. Each input's record format comes from its content and
//! declared sourcetype (io/record_format.hpp); plain files of a format read in pieces are parsed by
//! several threads piece by piece (results merged in order); other inputs stream through one
//! reader thread. Bad records are counted in `stats` with file:line.
void feed(const SearchJob& job, const SourcetypeRegistry& sourcetypes, const FeedPlan& plan, const OpContext& ctx,
          Operator& head, ReadStats& stats);

}  // namespace minispl
