// Splunk's search-time JSON extraction (KV_MODE=json / spath without a path), on simdjson On-Demand.
//
// Names: nested object keys joined with '.', each array level adds "{}" (`a{}` for scalars,
// `a{}.b` through objects, `a{}{}` for nested arrays). Values of one name collect into a
// multivalue in document order. true/false become "true"/"false", numbers keep their source text.
// JSON null produces no value (decision: the field stays absent, so SPL's isnull/coalesce see it
// as missing — what the CloudTrail add-on's coalesce()-based calculated fields rely on).
// Empty objects and arrays produce nothing.
#include "minispl/io/json_flatten.hpp"

#include "json_flatten_internal.hpp"

#include <string>
#include <vector>

namespace minispl {
namespace {

namespace od = simdjson::ondemand;

struct Flat {
    std::vector<std::pair<std::string, std::vector<std::string>>> fields;
    size_t array_root = SIZE_MAX;  // index of the first field created inside the outermost array

    void add(const std::string& path, std::string_view value) {
        if (array_root != SIZE_MAX) {
            for (size_t i = array_root; i < fields.size(); ++i)
                if (fields[i].first == path) {
                    fields[i].second.emplace_back(value);
                    return;
                }
        }
        fields.emplace_back(path, std::vector<std::string>{std::string(value)});
    }
};

simdjson::error_code walk(od::value v, std::string& path, Flat& out);

simdjson::error_code walk_object(od::object obj, std::string& path, Flat& out) {
    const size_t base = path.size();
    for (auto field_result : obj) {
        od::field field;
        if (auto e = std::move(field_result).get(field)) return e;
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) return e;
        if (base) path += '.';
        path.append(key);
        auto e = walk(field.value(), path, out);
        path.resize(base);
        if (e) return e;
    }
    return simdjson::SUCCESS;
}

simdjson::error_code walk_array(od::array arr, std::string& path, Flat& out) {
    const size_t base = path.size();
    const bool outermost = out.array_root == SIZE_MAX;
    if (outermost) out.array_root = out.fields.size();
    path += "{}";
    simdjson::error_code err = simdjson::SUCCESS;
    for (auto elem : arr) {
        od::value v;
        if ((err = std::move(elem).get(v))) break;
        if ((err = walk(v, path, out))) break;
    }
    path.resize(base);
    if (outermost) out.array_root = SIZE_MAX;
    return err;
}

simdjson::error_code walk(od::value v, std::string& path, Flat& out) {
    od::json_type type;
    if (auto e = v.type().get(type)) return e;
    switch (type) {
        case od::json_type::object: {
            od::object obj;
            if (auto e = v.get_object().get(obj)) return e;
            return walk_object(obj, path, out);
        }
        case od::json_type::array: {
            od::array arr;
            if (auto e = v.get_array().get(arr)) return e;
            return walk_array(arr, path, out);
        }
        case od::json_type::string: {
            std::string_view s;
            if (auto e = v.get_string().get(s)) return e;
            out.add(path, s);
            return simdjson::SUCCESS;
        }
        case od::json_type::number: {
            std::string_view tok = v.raw_json_token();
            while (!tok.empty() && (tok.back() == ' ' || tok.back() == '\t' || tok.back() == '\n' || tok.back() == '\r'))
                tok.remove_suffix(1);
            out.add(path, tok);
            return simdjson::SUCCESS;
        }
        case od::json_type::boolean: {
            bool b;
            if (auto e = v.get_bool().get(b)) return e;
            out.add(path, b ? "true" : "false");
            return simdjson::SUCCESS;
        }
        case od::json_type::null: {
            bool is_null = false;
            if (auto e = v.is_null().get(is_null)) return e;
            return is_null ? simdjson::SUCCESS : simdjson::INCORRECT_TYPE;
        }
    }
    return simdjson::INCORRECT_TYPE;
}

}  // namespace

namespace detail {

bool flatten_padded(od::parser& parser, std::string_view json, Event& event) {
    // Fast reject of anything that is not an object (simdjson would also reject it).
    size_t i = 0;
    while (i < json.size() && (json[i] == ' ' || json[i] == '\t' || json[i] == '\r' || json[i] == '\n')) ++i;
    if (i == json.size() || json[i] != '{') return false;

    od::document doc;
    if (parser.iterate(simdjson::padded_string_view(json.data(), json.size(), json.size() + simdjson::SIMDJSON_PADDING))
            .get(doc))
        return false;
    od::object obj;
    if (doc.get_object().get(obj)) return false;
    Flat flat;
    std::string path;
    path.reserve(128);
    if (walk_object(obj, path, flat)) return false;
    const char* trailing = nullptr;
    if (!doc.current_location().get(trailing)) return false;  // text after the object

    const bool fresh = event.size() == 0;
    auto& fields = event.fields();
    if (fresh) fields.reserve(flat.fields.size() + 8);
    for (auto& [name, values] : flat.fields) {
        Value v = values.size() == 1 ? Value::string(std::move(values[0])) : Value::multi(std::move(values));
        if (fresh)
            fields.emplace_back(std::move(name), std::move(v));
        else
            event.set(name, std::move(v));
    }
    return true;
}

}  // namespace detail

bool flatten_json(std::string_view json, Event& event) {
    thread_local od::parser parser;
    thread_local std::string buffer;
    // simdjson wants SIMDJSON_PADDING readable bytes after the text: copy into a reused buffer.
    buffer.assign(json);
    buffer.append(simdjson::SIMDJSON_PADDING, ' ');
    return detail::flatten_padded(parser, std::string_view(buffer.data(), json.size()), event);
}

}  // namespace minispl
