#pragma once
// Splunk's search-time extraction of an XmlWinEventLog event (the Windows add-on's generic
// [XmlWinEventLog] REPORTs), on a real XML parser (pugixml).
#include "minispl/core/event.hpp"
#include "minispl/io/field_projection.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace minispl {

//! Flattens one `<Event xmlns=...>...</Event>` into the fields Splunk's Windows add-on extracts
//! (reference/windows-cim-facts.md 1.2 steps 1-4): `_raw`; every attribute-less System element
//! with text (EventID only without Qualifiers=) and every System attribute, quotes stripped; each
//! `<Data Name='X'>v</Data>` as X=v (multivalue when repeated, nothing for an empty element,
//! unnamed ones skipped, entities left as written); each RenderingInfo `<Tag>text</Tag>` (adding
//! a value to a same-named field); EventCode (the first <EventID> text, with or without
//! Qualifiers), RecordNumber (= EventRecordID), `source` = XmlWinEventLog:<Channel>, `host` =
//! Computer; and the blocks System_Props_Xml, EventData_Xml (multivalue), UserData_Xml,
//! DebugData_Xml, RenderingInfo_Xml only when the projection names them or there is none.
//! Does not: decode entities, apply aliases/evals/lookups (sourcetype definitions do), set _time.
//! One instance per thread (it keeps the parser's memory between events).
class WinEventXmlFlattener {
public:
    WinEventXmlFlattener();
    ~WinEventXmlFlattener();

    //! Flattens `text` (left unchanged: it is copied before parsing). False with `why` when it is
    //! not a well-formed <Event> element in valid UTF-8.
    bool flatten(std::string_view text, Event& event, const FieldProjection* projection, std::string& why);
    //! The same over writable memory, parsed in place: `text` is overwritten.
    bool flatten_in_place(char* text, size_t size, Event& event, const FieldProjection* projection, std::string& why);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace minispl
