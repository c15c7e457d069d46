// XmlWinEventLog field extraction: one test per fact of reference/windows-cim-facts.md 1.1-1.2
// that the reader implements, and each choice made where the sheet marks [?].
#include "minispl/io/field_projection.hpp"
#include "minispl/io/win_event_xml.hpp"

#include <doctest/doctest.h>

using namespace minispl;

namespace {
using Strings = std::vector<std::string>;

// A Security 4688 event written the way Splunk's forwarder renders it (single quotes, one line).
const std::string kEvent =
    "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
    "<Provider Name='Microsoft-Windows-Security-Auditing' Guid='{54849625-5478-4994-a5ba-3e3b0328c30d}' EventSourceName='Security'/>"
    "<EventID>4688</EventID><Version>2</Version><Level>0</Level><Task>13312</Task><Opcode>0</Opcode>"
    "<Keywords>0x8020000000000000</Keywords><TimeCreated SystemTime='2023-04-01T10:20:30.1234567Z'/>"
    "<EventRecordID>98765</EventRecordID><Correlation ActivityID='{aaaa}' RelativeActivityID='{bbbb}'/>"
    "<Execution ProcessID='4' ThreadID='88'/><Channel>Security</Channel><Computer>ws1.corp.local</Computer>"
    "<Security UserID='S-1-5-18'/></System><EventData>"
    "<Data Name='SubjectUserName'>alice</Data><Data Name='NewProcessName'>C:\\Windows\\cmd.exe</Data>"
    "<Data Name='CommandLine'>cmd /c echo a &amp; b &lt;x&gt;</Data><Data Name='TargetUserName'/>"
    "<Data Name='Extra'>one</Data><Data Name='Extra'>two</Data><Data>unnamed</Data><Data Name='Blank'> </Data>"
    "</EventData><RenderingInfo Culture='en-US'><Message>A new process has been created.</Message>"
    "<Level>Information</Level><Task>Process Creation</Task><Keywords><Keyword>Audit Success</Keyword></Keywords>"
    "</RenderingInfo></Event>";

Strings names_of(const Event& e) {
    Strings out;
    for (const auto& [name, v] : e.fields()) out.push_back(name);
    return out;
}

Event flat(const std::string& xml, const FieldProjection* projection = nullptr) {
    WinEventXmlFlattener f;
    Event e;
    std::string why;
    REQUIRE_MESSAGE(f.flatten(xml, e, projection, why), why);
    return e;
}
}  // namespace

TEST_CASE("xmlwineventlog 1.2: _raw is the event text, first") {
    Event e = flat(kEvent);
    REQUIRE(!e.fields().empty());
    CHECK(e.fields()[0].first == "_raw");
    CHECK(e.get("_raw").str() == kEvent);
}

TEST_CASE("xmlwineventlog 1.2 step 2: each attribute-less System element with text is a field") {
    Event e = flat(kEvent);
    CHECK(e.get("EventID").str() == "4688");
    CHECK(e.get("Version").str() == "2");
    CHECK(e.get("Task").mv_values() == Strings{"13312", "Process Creation"});  // + RenderingInfo's
    CHECK(e.get("Opcode").str() == "0");
    CHECK(e.get("Keywords").str() == "0x8020000000000000");
    CHECK(e.get("EventRecordID").str() == "98765");
    CHECK(e.get("Channel").str() == "Security");
    CHECK(e.get("Computer").str() == "ws1.corp.local");
    CHECK_FALSE(e.has("Correlation"));  // no text
}

TEST_CASE("xmlwineventlog 1.2 step 2: EventID with Qualifiers= is no EventID field; Qualifiers is") {
    std::string x = kEvent;
    x.replace(x.find("<EventID>4688</EventID>"), 23, "<EventID Qualifiers='16384'>7036</EventID>");
    Event e = flat(x);
    CHECK_FALSE(e.has("EventID"));
    CHECK(e.get("Qualifiers").str() == "16384");
}

TEST_CASE("xmlwineventlog 1.2 step 2 [?]: every System attribute is a field, quotes stripped") {
    Event e = flat(kEvent);
    CHECK(e.get("Name").str() == "Microsoft-Windows-Security-Auditing");
    CHECK(e.get("Guid").str() == "{54849625-5478-4994-a5ba-3e3b0328c30d}");
    CHECK(e.get("EventSourceName").str() == "Security");
    CHECK(e.get("SystemTime").str() == "2023-04-01T10:20:30.1234567Z");
    CHECK(e.get("ActivityID").str() == "{aaaa}");
    CHECK(e.get("RelativeActivityID").str() == "{bbbb}");
    CHECK(e.get("ProcessID").str() == "4");
    CHECK(e.get("ThreadID").str() == "88");
    CHECK(e.get("UserID").str() == "S-1-5-18");
}

TEST_CASE("xmlwineventlog 1.2 step 3: <Data Name='X'>v</Data> is X=v") {
    Event e = flat(kEvent);
    CHECK(e.get("SubjectUserName").str() == "alice");
    CHECK(e.get("NewProcessName").str() == "C:\\Windows\\cmd.exe");
}

TEST_CASE("xmlwineventlog 1.2 step 3: a repeated Data name is a multivalue in document order") {
    CHECK(flat(kEvent).get("Extra").mv_values() == Strings{"one", "two"});
}

TEST_CASE("xmlwineventlog 1.2 step 3: an empty <Data Name='X'/> gives nothing; an unnamed one is skipped") {
    Event e = flat(kEvent);
    CHECK_FALSE(e.has("TargetUserName"));
    for (const auto& [name, v] : e.fields()) CHECK(v.mv_values() != Strings{"unnamed"});
}

TEST_CASE("xmlwineventlog 1.2 step 3: entities are not decoded") {
    CHECK(flat(kEvent).get("CommandLine").str() == "cmd /c echo a &amp; b &lt;x&gt;");
}

TEST_CASE("xmlwineventlog 1.2 step 3 [?]: a whitespace-only value is kept as written") {
    CHECK(flat(kEvent).get("Blank").str() == " ");
}

TEST_CASE("xmlwineventlog 1.2 step 3 [?]: Name=\"X\" in double quotes counts like single quotes (libevtx, wevtutil)") {
    Event e = flat("<Event xmlns=\"x\"><System><EventID>1</EventID></System><EventData>"
                   "<Data Name=\"Image\">C:\\a.exe</Data></EventData></Event>");
    CHECK(e.get("Image").str() == "C:\\a.exe");
}

TEST_CASE("xmlwineventlog 1.2 step 4: RenderingInfo tags are fields, adding a value to same-named ones") {
    Event e = flat(kEvent);
    CHECK(e.get("Message").str() == "A new process has been created.");
    CHECK(e.get("Level").mv_values() == Strings{"0", "Information"});
    CHECK(e.get("Keyword").str() == "Audit Success");
    CHECK_FALSE(e.has("Culture"));  // RenderingInfo's attributes are no fields
}

TEST_CASE("xmlwineventlog 1.2 step 5: EventCode from <EventID> text, with Qualifiers too; RecordNumber = EventRecordID") {
    Event e = flat(kEvent);
    CHECK(e.get("EventCode").str() == "4688");
    CHECK(e.get("RecordNumber").str() == "98765");
    std::string x = kEvent;
    x.replace(x.find("<EventID>4688</EventID>"), 23, "<EventID Qualifiers='16384'>7036</EventID>");
    CHECK(flat(x).get("EventCode").str() == "7036");
}

TEST_CASE("xmlwineventlog 1.1: source = XmlWinEventLog:<Channel>, host = Computer") {
    Event e = flat(kEvent);
    CHECK(e.get("source").str() == "XmlWinEventLog:Security");
    CHECK(e.get("host").str() == "ws1.corp.local");
}

TEST_CASE("xmlwineventlog 1.2 step 1: block fields only when the projection names them (or there is none)") {
    const FieldProjection p = FieldProjection::of({"EventCode"});
    Event e = flat(kEvent, &p);
    CHECK(names_of(e) == Strings{"EventCode"});
    const FieldProjection q = FieldProjection::of({"System_Props_Xml", "EventData_Xml", "RenderingInfo_Xml", "UserData_Xml"});
    Event b = flat(kEvent, &q);
    CHECK(b.get("System_Props_Xml").str().substr(0, 9) == "<Provider");
    CHECK(b.get("EventData_Xml").str().substr(0, 32) == "<Data Name='SubjectUserName'>ali");
    CHECK(b.get("RenderingInfo_Xml").str().substr(0, 9) == "<Message>");
    CHECK_FALSE(b.has("UserData_Xml"));
    CHECK_FALSE(b.has("_raw"));
    CHECK(flat(kEvent).has("System_Props_Xml"));
}

TEST_CASE("xmlwineventlog: a pretty-printed event gives the same fields (values as written)") {
    Event e = flat("<Event xmlns='x'>\n  <System>\n    <EventID>1</EventID>\n    <Channel>Microsoft-Windows-Sysmon/Operational</Channel>\n"
                   "  </System>\n  <EventData>\n    <Data Name='CommandLine'>a\r\nb</Data>\n  </EventData>\n</Event>");
    CHECK(e.get("EventCode").str() == "1");
    CHECK(e.get("source").str() == "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational");
    CHECK(e.get("CommandLine").str() == "a\r\nb");
}

TEST_CASE("xmlwineventlog bad input: truncated, unbalanced, not <Event>, invalid UTF-8 are rejected with a reason") {
    WinEventXmlFlattener f;
    std::string why;
    for (std::string bad : {kEvent.substr(0, kEvent.size() - 20), std::string("<Event><System></Event>"),
                            std::string("<Foo><System/></Foo>"), std::string("<Event><System><Computer>\xff\xfe</Computer></System></Event>")}) {
        Event e;
        why.clear();
        CHECK_FALSE(f.flatten(bad, e, nullptr, why));
        CHECK_FALSE(why.empty());
    }
    Event big;
    const std::string huge(10 << 20, 'x');
    REQUIRE(f.flatten("<Event><System><EventID>1</EventID></System><EventData><Data Name='Big'>" + huge +
                          "</Data></EventData></Event>",
                      big, nullptr, why));
    CHECK(big.get("Big").str().size() == huge.size());
}
