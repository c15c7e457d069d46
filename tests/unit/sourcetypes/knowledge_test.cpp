// The knowledge layer: stanzas keyed by sourcetype, source:: and host:: with props.conf precedence,
// case-insensitive sourcetype names, rename_from, the unknown-sourcetype warning, eventtypes and
// tags (windows-cim-facts.md 1.1, 1.5, 2.1, 2.2).
#include "minispl/sourcetypes/sourcetype.hpp"

#include "minispl/core/diagnostic.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

using namespace minispl;
namespace fs = std::filesystem;

namespace {

//! A fresh definitions directory, removed afterwards.
struct StDir {
    fs::path dir;
    StDir() {
        dir = fs::temp_directory_path() / ("minispl_knowledge_" + std::to_string(std::random_device{}()));
        fs::create_directories(dir / "eventtypes");
    }
    ~StDir() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    StDir& write(const std::string& name, const std::string& text) {
        fs::create_directories((dir / name).parent_path());
        std::ofstream(dir / name) << text;
        return *this;
    }
};

std::string text(const Event& e, const std::string& f) {
    const Value* v = e.find(f);
    return v ? v->to_string() : "<none>";
}

std::vector<std::string> values(const Event& e, const std::string& f) {
    const Value* v = e.find(f);
    return v ? v->mv_values() : std::vector<std::string>{};
}

//! Captures std::cerr for the duration.
struct CerrCapture {
    std::ostringstream out;
    std::streambuf* old;
    CerrCapture() : old(std::cerr.rdbuf(out.rdbuf())) {}
    ~CerrCapture() { std::cerr.rdbuf(old); }
};

const char* kGeneric = R"(name: XmlWinEventLog
rename_from: ["XmlWinEventLog:*"]
aliases:
  - signature_id: EventCode
calculated:
  - vendor_product: '"Microsoft Windows"'
  - level: '"sourcetype"'
)";

const char* kSecurity = R"(source: XmlWinEventLog:Security
calculated:
  - vendor_product: '"Microsoft Windows Security"'
  - level: '"source"'
  - from_source: '"yes"'
)";

const char* kHost = R"(host: dc*
calculated:
  - level: '"host"'
)";

}  // namespace

TEST_CASE("precedence per attribute: host:: > source:: > sourcetype (facts 1.1)") {
    StDir d;
    d.write("generic.yml", kGeneric).write("security.yml", kSecurity).write("host.yml", kHost);
    SourcetypeRegistry reg(d.dir);
    Event e;
    e.set("EventCode", Value::string("4688"));
    SUBCASE("all three: each attribute from the highest stanza that sets it") {
        reg.resolve("XmlWinEventLog", "XmlWinEventLog:Security", "dc01")->apply(e);
        CHECK(text(e, "level") == "host");                                   // host beats both
        CHECK(text(e, "vendor_product") == "Microsoft Windows Security");  // source beats sourcetype
        CHECK(text(e, "from_source") == "yes");                             // only the source stanza
        CHECK(text(e, "signature_id") == "4688");                           // only the sourcetype stanza
    }
    SUBCASE("no host match: the source stanza wins") {
        reg.resolve("XmlWinEventLog", "XmlWinEventLog:Security", "ws01")->apply(e);
        CHECK(text(e, "level") == "source");
    }
    SUBCASE("no source match: the sourcetype's own") {
        reg.resolve("XmlWinEventLog", "XmlWinEventLog:System", "ws01")->apply(e);
        CHECK(text(e, "level") == "sourcetype");
        CHECK(text(e, "vendor_product") == "Microsoft Windows");
        CHECK(!e.has("from_source"));
    }
    SUBCASE("resolved once per input: the same object for the same key") {
        CHECK(reg.resolve("XmlWinEventLog", "XmlWinEventLog:Security", "dc01") ==
              reg.resolve("XmlWinEventLog", "XmlWinEventLog:Security", "dc01"));
    }
}

TEST_CASE("within a level: a literal source stanza beats a pattern; then ASCII order") {
    StDir d;
    d.write("generic.yml", kGeneric)
        .write("a.yml", "source: XmlWinEventLog:*\ncalculated:\n  - level: '\"pattern\"'\n")
        .write("b.yml", "source: XmlWinEventLog:Secur*\ncalculated:\n  - level: '\"pattern2\"'\n")
        .write("c.yml", "source: XmlWinEventLog:Security\ncalculated:\n  - level: '\"literal\"'\n");
    SourcetypeRegistry reg(d.dir);
    Event e;
    reg.resolve("XmlWinEventLog", "XmlWinEventLog:Security")->apply(e);
    CHECK(text(e, "level") == "literal");
    Event f;
    reg.resolve("XmlWinEventLog", "XmlWinEventLog:SecurityX")->apply(f);
    CHECK(text(f, "level") == "pattern");  // "XmlWinEventLog:*" sorts before "XmlWinEventLog:Secur*"
}

TEST_CASE("source:: patterns: `*` stops at /, `...` does not, (?i) folds case, whole text") {
    CHECK(StanzaPattern("XmlWinEventLog:*").matches("XmlWinEventLog:Security"));
    CHECK(!StanzaPattern("XmlWinEventLog:*").matches("XmlWinEventLog:Microsoft-Windows-Sysmon/Operational"));
    CHECK(StanzaPattern("XmlWinEventLog:...").matches("XmlWinEventLog:Microsoft-Windows-Sysmon/Operational"));
    CHECK(StanzaPattern("/var/log/.../*.log").matches("/var/log/a/b/c.log"));
    CHECK(!StanzaPattern("/var/log/*.log").matches("/var/log/a/c.log"));
    CHECK(!StanzaPattern("XmlWinEventLog:Security").matches("xmlwineventlog:security"));
    CHECK(StanzaPattern("(?i)XmlWinEventLog:Security").matches("xmlwineventlog:security"));
    CHECK(!StanzaPattern("XmlWinEventLog:Sec").matches("XmlWinEventLog:Security"));
    CHECK(StanzaPattern("a*").literal() == false);
    CHECK(StanzaPattern("abc").literal());
    CHECK_THROWS_AS(StanzaPattern("[ab]c"), SplError);
    CHECK_THROWS_AS(StanzaPattern("a|b"), SplError);
}

TEST_CASE("sourcetype names are case-insensitive (facts 1.1)") {
    StDir d;
    d.write("generic.yml", kGeneric);
    SourcetypeRegistry reg(d.dir);
    CHECK(reg.has("xmlwineventlog"));
    CHECK(reg.get("XMLWINEVENTLOG").name() == "XmlWinEventLog");
    Event e;
    e.set("EventCode", Value::string("1"));
    auto st = reg.resolve("xmlwineventlog");
    st->apply(e);
    CHECK(text(e, "signature_id") == "1");
    CHECK(st->name() == "xmlwineventlog");  // the declared name stays the events' sourcetype
    d.write("dup.yml", "name: XMLWinEventLog\n");
    CHECK_THROWS_AS(SourcetypeRegistry(d.dir), SplError);
}

TEST_CASE("rename_from: XmlWinEventLog:<channel> becomes XmlWinEventLog (facts 1.1, 2.1)") {
    StDir d;
    d.write("generic.yml", kGeneric);
    SourcetypeRegistry reg(d.dir);
    const std::string declared = "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational";
    CHECK(reg.renamed(declared) == "XmlWinEventLog");
    CHECK(reg.renamed("xmlwineventlog:security") == "XmlWinEventLog");  // case-insensitive
    CHECK(reg.knows(declared));
    auto st = reg.resolve(declared, "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational");
    CHECK(st->name() == "XmlWinEventLog");
    Event e;
    e.set("EventCode", Value::string("1"));
    st->apply(e);
    CHECK(text(e, "signature_id") == "1");
    CHECK(reg.renamed("WinEventLog:Security") == "WinEventLog:Security");  // no pattern matches
}

TEST_CASE("an unknown sourcetype: plain JSON, said once on stderr; json and empty stay silent") {
    StDir d;
    d.write("generic.yml", kGeneric);
    SourcetypeRegistry reg(d.dir);
    const std::string name = "no:such:sourcetype:" + std::to_string(std::random_device{}());
    CHECK(!reg.knows(name));
    CHECK(reg.knows("json"));
    CHECK(reg.knows(""));
    CHECK(reg.unknown_message(name).find(name) != std::string::npos);
    CerrCapture err;
    auto st = reg.resolve(name, "a.json");
    reg.resolve(name, "b.json");
    SourcetypeRegistry(d.dir).resolve(name, "c.json");  // another registry: still once
    reg.resolve("json", "a.json");
    reg.resolve("", "a.json");
    std::string said = err.out.str();
    CHECK(said.find(name) != std::string::npos);
    CHECK(said.find(name) == said.rfind(name));
    CHECK(said.find("'json'") == std::string::npos);
    CHECK(st->name() == name);
    CHECK(st->aliases().empty());
}

TEST_CASE("a stanza keyed by one of name/source/host; rename_from only on name") {
    StDir d;
    d.write("bad.yml", "name: a\nsource: b\n");
    CHECK_THROWS_AS(Sourcetype::load(d.dir / "bad.yml"), SplError);
    d.write("bad2.yml", "source: b\nrename_from: [x]\n");
    CHECK_THROWS_AS(Sourcetype::load(d.dir / "bad2.yml"), SplError);
    d.write("host.yml", "host: web*\n");
    CHECK(Sourcetype::load(d.dir / "host.yml").key() == Sourcetype::Key::Host);
}

namespace {

const char* kEventtypes = R"(eventtypes:
  - name: wineventlog_security
    search: source=XmlWinEventLog:Security
    tags: [os, windows]
  - name: windows_endpoint_processes
    search: eventtype=wineventlog_security EventCode IN (4688, 4689)
    tags: [process, report]
  - name: ms-sysmon-network
    search: source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" EventCode=3
    tags: [network, communicate]
tags:
  - {field: EventCode, value: "4688", tags: [creation]}
  - {field: eventtype, value: ms-sysmon-network, tags: [sysmon]}
)";

}  // namespace

TEST_CASE("eventtypes and tags: eventtype, tag, tag::eventtype, tag::<field>; eventtype= inside an eventtype (facts 1.5, 2.2)") {
    StDir d;
    d.write("generic.yml", kGeneric).write("eventtypes/windows.yml", kEventtypes);
    SourcetypeRegistry reg(d.dir);
    CHECK(reg.eventtypes().names() ==
          std::vector<std::string>{"ms-sysmon-network", "windows_endpoint_processes", "wineventlog_security"});
    SUBCASE("a Security 4688: both eventtypes, the nested one too") {
        Event e;
        e.set("source", Value::string("XmlWinEventLog:Security"));
        e.set("EventCode", Value::string("4688"));
        reg.resolve("XmlWinEventLog", "XmlWinEventLog:Security")->apply(e);
        CHECK(values(e, "eventtype") == std::vector<std::string>{"windows_endpoint_processes", "wineventlog_security"});
        CHECK(values(e, "tag") == std::vector<std::string>{"creation", "os", "process", "report", "windows"});
        CHECK(values(e, "tag::eventtype") == std::vector<std::string>{"os", "process", "report", "windows"});
        CHECK(values(e, "tag::EventCode") == std::vector<std::string>{"creation"});
    }
    SUBCASE("a Security 4624: only the outer eventtype") {
        Event e;
        e.set("source", Value::string("XmlWinEventLog:Security"));
        e.set("EventCode", Value::string("4624"));
        reg.resolve("XmlWinEventLog", "XmlWinEventLog:Security")->apply(e);
        CHECK(values(e, "eventtype") == std::vector<std::string>{"wineventlog_security"});
        CHECK(values(e, "tag") == std::vector<std::string>{"os", "windows"});
        CHECK(!e.has("tag::EventCode"));
    }
    SUBCASE("a tags.conf [eventtype=x] assignment joins tag::eventtype") {
        Event e;
        e.set("source", Value::string("XmlWinEventLog:Microsoft-Windows-Sysmon/Operational"));
        e.set("EventCode", Value::string("3"));
        reg.resolve("XmlWinEventLog", "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational")->apply(e);
        CHECK(values(e, "eventtype") == std::vector<std::string>{"ms-sysmon-network"});
        CHECK(values(e, "tag::eventtype") == std::vector<std::string>{"communicate", "network", "sysmon"});
    }
    SUBCASE("no match: no eventtype or tag fields, even if the input had them") {
        Event e;
        e.set("eventtype", Value::string("forged"));
        e.set("source", Value::string("other"));
        reg.resolve("XmlWinEventLog", "other")->apply(e);
        CHECK(!e.has("eventtype"));
        CHECK(!e.has("tag"));
    }
}

TEST_CASE("eventtype files: an unknown reference, a cycle, a bad search, a duplicate name are errors") {
    CHECK_THROWS_AS(Eventtypes::parse("eventtypes:\n  - {name: a, search: eventtype=b}\n", "x.yml"), SplError);
    CHECK_THROWS_AS(Eventtypes::parse("eventtypes:\n  - {name: a, search: eventtype=b}\n  - {name: b, search: eventtype=a}\n",
                                      "x.yml"),
                    SplError);
    CHECK_THROWS_AS(Eventtypes::parse("eventtypes:\n  - {name: a, search: 'x=('}\n", "x.yml"), SplError);
    CHECK_THROWS_AS(Eventtypes::parse("eventtypes:\n  - {name: a, search: x=1}\n  - {name: a, search: x=2}\n", "x.yml"),
                    SplError);
    CHECK_THROWS_AS(Eventtypes::parse("eventtypes:\n  - {name: a, search: x=1, colour: red}\n", "x.yml"), SplError);
    try {
        Eventtypes::parse("eventtypes:\n  - {name: a, search: x=1}\n  - {name: b, search: eventtype=a}\n"
                          "  - {name: c, search: eventtype=c}\n",
                          "x.yml");
        FAIL("a self-reference is a cycle");
    } catch (const SplError& e) {
        CHECK(std::string(e.what()).find("cycle") != std::string::npos);
        CHECK(e.diagnostic().rule == "sourcetype");  // a definition-file error, as the stanzas'
    }
}

TEST_CASE("projection: eventtype/tag fields pull in what the eventtype searches read, only when read") {
    StDir d;
    d.write("generic.yml", kGeneric).write("eventtypes/windows.yml", kEventtypes);
    SourcetypeRegistry reg(d.dir);
    auto st = reg.resolve("XmlWinEventLog", "XmlWinEventLog:Security");
    SUBCASE("not read: not computed") {
        auto p = st->project({"EventCode"});
        CHECK(!p.eventtypes);
        Event e;
        e.set("source", Value::string("XmlWinEventLog:Security"));
        e.set("EventCode", Value::string("4688"));
        st->apply(e, &p);
        CHECK(!e.has("eventtype"));
    }
    for (const char* field : {"tag", "eventtype", "tag::eventtype", "tag::EventCode"}) {
        CAPTURE(field);
        auto p = st->project({field});
        CHECK(p.eventtypes);
        CHECK(std::binary_search(p.fields.begin(), p.fields.end(), std::string("source")));
        CHECK(std::binary_search(p.fields.begin(), p.fields.end(), std::string("EventCode")));
    }
    SUBCASE("a field an eventtype reads through an alias keeps the alias") {
        d.write("eventtypes/more.yml", "eventtypes:\n  - {name: sig, search: signature_id=4688, tags: [x]}\n");
        SourcetypeRegistry reg2(d.dir);
        auto p = reg2.resolve("XmlWinEventLog", "XmlWinEventLog:Security")->project({"tag"});
        CHECK(p.alias.size() == 1);
        Event e;
        e.set("EventCode", Value::string("4688"));
        reg2.resolve("XmlWinEventLog", "XmlWinEventLog:Security")->apply(e, &p);
        CHECK(values(e, "eventtype") == std::vector<std::string>{"sig"});
    }
}
