#pragma once
// The fields a pipeline's results hold, when that is known exactly (lint's message-field check).
#include "minispl/parse/ast.hpp"

#include <optional>
#include <string>
#include <vector>

namespace minispl {

//! The fields after the pipeline (names, or patterns such as `count*` from a wildcard table),
//! in the order they appear; nullopt when they cannot be derived exactly (the results are
//! events with whatever fields the data has, or a command whose effect is unknown ran).
std::optional<std::vector<std::string>> output_fields(const ast::Pipeline& pipeline);

//! The named groups of a rex regex ((?<name>...) and (?P<name>...)), in order.
std::vector<std::string> rex_group_names(const std::string& regex);

}  // namespace minispl
