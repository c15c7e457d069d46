// Splunk's search-time JSON extraction (KV_MODE=json / spath without a path), on simdjson On-Demand.
//
// Names: nested object keys joined with '.', each array level adds "{}" (`a{}` for scalars,
// `a{}.b` through objects, `a{}{}` for nested arrays). Values of one name collect into a
// multivalue in document order. true/false become "true"/"false", numbers keep their source text.
// JSON null produces no value (decision: the field stays absent, so SPL's isnull/coalesce see it
// as missing — what the CloudTrail add-on's coalesce()-based calculated fields rely on).
// Empty objects and arrays produce nothing.
//
// With a FieldProjection, a key is read only when its path is a wanted name or leads to one; its
// value is otherwise left unconsumed and On-Demand skips it by counting brackets, so an unwanted
// subtree costs a scan of its structural characters and no string or number parsing. Names kept
// come out exactly as the full walk makes them (order, multivalues, merged repeats): the walk is
// the same, it only adds fewer values.
#include "minispl/io/json_flatten.hpp"

#include "json_flatten_internal.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace minispl {
namespace {

namespace od = simdjson::ondemand;

// Collects fields straight into the event; values under an array gather in `pending` (a name can
// repeat there) and are appended when the outermost array ends, which keeps first-seen order.
struct Flat {
    std::vector<Event::Field>& fields;
    std::vector<std::pair<std::string, std::vector<std::string>>> pending;
    int array_depth = 0;
    const FieldProjection* projection = nullptr;  // nullptr: every field

    bool wants(std::string_view path) const { return !projection || projection->wants(path); }
    bool descends(std::string_view path) const { return !projection || projection->descends(path); }

    void add(const std::string& path, std::string_view value) {
        if (array_depth == 0) {
            fields.emplace_back(path, Value::string(std::string(value)));
            return;
        }
        for (auto& p : pending)
            if (p.first == path) {
                p.second.emplace_back(value);
                return;
            }
        pending.emplace_back(path, std::vector<std::string>{std::string(value)});
    }
    void flush_pending() {
        for (auto& [name, values] : pending)
            fields.emplace_back(std::move(name),
                                values.size() == 1 ? Value::string(std::move(values[0])) : Value::multi(std::move(values)));
        pending.clear();
    }
};

// `want`: the path is a wanted name (its scalar values are kept). Whether an object or array
// is entered is asked only when the value is one. Each key costs one lookup (two when unwanted).
simdjson::error_code walk(od::value v, std::string& path, Flat& out, bool want);

// A key as it stands in the text, when it holds no backslash (else a null view: unescape it).
// The text is padded, and stage 1 found the closing quote, so the scan ends inside the buffer.
std::string_view raw_key(od::field& field) {
    const char* start = field.key().raw();
    const char* p = start;
    while (*p != '"') {
        if (*p == '\\') return {};
        ++p;
    }
    return std::string_view(start, static_cast<size_t>(p - start));
}

simdjson::error_code walk_object(od::object obj, std::string& path, Flat& out) {
    const size_t base = path.size();
    for (auto field_result : obj) {
        od::field field;
        if (auto e = std::move(field_result).get(field)) return e;
        // The key as it stands in the text; unescaped only when it holds an escape (rare), which
        // saves copying every key of every event.
        std::string_view key = raw_key(field);
        if (key.data() == nullptr)
            if (auto e = field.unescaped_key().get(key)) return e;
        if (base) {
            path += '.';
            path.append(key);
        }
        const std::string_view full = base ? std::string_view(path) : key;  // top level: no copy yet
        const bool want = out.wants(full);
        if (!want && !out.descends(full)) {
            path.resize(base);
            continue;  // the value stays unread: the iterator skips it
        }
        if (!base) path.assign(key);
        auto e = walk(field.value(), path, out, want);
        path.resize(base);
        if (e) return e;
    }
    return simdjson::SUCCESS;
}

simdjson::error_code walk_array(od::array arr, std::string& path, Flat& out) {
    const size_t base = path.size();
    path += "{}";
    const bool want = out.wants(path);
    if (!want && !out.descends(path)) {
        path.resize(base);
        return simdjson::SUCCESS;  // nothing under this array is wanted: skipped unread
    }
    ++out.array_depth;
    simdjson::error_code err = simdjson::SUCCESS;
    for (auto elem : arr) {
        od::value v;
        if ((err = std::move(elem).get(v))) break;
        if ((err = walk(v, path, out, want))) break;
    }
    path.resize(base);
    if (--out.array_depth == 0) out.flush_pending();
    return err;
}

simdjson::error_code walk(od::value v, std::string& path, Flat& out, bool want) {
    od::json_type type;
    if (auto e = v.type().get(type)) return e;
    switch (type) {
        case od::json_type::object: {
            if (!out.descends(path)) return simdjson::SUCCESS;
            od::object obj;
            if (auto e = v.get_object().get(obj)) return e;
            return walk_object(obj, path, out);
        }
        case od::json_type::array: {
            if (!out.descends(path)) return simdjson::SUCCESS;
            od::array arr;
            if (auto e = v.get_array().get(arr)) return e;
            return walk_array(arr, path, out);
        }
        case od::json_type::string: {
            if (!want) return simdjson::SUCCESS;
            std::string_view s;
            if (auto e = v.get_string().get(s)) return e;
            out.add(path, s);
            return simdjson::SUCCESS;
        }
        case od::json_type::number: {
            if (!want) return simdjson::SUCCESS;
            std::string_view tok = v.raw_json_token();
            while (!tok.empty() && (tok.back() == ' ' || tok.back() == '\t' || tok.back() == '\n' || tok.back() == '\r'))
                tok.remove_suffix(1);
            out.add(path, tok);
            return simdjson::SUCCESS;
        }
        case od::json_type::boolean: {
            if (!want) return simdjson::SUCCESS;
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

// A key repeated in one object (or a name that also comes out of an array) must not give two
// fields of one name: later values join the first field's multivalue. Checked by hashing the
// names, so events without repeats (nearly all) pay a few hundred nanoseconds.
void merge_duplicate_names(std::vector<Event::Field>& fields, size_t from) {
    const size_t n = fields.size() - from;
    if (n < 2) return;
    bool dup = false;
    if (n <= 16) {
        // A projected event has a few fields: compare pairs, cheapest test first.
        for (size_t i = from; i < fields.size() && !dup; ++i)
            for (size_t j = i + 1; j < fields.size() && !dup; ++j) {
                const std::string& a = fields[i].first;
                const std::string& b = fields[j].first;
                dup = a.size() == b.size() && (a.empty() || a.back() == b.back()) && a == b;
            }
    } else {
        thread_local std::vector<std::pair<size_t, size_t>> hashes;  // (hash, index)
        hashes.clear();
        for (size_t i = from; i < fields.size(); ++i) hashes.emplace_back(std::hash<std::string>{}(fields[i].first), i);
        std::sort(hashes.begin(), hashes.end());
        for (size_t i = 1; i < hashes.size() && !dup; ++i)
            dup = hashes[i].first == hashes[i - 1].first &&
                  fields[hashes[i].second].first == fields[hashes[i - 1].second].first;
    }
    if (!dup) return;
    std::vector<Event::Field> merged;
    for (size_t i = from; i < fields.size(); ++i) {
        auto& [name, v] = fields[i];
        // (clang 14 cannot capture a structured binding: compare through a plain reference)
        const std::string& key = name;
        auto it = std::find_if(merged.begin(), merged.end(), [&](const Event::Field& m) { return m.first == key; });
        if (it == merged.end()) {
            merged.emplace_back(std::move(name), std::move(v));
        } else {
            std::vector<std::string> all = it->second.mv_values();
            for (auto& x : v.mv_values()) all.push_back(std::move(x));
            it->second = Value::multi(std::move(all));
        }
    }
    fields.resize(from);
    for (auto& m : merged) fields.push_back(std::move(m));
}

}  // namespace

namespace detail {

bool flatten_padded(od::parser& parser, std::string_view json, Event& event, bool append,
                    const FieldProjection* projection) {
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
    auto& fields = event.fields();
    const size_t before = fields.size();
    // Appending is safe for a new event; otherwise collect aside and merge with set().
    thread_local std::vector<Event::Field> scratch;
    std::vector<Event::Field>& target = append ? fields : scratch;
    if (!append) scratch.clear();
    Flat flat{target, {}, 0, projection};
    thread_local std::string path;
    path.clear();
    auto fail = [&] {
        target.resize(append ? before : 0);
        return false;
    };
    if (walk_object(obj, path, flat)) return fail();
    const char* trailing = nullptr;
    if (!doc.current_location().get(trailing)) return fail();  // text after the object
    merge_duplicate_names(target, append ? before : 0);
    if (!append) {
        for (auto& [name, v] : scratch) event.set(name, std::move(v));
        scratch.clear();
    }
    return true;
}

}  // namespace detail

bool flatten_json(std::string_view json, Event& event, const FieldProjection* projection) {
    thread_local od::parser parser;
    thread_local std::string buffer;
    // simdjson wants SIMDJSON_PADDING readable bytes after the text: copy into a reused buffer.
    buffer.assign(json);
    buffer.append(simdjson::SIMDJSON_PADDING, ' ');
    return detail::flatten_padded(parser, std::string_view(buffer.data(), json.size()), event, event.size() == 0, projection);
}

}  // namespace minispl
