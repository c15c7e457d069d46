#pragma once
// Generic XML field extraction for spath and xmlkv, on pugixml (entities decoded by its parser:
// the one XML entity decoder of the project).
#include "minispl/core/event.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minispl {

//! spath's XML names: each element's text (trimmed, when not empty) under its path of element
//! names joined by '.', each attribute as `path{@name}`; repeats make multivalues, in document
//! order (an element's attributes before its text). A fragment with several top-level elements is
//! read too; a malformed document keeps what precedes the error. False when `xml` does not start
//! with '<' (after spaces).
bool flatten_xml_paths(std::string_view xml, Event& out);

//! xmlkv's pairs: the innermost elements (text, no child elements) as (name, text) in document
//! order, entities decoded.
std::vector<std::pair<std::string, std::string>> xml_leaf_elements(std::string_view xml);

}  // namespace minispl
