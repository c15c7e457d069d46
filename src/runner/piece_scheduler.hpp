#pragma once
// Internal to the runner's feed: a plain file read in pieces by worker threads, merged in order.
#include "event_prep.hpp"

#include "minispl/io/piece_file.hpp"
#include "minispl/ops/operator.hpp"

#include <functional>

namespace minispl {

//! Cuts `file` (of a format read in pieces) where a record may start, has `threads` workers read,
//! prefilter, parse (only the projected fields) and prepare each piece, and pushes the pieces'
//! events into `head` in file order, at most a few pieces ahead of it (memory stays flat). A stats
//! that merges exactly runs as one partial per worker instead. Bad records go to `stats` with
//! their file:line.
void feed_pieces(const PieceFile& file, const std::string& name, const RecordFormat& format, const EventPrep& prep,
                 const RawPrefilter& pre, unsigned threads, Operator& head, ReadStats& stats,
                 const std::function<void(uint64_t)>& progress);

}  // namespace minispl
