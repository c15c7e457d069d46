#pragma once
// Internal to the runner's feed: any input not read in pieces, through one reader thread.
#include "event_prep.hpp"

#include "minispl/ops/operator.hpp"

#include <functional>

namespace minispl {

//! Reads `reader`'s records on one thread (prefilter, parse, prepare) and hands them in batches,
//! through a small bounded queue, to the calling thread, which pushes them into `head`.
void feed_streamed(RecordReader& reader, const EventPrep& prep, const RawPrefilter& pre, Operator& head,
                   ReadStats& stats, const std::function<void(uint64_t)>& progress);

}  // namespace minispl
