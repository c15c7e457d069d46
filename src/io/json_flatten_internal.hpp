#pragma once
// Internal: flattening text that already has simdjson's padding after it (no copy).
#include "minispl/core/event.hpp"
#include "minispl/io/field_projection.hpp"

#include <simdjson.h>
#include <string_view>

namespace minispl::detail {

//! flatten_json for a text followed by at least SIMDJSON_PADDING readable bytes. `append`: the
//! event holds no field the JSON could name, so fields are appended without looking them up.
//! `projection`: as flatten_json's.
bool flatten_padded(simdjson::ondemand::parser& parser, std::string_view json, Event& event, bool append,
                    const FieldProjection* projection = nullptr);

}  // namespace minispl::detail
