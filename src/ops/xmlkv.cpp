#include "minispl/ops/xmlkv.hpp"

#include "minispl/core/ascii.hpp"
#include "minispl/core/diagnostic.hpp"

#include <cctype>
#include <string_view>
#include <vector>

namespace minispl {

namespace {

std::string decode(std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '&') {
            size_t semi = s.find(';', i);
            if (semi != std::string_view::npos && semi - i <= 8) {
                std::string_view e = s.substr(i + 1, semi - i - 1);
                const char* r = e == "lt" ? "<" : e == "gt" ? ">" : e == "amp" ? "&" : e == "quot" ? "\"" : e == "apos" ? "'" : nullptr;
                if (r) {
                    out += r;
                    i = semi;
                    continue;
                }
            }
        }
        out += s[i];
    }
    return out;
}

bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == ':'; }

}  // namespace

XmlkvOperator::XmlkvOperator(const ast::FieldsCmd& cmd, const OpContext&) {
    for (const auto& o : cmd.options) {
        const std::string key = lower(o.key);
        if (key != "maxinputs")
            throw SplError("xmlkv", "unknown xmlkv option " + o.key + "= (expected maxinputs)", o.span.begin,
                           o.span.end > o.span.begin ? o.span.end - o.span.begin : 1);
    }
    if (cmd.fields.size() > 1) throw SplError("xmlkv", "xmlkv takes at most one field", cmd.fields[1].span.begin);
    if (!cmd.fields.empty()) field_ = cmd.fields[0].name;
}

void XmlkvOperator::push(Event event) {
    const Value* v = event.find(field_);
    if (!v) {
        emit(std::move(event));
        return;
    }
    std::vector<std::pair<std::string, std::vector<std::string>>> found;
    for (const std::string& text : v->mv_values()) {
        std::string_view s = text;
        for (size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
            size_t n = i + 1;
            while (n < s.size() && name_char(s[n])) ++n;
            if (n == i + 1 || n >= s.size()) continue;
            std::string_view name = s.substr(i + 1, n - i - 1);
            size_t gt = s.find('>', n);
            if (gt == std::string_view::npos) break;
            if (s[gt - 1] == '/') continue;  // <empty/>
            size_t lt = s.find('<', gt + 1);
            if (lt == std::string_view::npos) break;
            // innermost element: the next tag must close this one
            if (s.compare(lt, 2, "</") != 0 || s.substr(lt + 2, name.size()) != name ||
                lt + 2 + name.size() >= s.size() || s[lt + 2 + name.size()] != '>')
                continue;
            std::string value = decode(s.substr(gt + 1, lt - gt - 1));
            bool added = false;
            for (auto& [k, vals] : found)
                if (k == name) {
                    vals.push_back(value);
                    added = true;
                }
            if (!added) found.emplace_back(std::string(name), std::vector<std::string>{value});
            i = lt;
        }
    }
    for (auto& [k, vals] : found)
        event.set(k, vals.size() == 1 ? Value::string(std::move(vals[0])) : Value::multi(std::move(vals)));
    emit(std::move(event));
}

}  // namespace minispl
