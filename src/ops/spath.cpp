// spath: path mode navigates the JSON with nlohmann::json; auto mode reuses the io stage's
// flattening (the names KV_MODE=json gives), so both agree on field names.
#include "minispl/ops/spath.hpp"
#include "minispl/ops/option_util.hpp"

#include "minispl/core/diagnostic.hpp"
#include "minispl/io/json_flatten.hpp"

#include <nlohmann/json.hpp>

#include <cctype>

namespace minispl {

namespace {

using json = nlohmann::json;

using opt::lower;

std::string_view trim_left(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    return s;
}

// Splits `a.b{}.c{2}.d{@x}` into steps. A key may carry several indexes (`a{}{}`): each
// further index becomes a keyless step.
std::vector<SpathOperator::Step> parse_path(const std::string& path, const ast::Span& span) {
    auto fail = [&](const std::string& m) {
        throw SplError("spath", m, span.begin, span.end > span.begin ? span.end - span.begin : 1);
    };
    std::vector<SpathOperator::Step> steps;
    size_t i = 0;
    while (i < path.size()) {
        SpathOperator::Step s;
        while (i < path.size() && path[i] != '.' && path[i] != '{') s.key += path[i++];
        bool first = true;
        while (i < path.size() && path[i] == '{') {
            size_t close = path.find('}', i);
            if (close == std::string::npos) fail("unclosed { in spath path " + path);
            std::string idx = path.substr(i + 1, close - i - 1);
            SpathOperator::Step t;
            if (first) t.key = s.key;
            if (idx.empty()) {
                t.index = SpathOperator::Step::Index::All;
            } else if (idx[0] == '@') {
                t.index = SpathOperator::Step::Index::Attr;
                t.attr = idx.substr(1);
            } else {
                auto n = parse_number(idx);
                if (!n || *n < 1 || *n != static_cast<int64_t>(*n)) fail("spath path index {" + idx + "} is not a position >= 1");
                t.index = SpathOperator::Step::Index::Nth;
                t.nth = static_cast<size_t>(*n);
            }
            steps.push_back(std::move(t));
            first = false;
            i = close + 1;
        }
        if (first) steps.push_back(std::move(s));
        if (i < path.size() && path[i] == '.') ++i;
    }
    return steps;
}

void to_text(const json& j, std::vector<std::string>& out) {
    if (j.is_null()) return;
    if (j.is_string()) out.push_back(j.get<std::string>());
    else out.push_back(j.dump());
}

void walk(const json& node, const std::vector<SpathOperator::Step>& steps, size_t k, std::vector<std::string>& out) {
    if (k == steps.size()) {
        to_text(node, out);
        return;
    }
    const auto& s = steps[k];
    const json* cur = &node;
    if (!s.key.empty()) {
        if (!cur->is_object()) return;
        auto it = cur->find(s.key);
        if (it == cur->end()) return;
        cur = &*it;
    }
    using I = SpathOperator::Step::Index;
    switch (s.index) {
        case I::None: walk(*cur, steps, k + 1, out); break;
        case I::All:
            // `{}` on a node that is not an array stands for the node itself: security_content
            // writes requestParameters{}.bucketName for CloudTrail's object-valued fields.
            if (!cur->is_array()) walk(*cur, steps, k + 1, out);
            else for (const auto& e : *cur) walk(e, steps, k + 1, out);
            break;
        case I::Nth:
            if (cur->is_array() && s.nth <= cur->size()) walk((*cur)[s.nth - 1], steps, k + 1, out);
            break;
        case I::Attr: break;  // XML only
    }
}

// --- XML: a small reader for spath's XML mode (elements, attributes, text; no DTDs) ---------

std::string xml_unescape(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '&') {
            size_t semi = s.find(';', i);
            if (semi != std::string_view::npos && semi - i <= 8) {
                std::string_view ent = s.substr(i + 1, semi - i - 1);
                const char* rep = ent == "lt" ? "<" : ent == "gt" ? ">" : ent == "amp" ? "&" : ent == "quot" ? "\"" : ent == "apos" ? "'" : nullptr;
                if (rep) {
                    out += rep;
                    i = semi;
                    continue;
                }
            }
        }
        out += s[i];
    }
    return out;
}

void add_value(Event& e, const std::string& name, std::string value) {
    Value* v = e.find(name);
    if (!v) {
        e.set(name, Value::string(std::move(value)));
        return;
    }
    auto values = v->mv_values();
    values.push_back(std::move(value));
    *v = Value::multi(std::move(values));
}

// Flattens XML into `out`: `a.b` for element text, `a.b{@x}` for attributes. False if not XML.
bool flatten_xml(std::string_view xml, Event& out) {
    xml = trim_left(xml);
    if (xml.empty() || xml[0] != '<') return false;
    std::vector<std::string> stack;
    std::vector<std::string> text;
    size_t i = 0;
    auto path = [&]() {
        std::string p;
        for (const auto& s : stack) p += (p.empty() ? "" : ".") + s;
        return p;
    };
    while (i < xml.size()) {
        if (xml[i] != '<') {
            size_t lt = xml.find('<', i);
            if (lt == std::string_view::npos) lt = xml.size();
            if (!text.empty()) text.back() += xml_unescape(xml.substr(i, lt - i));
            i = lt;
            continue;
        }
        if (xml.compare(i, 4, "<!--") == 0) {
            size_t end = xml.find("-->", i);
            i = end == std::string_view::npos ? xml.size() : end + 3;
            continue;
        }
        if (xml.compare(i, 9, "<![CDATA[") == 0) {
            size_t end = xml.find("]]>", i);
            if (end == std::string_view::npos) return false;
            if (!text.empty()) text.back() += std::string(xml.substr(i + 9, end - i - 9));
            i = end + 3;
            continue;
        }
        size_t gt = xml.find('>', i);
        if (gt == std::string_view::npos) return false;
        std::string_view tag = xml.substr(i + 1, gt - i - 1);
        i = gt + 1;
        if (tag.empty() || tag[0] == '?' || tag[0] == '!') continue;
        if (tag[0] == '/') {
            if (stack.empty()) return false;
            std::string t = text.back();
            size_t b = t.find_first_not_of(" \t\r\n"), e = t.find_last_not_of(" \t\r\n");
            if (b != std::string::npos) add_value(out, path(), t.substr(b, e - b + 1));
            stack.pop_back();
            text.pop_back();
            continue;
        }
        bool self_close = tag.back() == '/';
        if (self_close) tag.remove_suffix(1);
        size_t n = 0;
        while (n < tag.size() && !std::isspace(static_cast<unsigned char>(tag[n]))) ++n;
        stack.emplace_back(tag.substr(0, n));
        text.emplace_back();
        // attributes: name="v" or name='v'
        std::string_view attrs = tag.substr(n);
        for (size_t a = 0; a < attrs.size();) {
            while (a < attrs.size() && std::isspace(static_cast<unsigned char>(attrs[a]))) ++a;
            size_t eq = attrs.find('=', a);
            if (eq == std::string_view::npos) break;
            std::string name(attrs.substr(a, eq - a));
            while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.pop_back();
            size_t q = eq + 1;
            while (q < attrs.size() && std::isspace(static_cast<unsigned char>(attrs[q]))) ++q;
            if (q >= attrs.size() || (attrs[q] != '"' && attrs[q] != '\'')) break;
            size_t close = attrs.find(attrs[q], q + 1);
            if (close == std::string_view::npos) break;
            add_value(out, path() + "{@" + name + "}", xml_unescape(attrs.substr(q + 1, close - q - 1)));
            a = close + 1;
        }
        if (self_close) {
            stack.pop_back();
            text.pop_back();
        }
    }
    return true;
}

std::string path_without_positions(const std::vector<SpathOperator::Step>& steps) {
    std::string p;
    for (const auto& s : steps) {
        if (!s.key.empty()) p += (p.empty() ? "" : ".") + s.key;
        if (s.index == SpathOperator::Step::Index::Attr) p += "{@" + s.attr + "}";
    }
    return p;
}

}  // namespace

SpathOperator::SpathOperator(const ast::GenericCmd& cmd, const OpContext&) {
    ast::Span path_span{};
    for (const auto& a : cmd.args) {
        auto fail = [&](const std::string& m) {
            throw SplError("spath", m, a.span.begin, a.span.end > a.span.begin ? a.span.end - a.span.begin : 1);
        };
        if (a.kind == ast::GenericCmd::Arg::Kind::Option) {
            std::string key = lower(a.text);
            if (key == "input") input_ = a.value;
            else if (key == "output") output_ = a.value;
            else if (key == "path") { path_ = a.value; path_span = a.span; }
            else fail("unknown spath option " + a.text + "= (expected input, output, path)");
        } else if ((a.kind == ast::GenericCmd::Arg::Kind::Word || a.kind == ast::GenericCmd::Arg::Kind::Quoted) && path_.empty()) {
            path_ = a.text;
            path_span = a.span;
        } else {
            fail("spath takes one path");
        }
    }
    if (!path_.empty()) steps_ = parse_path(path_, path_span);
    if (output_.empty()) output_ = path_;
}

void SpathOperator::push(Event event) {
    const Value* in = event.find(input_);
    if (!in) {
        emit(std::move(event));
        return;
    }
    const std::vector<std::string> docs = in->mv_values();
    if (steps_.empty()) {
        for (const auto& doc : docs) {
            std::string_view d = trim_left(doc);
            Event found;
            if (!d.empty() && d[0] == '[') flatten_json("{\"\":" + doc + "}", found);
            else if (!flatten_json(doc, found)) flatten_xml(doc, found);
            for (auto& [name, value] : found.fields()) event.set(name, std::move(value));
        }
        emit(std::move(event));
        return;
    }
    std::vector<std::string> values;
    for (const auto& doc : docs) {
        std::string_view d = trim_left(doc);
        if (!d.empty() && (d[0] == '{' || d[0] == '[')) {
            json j = json::parse(doc, nullptr, false);
            if (!j.is_discarded()) {
                walk(j, steps_, 0, values);
                continue;
            }
        }
        if (!d.empty() && d[0] == '<') {
            Event found;
            if (flatten_xml(doc, found))
                if (const Value* v = found.find(path_without_positions(steps_)))
                    for (auto& s : v->mv_values()) values.push_back(std::move(s));
        }
    }
    if (!values.empty())
        event.set(output_, values.size() == 1 ? Value::string(std::move(values[0])) : Value::multi(std::move(values)));
    emit(std::move(event));
}

}  // namespace minispl
