#include "minispl/sourcetypes/sourcetype.hpp"

#include "minispl/core/diagnostic.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <unistd.h>

using namespace minispl;

namespace {
const std::filesystem::path st_dir = std::filesystem::path(MINISPL_SOURCE_DIR) / "sourcetypes";

std::filesystem::path write_tmp(const std::string& name, const std::string& text) {
    auto dir = std::filesystem::temp_directory_path() / ("minispl_st_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / name) << text;
    return dir / name;
}
}  // namespace

TEST_CASE("ISO 8601 timestamps") {
    CHECK(parse_iso8601("2019-01-01T00:00:00Z") == 1546300800.0);
    CHECK(parse_iso8601("1970-01-01T00:00:00.250Z") == 0.25);
    CHECK(parse_iso8601("2023-07-10T11:42:36Z") == 1688989356.0);
    CHECK(parse_iso8601("2019-01-01T01:00:00+01:00") == 1546300800.0);
    CHECK(parse_iso8601("2019-01-01T00:00:00-0130") == 1546300800.0 + 5400);
    CHECK(parse_iso8601("2019-01-01") == 1546300800.0);
    CHECK(parse_iso8601("2024-02-29T12:00:00Z") == 1709208000.0);
    CHECK(!parse_iso8601("yesterday"));
    CHECK(!parse_iso8601("2019-13-01T00:00:00Z"));
    CHECK(!parse_iso8601("2019-01-01T00:00:00Zjunk"));
}

TEST_CASE("registry: project dir has json and aws:cloudtrail; unknown names get json") {
    SourcetypeRegistry reg(st_dir);
    CHECK(reg.has("aws:cloudtrail"));
    CHECK(reg.has("json"));
    CHECK(reg.get("aws:cloudtrail").name() == "aws:cloudtrail");
    CHECK(reg.get("no:such").name() == "json");
    CHECK(reg.get("").name() == "json");
    SourcetypeRegistry none("/nonexistent/dir");
    CHECK(none.get("aws:cloudtrail").name() == "json");
}

TEST_CASE("default_sourcetype_dir honours MINISPL_SOURCETYPES") {
    ::setenv("MINISPL_SOURCETYPES", "/some/where", 1);
    CHECK(default_sourcetype_dir() == std::filesystem::path("/some/where"));
    ::unsetenv("MINISPL_SOURCETYPES");
    CHECK(!default_sourcetype_dir().empty());
}

TEST_CASE("json default: timestamp from the usual fields") {
    SourcetypeRegistry reg(st_dir);
    Event e;
    e.set("timestamp", Value::string("2019-01-01T00:00:00Z"));
    reg.get("json").apply(e);
    CHECK(e.time() == 1546300800.0);
    Event f;
    f.set("time", Value::string("1546300800.5"));
    reg.get("json").apply(f);
    CHECK(f.time() == 1546300800.5);
}

TEST_CASE("a definition: aliases, calculated fields see the pre-EVAL event, lookups with wildcards") {
    std::filesystem::path csv = write_tmp("t.csv", "name,code,out\nA*,\"x,y\",first\n*,*,second\n");
    std::filesystem::path yml = write_tmp("t.yml", R"(name: test:st
timestamp: {field: ts, format: epoch}
aliases:
  - b: a
calculated:
  - a: '"changed"'
  - c: a . "-" . b
lookups:
  - file: t.csv
    inputs: [name, code AS codefield]
    outputs: [out AS result]
    wildcard: [name, code]
    default: {result: none}
)");
    Sourcetype st = Sourcetype::load(yml);
    CHECK(st.name() == "test:st");
    Event e;
    e.set("a", Value::string("orig"));
    e.set("ts", Value::string("12"));
    e.set("name", Value::string("Abc"));
    e.set("codefield", Value::string("x,y"));
    st.apply(e);
    CHECK(e.time() == 12);
    CHECK(e.get("b").str() == "orig");
    CHECK(e.get("a").str() == "changed");
    CHECK(e.get("c").str() == "orig-orig");  // computed before `a` was replaced
    CHECK(e.get("result").str() == "first");
    Event g;
    g.set("name", Value::string("Zed"));
    g.set("codefield", Value::string("q"));
    st.apply(g);
    CHECK(g.get("result").str() == "second");
    Event h;  // lookup inputs missing: the default
    st.apply(h);
    CHECK(h.get("result").str() == "none");
    auto defined = st.defined_fields();
    CHECK(std::find(defined.begin(), defined.end(), "result") != defined.end());
}

TEST_CASE("bad definitions are errors naming the file") {
    auto expect_error = [](const std::string& text, const std::string& needle) {
        std::filesystem::path yml = write_tmp("bad.yml", text);
        try {
            // A calculated field's expression is parsed on first use (and by the registry's check()).
            Sourcetype st = Sourcetype::load(yml);
            for (const auto& c : st.calculated()) c.ast();
            FAIL("no error for " << text);
        } catch (const SplError& e) {
            CHECK(e.diagnostic().rule == "sourcetype");
            CHECK(std::string(e.what()).find("bad.yml") != std::string::npos);
            CHECK_MESSAGE(std::string(e.what()).find(needle) != std::string::npos, e.what());
        }
    };
    expect_error("name: x\ncalculated:\n  - a: 'coalesce(b'\n", "calculated field a");
    expect_error("name: x\nlookups:\n  - file: missing.csv\n    inputs: [a]\n    outputs: [b]\n", "missing.csv");
    expect_error("name: x\nbogus: 1\n", "unknown key");
    expect_error("name: [\n", "bad.yml");
    expect_error("aliases: []\n", "name");
}

TEST_CASE("definitions load on first use; check() reports what first use would") {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "minispl_lazy_defs";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "eventtypes");
    auto write = [&](const std::string& name, const std::string& text) { std::ofstream(dir / name) << text; };
    write("good.yml", "name: good\ncalculated:\n  - a: lower(b)\n");
    write("broken.yml", "# a comment\nname: broken\ncalculated:\n  - a: 'coalesce(b'\n");
    write("src.yml", "source: 'app:*'\naliases:\n  - c: d\n");
    SourcetypeRegistry reg(dir);  // keys only: no expression is parsed yet
    CHECK(reg.has("BROKEN"));
    CHECK(reg.names() == std::vector<std::string>{"broken", "good"});
    Event e;
    e.set("b", Value::string("X"));
    e.set("d", Value::string("y"));
    reg.resolve("good", "app:1")->apply(e);
    CHECK(e.get("a").str() == "x");
    CHECK(e.get("c").str() == "y");
    auto broken = reg.resolve("broken");  // loads; the expression still waits for its first use
    CHECK_THROWS_WITH_AS(broken->calculated().at(0).eval(), doctest::Contains("broken.yml"), SplError);
    CHECK_THROWS_WITH_AS(reg.check(), doctest::Contains("calculated field a"), SplError);
    write("eventtypes/e.yml", "eventtypes:\n  - {name: e1, search: 'x=('}\n");
    SourcetypeRegistry with_eventtypes(dir);
    with_eventtypes.resolve("good");  // does not read the eventtype files
    CHECK_THROWS_WITH_AS(with_eventtypes.eventtypes().names(), doctest::Contains("e.yml"), SplError);
    // A key the line-by-line reading cannot take (flow style) is read by loading the whole file.
    write("flow.yml", "{name: flow, aliases: [{f: g}]}\n");
    write("eventtypes/e.yml", "eventtypes: []\n");
    SourcetypeRegistry flow(dir);
    CHECK(flow.has("flow"));
    std::filesystem::remove_all(dir);
}

TEST_CASE("the project's definitions: every stanza key reads ahead as loading says, every expression parses") {
    SourcetypeRegistry reg(st_dir);
    CHECK_NOTHROW(reg.check());  // loads every file: a key that reads differently throws here
    for (const auto& entry : std::filesystem::directory_iterator(st_dir))
        if (entry.path().extension() == ".yml")
            CHECK(Sourcetype::read_key(entry.path()) == Sourcetype::load(entry.path()).stanza_key());
}
