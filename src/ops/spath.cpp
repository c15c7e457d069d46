// spath: path mode walks the document with io's spath path (the walker spath() uses too); auto
// mode reuses the io stage's flattening (the names KV_MODE=json gives) and its XML paths, so
// both agree on field names.
#include "minispl/ops/spath.hpp"
#include "minispl/ops/option_util.hpp"

#include "minispl/core/diagnostic.hpp"
#include "minispl/io/json_flatten.hpp"
#include "minispl/io/xml_fields.hpp"

#include <cctype>

namespace minispl {

namespace {

using opt::lower;

std::string_view trim_left(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    return s;
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
    if (!path_.empty()) {
        std::string error;
        auto parsed = SpathPath::parse(path_, error);
        if (!parsed)
            throw SplError("spath", error, path_span.begin, path_span.end > path_span.begin ? path_span.end - path_span.begin : 1);
        steps_ = std::move(*parsed);
    }
    if (output_.empty()) output_ = path_;
}

void SpathOperator::push(Event event) {
    const Value* in = event.find(input_);
    if (!in) {
        emit(std::move(event));
        return;
    }
    const std::vector<std::string> docs = in->mv_values();
    if (steps_.steps.empty()) {
        for (const auto& doc : docs) {
            std::string_view d = trim_left(doc);
            Event found;
            if (!d.empty() && d[0] == '[') flatten_json("{\"\":" + doc + "}", found);
            else if (!flatten_json(doc, found)) flatten_xml_paths(doc, found);
            for (auto& [name, value] : found.fields()) event.set(name, std::move(value));
        }
        emit(std::move(event));
        return;
    }
    std::vector<std::string> values;
    for (const auto& doc : docs) spath_values(doc, steps_, values);
    if (!values.empty())
        event.set(output_, values.size() == 1 ? Value::string(std::move(values[0])) : Value::multi(std::move(values)));
    emit(std::move(event));
}

}  // namespace minispl
