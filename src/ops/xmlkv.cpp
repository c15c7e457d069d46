#include "minispl/ops/xmlkv.hpp"

#include "minispl/core/ascii.hpp"
#include "minispl/core/diagnostic.hpp"
#include "minispl/io/xml_fields.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

namespace minispl {

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
    for (const std::string& text : v->mv_values())
        for (auto& leaf : xml_leaf_elements(text)) {
            auto at = std::find_if(found.begin(), found.end(), [&](const auto& kv) { return kv.first == leaf.first; });
            if (at == found.end()) found.emplace_back(std::move(leaf.first), std::vector<std::string>{std::move(leaf.second)});
            else at->second.push_back(std::move(leaf.second));
        }
    for (auto& [k, vals] : found)
        event.set(k, vals.size() == 1 ? Value::string(std::move(vals[0])) : Value::multi(std::move(vals)));
    emit(std::move(event));
}

}  // namespace minispl
