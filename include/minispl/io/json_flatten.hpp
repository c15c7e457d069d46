#pragma once
// Splunk's JSON field extraction: nested keys joined by '.', arrays as '{}', multivalues.
#include "minispl/core/event.hpp"
#include "minispl/io/field_projection.hpp"

#include <string_view>

namespace minispl {

//! Adds the fields of one JSON object to `event`, the way Splunk's KV_MODE=json / INDEXED_EXTRACTIONS
//! do it: `a.b.c` for nested objects, `a{}` for arrays of scalars, `a{}.b` for arrays of objects
//! (a multivalue in document order), true/false as text, numbers keeping their text, null skipped.
//! Returns false (and adds nothing) when the text is not a JSON object.
//! With a `projection`, only its names are extracted: other keys are skipped unread, so a skipped
//! value is only checked for being complete (strings closed, brackets counted), not token by token;
//! a truncated record is still rejected.
bool flatten_json(std::string_view json, Event& event, const FieldProjection* projection = nullptr);

}  // namespace minispl
