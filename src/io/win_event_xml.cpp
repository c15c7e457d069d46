// XmlWinEventLog field extraction (windows-cim-facts.md 1.2). Choices where the sheet leaves room,
// marked [?] there, each tested in tests/unit/io/win_event_xml_test.cpp:
//  - System attributes lose their quotes (the sheet's recommendation: the newer TA's behaviour).
//  - <Data Name="X"> with double quotes counts like Name='X'. Splunk's regex takes single quotes
//    only, which is what Splunk's forwarder writes; double quotes come from other renderers
//    (libevtx for .evtx files, wevtutil, PowerShell's ToXml()), where the forwarder would have
//    written single quotes for the same event.
//  - System and RenderingInfo elements are taken at any depth (the add-on's regexes run over the
//    block's text, not its children), attribute-less elements with text only.
//  - A value is the element's text as written (no entity decoding, line ends kept); a CDATA
//    section counts by its content; a <Data> holding child elements gives its text pieces joined.
//  - A whitespace-only <Data> value is kept (the regex captures it); an empty one gives nothing.
//  - An element of <Event> other than System/EventData/UserData/RenderingInfo/DebugData is
//    ignored (no regex of the add-on looks at it); a root element other than <Event> is a bad record.
#include "minispl/io/win_event_xml.hpp"

#include <pugixml.hpp>
#include <simdjson.h>

#include <cstring>
#include <vector>

namespace minispl {

struct WinEventXmlFlattener::Impl {
    pugi::xml_document doc;
    std::vector<char> scratch;
};

WinEventXmlFlattener::WinEventXmlFlattener() : impl_(std::make_unique<Impl>()) {}
WinEventXmlFlattener::~WinEventXmlFlattener() = default;

namespace {

// Parse options: no entity decoding (values stay as written, as the add-on's regexes leave them),
// no line-end normalisation, CDATA kept, whitespace-only text kept when it is an element's only child.
constexpr unsigned kParse = pugi::parse_minimal | pugi::parse_cdata | pugi::parse_ws_pcdata_single;

class Emitter {
public:
    Emitter(Event& ev, const FieldProjection* projection) : ev_(ev), projection_(projection) {}

    bool wants(std::string_view name) const { return !projection_ || projection_->wants(name); }
    //! Adds a value to `name` (a second value makes a multivalue), when the projection wants it.
    void add(std::string_view name, std::string_view value) {
        if (!wants(name)) return;
        if (Value* v = ev_.find(name)) {
            std::vector<std::string> values = v->mv_values();
            values.emplace_back(value);
            *v = Value::multi(std::move(values));
            return;
        }
        ev_.fields().emplace_back(std::string(name), Value::string(std::string(value)));
    }

private:
    Event& ev_;
    const FieldProjection* projection_;
};

// The text of an element as written: its text children joined; nullopt when it has child elements
// (not a <Tag>text</Tag>) or no text.
bool element_text(pugi::xml_node e, std::string& out, bool allow_children) {
    out.clear();
    bool any = false;
    for (pugi::xml_node c = e.first_child(); c; c = c.next_sibling()) {
        if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
            out += c.value();
            any = true;
        } else if (c.type() == pugi::node_element && !allow_children) {
            return false;
        }
    }
    return any && !out.empty();
}

// System (step 2) and RenderingInfo (step 4): attribute-less elements with text, at any depth;
// System attributes too.
void tags(pugi::xml_node block, Emitter& out, bool attributes, std::string& text) {
    for (pugi::xml_node e = block.first_child(); e; e = e.next_sibling()) {
        if (e.type() != pugi::node_element) continue;
        if (e.first_attribute()) {
            if (attributes)
                for (pugi::xml_attribute a = e.first_attribute(); a; a = a.next_attribute()) out.add(a.name(), a.value());
        } else if (element_text(e, text, false)) {
            out.add(e.name(), text);
        }
        tags(e, out, attributes, text);
    }
}

// The inner text of every <name>...</name> block in `raw` (step 1), found as the add-on's regex
// finds it: the first closing tag after the opening one.
void blocks(std::string_view raw, std::string_view name, std::string_view field, Emitter& out) {
    if (!out.wants(field)) return;
    const std::string open = "<" + std::string(name), close = "</" + std::string(name) + ">";
    for (size_t at = raw.find(open); at != std::string_view::npos; at = raw.find(open, at + 1)) {
        const size_t after = at + open.size();
        if (after >= raw.size() || (raw[after] != '>' && raw[after] != ' ' && raw[after] != '\t' && raw[after] != '\r' &&
                                    raw[after] != '\n'))
            continue;
        const size_t gt = raw.find('>', after);
        if (gt == std::string_view::npos || raw[gt - 1] == '/') continue;
        const size_t end = raw.find(close, gt + 1);
        if (end == std::string_view::npos) return;
        out.add(field, raw.substr(gt + 1, end - gt - 1));
        at = end;
    }
}

}  // namespace

bool WinEventXmlFlattener::flatten(std::string_view text, Event& event, const FieldProjection* projection,
                                   std::string& why) {
    impl_->scratch.assign(text.begin(), text.end());
    impl_->scratch.push_back('\0');
    // _raw and the blocks come from the untouched text, before the in-place parse
    return flatten_in_place(impl_->scratch.data(), text.size(), event, projection, why);
}

bool WinEventXmlFlattener::flatten_in_place(char* text, size_t size, Event& event, const FieldProjection* projection,
                                            std::string& why) {
    const std::string_view raw(text, size);
    if (!simdjson::validate_utf8(text, size)) {
        why = "invalid UTF-8 in XML event";
        return false;
    }
    Emitter out(event, projection);
    if (out.wants("_raw")) event.fields().emplace_back("_raw", Value::string(std::string(raw)));
    blocks(raw, "System", "System_Props_Xml", out);
    blocks(raw, "EventData", "EventData_Xml", out);
    blocks(raw, "UserData", "UserData_Xml", out);
    blocks(raw, "DebugData", "DebugData_Xml", out);
    blocks(raw, "RenderingInfo", "RenderingInfo_Xml", out);

    pugi::xml_parse_result r = impl_->doc.load_buffer_inplace(text, size, kParse, pugi::encoding_utf8);
    if (!r) {
        why = std::string("malformed XML event (") + r.description() + " at byte " + std::to_string(r.offset + 1) + ")";
        return false;
    }
    pugi::xml_node root = impl_->doc.document_element();
    if (!root || std::strcmp(root.name(), "Event") != 0) {
        why = std::string("not an XML <Event> (root element <") + (root ? root.name() : "") + ">)";
        return false;
    }
    std::string value;
    if (pugi::xml_node sys = root.child("System")) {
        tags(sys, out, true, value);
        if (pugi::xml_node id = sys.child("EventID"); id && element_text(id, value, false)) out.add("EventCode", value);
        if (pugi::xml_node rec = sys.child("EventRecordID"); rec && element_text(rec, value, false))
            out.add("RecordNumber", value);
        if (out.wants("source"))
            if (pugi::xml_node ch = sys.child("Channel"); ch && element_text(ch, value, false))
                out.add("source", "XmlWinEventLog:" + value);
        if (out.wants("host"))
            if (pugi::xml_node c = sys.child("Computer"); c && element_text(c, value, false)) out.add("host", value);
    }
    for (pugi::xml_node data = root.child("EventData"); data; data = data.next_sibling("EventData"))
        for (pugi::xml_node d = data.child("Data"); d; d = d.next_sibling("Data")) {
            pugi::xml_attribute name = d.attribute("Name");
            if (!name || !*name.value()) continue;
            if (element_text(d, value, true)) out.add(name.value(), value);
        }
    if (pugi::xml_node ri = root.child("RenderingInfo")) tags(ri, out, false, value);
    return true;
}

}  // namespace minispl
