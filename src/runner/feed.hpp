#pragma once
// Turning the job's input files into events for a compiled pipeline (internal to the runner).
#include "minispl/compile/input_plan.hpp"
#include "minispl/io/event_reader.hpp"
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"
#include "minispl/runner/search_runner.hpp"
#include "minispl/sourcetypes/sourcetype.hpp"

namespace minispl {

//! Streams the events of every input, in file order, into `head`: metadata and sourcetype fields
//! added, the plan's (compile's plan_input) leading search applied. Each input's record format comes from its content and
//! declared sourcetype (io/record_format.hpp); plain files of a format read in pieces are parsed by
//! several threads piece by piece (results merged in order); other inputs stream through one
//! reader thread. Bad records are counted in `stats` with file:line.
void feed(const SearchJob& job, const SourcetypeRegistry& sourcetypes, const InputPlan& plan, const OpContext& ctx,
          Operator& head, ReadStats& stats);

}  // namespace minispl
