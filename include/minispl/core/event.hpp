#pragma once
// An event or a result row: an ordered set of named fields.
#include "minispl/core/value.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minispl {

//! One event (or one result row after a transforming command): fields in insertion order.
//! `_raw`, `_time`, `source`, `sourcetype`, `host`, `index` are ordinary fields here.
class Event {
public:
    using Field = std::pair<std::string, Value>;

    //! The field's value, or nullptr when the field does not exist (SPL null).
    const Value* find(std::string_view name) const;
    Value* find(std::string_view name);
    //! The field's value, or a null Value.
    const Value& get(std::string_view name) const;
    bool has(std::string_view name) const { return find(name) != nullptr; }
    //! Sets a field; setting a null value removes it (SPL: assigning null deletes the field).
    void set(std::string_view name, Value v);
    void erase(std::string_view name);
    void rename(std::string_view from, std::string_view to);
    void clear() { fields_.clear(); }

    const std::vector<Field>& fields() const { return fields_; }
    std::vector<Field>& fields() { return fields_; }
    size_t size() const { return fields_.size(); }

    //! _time as epoch seconds (0 when absent or not numeric).
    double time() const;

private:
    std::vector<Field> fields_;
};

}  // namespace minispl
