#pragma once
// How operators that run other pipelines (appendpipe, foreach, map) reach the compiler: the
// compile stage hands them these callbacks, so src/ops does not depend on src/compile.
#include "minispl/core/event.hpp"

#include <functional>
#include <string>
#include <vector>

namespace minispl {

//! Runs a fixed, already-parsed pipeline over in-memory rows (appendpipe).
using RowsRunner = std::function<std::vector<Event>(std::vector<Event> rows)>;

//! Parses SPL text (no macros) and runs it over in-memory rows (foreach bodies after
//! <<FIELD>> substitution).
using TextOverRowsRunner = std::function<std::vector<Event>(const std::string& spl, std::vector<Event> rows)>;

//! Expands the macros of SPL text and runs it as a search over the job's inputs (map).
using SearchTextRunner = std::function<std::vector<Event>(const std::string& spl)>;

}  // namespace minispl
