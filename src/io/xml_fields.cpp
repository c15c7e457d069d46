// spath's and xmlkv's XML extraction on pugixml.
#include "minispl/io/xml_fields.hpp"

#include <pugixml.hpp>

namespace minispl {
namespace {

// Entities decoded (pugixml's decoder), CDATA kept, a fragment of several elements allowed, and a
// whitespace-only text kept when it is an element's only content.
constexpr unsigned kParse = pugi::parse_default | pugi::parse_fragment | pugi::parse_ws_pcdata_single;

std::string_view trim(std::string_view s) {
    size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
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

// An element's own text: its text and CDATA children joined (child elements' text not included).
std::string own_text(pugi::xml_node e) {
    std::string t;
    for (pugi::xml_node c = e.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) t += c.value();
    return t;
}

void paths(pugi::xml_node e, const std::string& prefix, Event& out) {
    for (pugi::xml_node c = e.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        const std::string path = prefix.empty() ? c.name() : prefix + "." + c.name();
        for (pugi::xml_attribute a = c.first_attribute(); a; a = a.next_attribute())
            add_value(out, path + "{@" + a.name() + "}", a.value());
        paths(c, path, out);
        std::string_view text = trim(own_text(c));
        if (!text.empty()) add_value(out, path, std::string(text));
    }
}

void leaves(pugi::xml_node e, std::vector<std::pair<std::string, std::string>>& out) {
    for (pugi::xml_node c = e.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        if (c.find_child([](pugi::xml_node n) { return n.type() == pugi::node_element; })) {
            leaves(c, out);
            continue;
        }
        if (c.first_child()) out.emplace_back(c.name(), own_text(c));
    }
}

}  // namespace

bool flatten_xml_paths(std::string_view xml, Event& out) {
    xml = trim(xml);
    if (xml.empty() || xml[0] != '<') return false;
    pugi::xml_document doc;
    doc.load_buffer(xml.data(), xml.size(), kParse, pugi::encoding_utf8);
    paths(doc, "", out);
    return true;
}

std::vector<std::pair<std::string, std::string>> xml_leaf_elements(std::string_view xml) {
    std::vector<std::pair<std::string, std::string>> out;
    // text before the first tag (xmlkv runs over any field) is no element
    size_t lt = xml.find('<');
    if (lt == std::string_view::npos) return out;
    pugi::xml_document doc;
    doc.load_buffer(xml.data() + lt, xml.size() - lt, kParse, pugi::encoding_utf8);
    leaves(doc, out);
    return out;
}

}  // namespace minispl
