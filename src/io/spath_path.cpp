// spath paths: parsing, and walking JSON (simdjson On-Demand, values' text as written) or XML.
#include "minispl/io/spath_path.hpp"

#include "minispl/core/value.hpp"
#include "minispl/io/xml_fields.hpp"

#include <simdjson.h>

namespace minispl {

std::optional<SpathPath> SpathPath::parse(std::string_view path, std::string& error) {
    SpathPath out;
    size_t i = 0;
    while (i < path.size()) {
        Step s;
        while (i < path.size() && path[i] != '.' && path[i] != '{') s.key += path[i++];
        bool first = true;
        while (i < path.size() && path[i] == '{') {
            size_t close = path.find('}', i);
            if (close == std::string_view::npos) {
                error = "unclosed { in spath path " + std::string(path);
                return std::nullopt;
            }
            std::string idx(path.substr(i + 1, close - i - 1));
            Step t;
            if (first) t.key = s.key;
            if (idx.empty()) {
                t.index = Step::Index::All;
            } else if (idx[0] == '@') {
                t.index = Step::Index::Attr;
                t.attr = idx.substr(1);
            } else {
                auto n = parse_number(idx);
                if (!n || *n < 1 || *n != static_cast<int64_t>(*n)) {
                    error = "spath path index {" + idx + "} is not a position >= 1";
                    return std::nullopt;
                }
                t.index = Step::Index::Nth;
                t.nth = static_cast<size_t>(*n);
            }
            out.steps.push_back(std::move(t));
            first = false;
            i = close + 1;
        }
        if (first) out.steps.push_back(std::move(s));
        if (i < path.size() && path[i] == '.') ++i;
    }
    return out;
}

std::string SpathPath::xml_name() const {
    std::string p;
    for (const auto& s : steps) {
        if (!s.key.empty()) p += (p.empty() ? "" : ".") + s.key;
        if (s.index == Step::Index::Attr) p += "{@" + s.attr + "}";
    }
    return p;
}

namespace {

using simdjson::ondemand::json_type;
using Steps = std::vector<SpathPath::Step>;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
    return s;
}

// An object's or array's text as written.
template <class Container>
simdjson::error_code container_text(simdjson::simdjson_result<Container> r, std::string_view& text) {
    Container c;
    if (auto e = std::move(r).get(c)) return e;
    if (auto e = c.raw_json().get(text)) return e;
    text = trim(text);
    return simdjson::SUCCESS;
}

// The value's text: a string unescaped, an object or array as written, a scalar's token; null none.
simdjson::error_code leaf(simdjson::ondemand::value v, std::vector<std::string>& out) {
    json_type t;
    if (auto e = v.type().get(t)) return e;
    std::string_view text;
    switch (t) {
        case json_type::null: return v.is_null().error();
        case json_type::string:
            if (auto e = v.get_string().get(text)) return e;
            break;
        case json_type::object:
            if (auto e = container_text(v.get_object(), text)) return e;
            break;
        case json_type::array:
            if (auto e = container_text(v.get_array(), text)) return e;
            break;
        default: text = trim(v.raw_json_token()); break;
    }
    out.emplace_back(text);
    return simdjson::SUCCESS;
}

simdjson::error_code walk(simdjson::ondemand::value v, const Steps& steps, size_t k, std::vector<std::string>& out);

// The step's index applied to `v` (the node its key led to).
simdjson::error_code index(simdjson::ondemand::value v, const Steps& steps, size_t k, std::vector<std::string>& out) {
    using I = SpathPath::Step::Index;
    const auto& s = steps[k];
    json_type t;
    if (auto e = v.type().get(t)) return e;
    switch (s.index) {
        case I::None: return walk(v, steps, k + 1, out);
        case I::All: {
            if (t != json_type::array) return walk(v, steps, k + 1, out);
            simdjson::ondemand::array a;
            if (auto e = v.get_array().get(a)) return e;
            for (auto el : a) {
                simdjson::ondemand::value x;
                if (auto e = el.get(x)) return e;
                if (auto e = walk(x, steps, k + 1, out)) return e;
            }
            return simdjson::SUCCESS;
        }
        case I::Nth: {
            if (t != json_type::array) return simdjson::SUCCESS;
            simdjson::ondemand::array a;
            if (auto e = v.get_array().get(a)) return e;
            size_t at = 0;
            for (auto el : a) {
                simdjson::ondemand::value x;
                if (auto e = el.get(x)) return e;
                if (++at == s.nth) return walk(x, steps, k + 1, out);
            }
            return simdjson::SUCCESS;
        }
        case I::Attr: return simdjson::SUCCESS;  // XML only
    }
    return simdjson::SUCCESS;
}

simdjson::error_code walk(simdjson::ondemand::value v, const Steps& steps, size_t k, std::vector<std::string>& out) {
    if (k == steps.size()) return leaf(v, out);
    const auto& s = steps[k];
    if (s.key.empty()) return index(v, steps, k, out);
    json_type t;
    if (auto e = v.type().get(t)) return e;
    if (t != json_type::object) return simdjson::SUCCESS;
    simdjson::ondemand::object o;
    if (auto e = v.get_object().get(o)) return e;
    for (auto field : o) {
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) return e;
        if (key != s.key) continue;
        simdjson::ondemand::value x;
        if (auto e = field.value().get(x)) return e;
        return index(x, steps, k, out);
    }
    return simdjson::SUCCESS;
}

void json_values(std::string_view doc, const SpathPath& path, std::vector<std::string>& out) {
    thread_local simdjson::ondemand::parser parser;
    simdjson::padded_string padded(doc);
    simdjson::ondemand::document d;
    if (parser.iterate(padded).get(d)) return;
    simdjson::ondemand::value root;
    if (d.get_value().get(root)) return;
    std::vector<std::string> found;
    // broken JSON gives nothing, not the values before the break
    if (walk(root, path.steps, 0, found)) return;
    for (auto& v : found) out.push_back(std::move(v));
}

}  // namespace

void spath_values(std::string_view doc, const SpathPath& path, std::vector<std::string>& out) {
    std::string_view d = trim(doc);
    if (d.empty()) return;
    if (d[0] == '{' || d[0] == '[') return json_values(d, path, out);
    if (d[0] == '<') {
        Event found;
        if (flatten_xml_paths(d, found))
            if (const Value* v = found.find(path.xml_name()))
                for (auto& s : v->mv_values()) out.push_back(std::move(s));
    }
}

}  // namespace minispl
