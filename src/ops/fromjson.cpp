#include "minispl/ops/fromjson.hpp"

#include "minispl/core/ascii.hpp"
#include "minispl/core/diagnostic.hpp"

#include <nlohmann/json.hpp>

#include <cctype>

namespace minispl {

namespace {

using json = nlohmann::json;

std::string text_of(const json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

}  // namespace

FromjsonOperator::FromjsonOperator(const ast::FieldsCmd& cmd, const OpContext&) {
    for (const auto& o : cmd.options) {
        const std::string key = lower(o.key);
        if (key != "prefix")
            throw SplError("fromjson", "unknown fromjson option " + o.key + "= (expected prefix)", o.span.begin,
                           o.span.end > o.span.begin ? o.span.end - o.span.begin : 1);
        prefix_ = o.value;
    }
    if (cmd.fields.size() != 1) throw SplError("fromjson", "fromjson takes exactly one field");
    field_ = cmd.fields[0].name;
}

void FromjsonOperator::push(Event event) {
    const Value* v = event.find(field_);
    if (v) {
        json j = json::parse(v->mv_size() ? v->mv_at(0) : std::string(), nullptr, false);
        if (!j.is_discarded() && j.is_object())
            for (const auto& [key, val] : j.items()) {
                if (val.is_null()) {
                    event.set(prefix_ + key, Value::null());
                } else if (val.is_array()) {
                    std::vector<std::string> values;
                    for (const auto& e : val)
                        if (!e.is_null()) values.push_back(text_of(e));
                    event.set(prefix_ + key, values.empty()      ? Value::null()
                                             : values.size() == 1 ? Value::string(values[0])
                                                                  : Value::multi(values));
                } else {
                    event.set(prefix_ + key, Value::string(text_of(val)));
                }
            }
    }
    emit(std::move(event));
}

}  // namespace minispl
