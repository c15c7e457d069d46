#pragma once
// The value of an SPL field: null, a single value, or a multivalue.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minispl {

//! A field value with SPL's typing: strings read as numbers where an operation wants numbers.
//! Eval produces numbers and booleans as intermediate results; events hold strings and multivalues.
class Value {
public:
    enum class Type : uint8_t { Null, Bool, Number, String, Multi };

    Value() = default;  // null
    static Value null() { return Value(); }
    static Value boolean(bool b);
    static Value number(double d);
    static Value string(std::string s);
    //! A multivalue; one element collapses to a single string, none to null (as in Splunk).
    static Value multi(std::vector<std::string> values);

    Type type() const { return type_; }
    bool is_null() const { return type_ == Type::Null; }
    bool is_bool() const { return type_ == Type::Bool; }
    bool is_number() const { return type_ == Type::Number; }
    bool is_string() const { return type_ == Type::String; }
    bool is_multi() const { return type_ == Type::Multi; }

    bool as_bool() const { return num_ != 0; }  // only meaningful for Bool
    //! The numeric reading: a Number, or a String/first multivalue element that parses fully as a number.
    std::optional<double> as_number() const;
    //! The text form (numbers formatted as Splunk prints them; multivalue elements joined by a newline).
    std::string to_string() const;
    //! The string of a String value (empty for other types); no copy.
    const std::string& str() const { return str_; }

    //! Multivalue view: 0 elements for null, 1 for a single value, n for a multivalue.
    size_t mv_size() const;
    //! Element i as text (i < mv_size()).
    std::string mv_at(size_t i) const;
    //! All elements as text.
    std::vector<std::string> mv_values() const;
    const std::vector<std::string>& multi_values() const { return mv_; }

    bool operator==(const Value& o) const;

private:
    Type type_ = Type::Null;
    double num_ = 0;
    std::string str_;
    std::vector<std::string> mv_;
};

//! Parses text as an SPL number (decimal, optional sign, exponent, surrounding spaces allowed;
//! "0x1F" hex too). Returns nullopt when the whole text is not a number.
std::optional<double> parse_number(std::string_view text);
//! Formats a number the way Splunk prints eval results: integers without a decimal point,
//! other values with up to 16 significant digits and no trailing zeros.
std::string format_number(double d);

}  // namespace minispl
