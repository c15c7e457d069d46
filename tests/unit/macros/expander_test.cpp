#include "minispl/macros/expander.hpp"
#include "minispl/macros/macro_table.hpp"

#include <doctest/doctest.h>

using namespace minispl;

namespace {

Macro mk(std::string name, std::string def, std::vector<std::string> args = {}) {
    Macro m;
    m.name = std::move(name);
    m.definition = std::move(def);
    m.arguments = std::move(args);
    return m;
}

MacroTable table() {
    MacroTable t;
    t.add(mk("sysmon", "sourcetype=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational"));
    t.add(mk("security_content_ctime", "convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime($field$)", {"field"}));
    t.add(mk("summariesonly_config", "false"));
    t.add(mk("oldsummaries_config", "true"));
    t.add(mk("fillnull_config", "null"));
    t.add(mk("security_content_summariesonly",
             "summariesonly=`summariesonly_config` allow_old_summaries=`oldsummaries_config` "
             "fillnull_value=`fillnull_config`"));
    t.add(mk("two", "a=$x$ b=$y$", {"x", "y"}));
    t.add(mk("dollars", "eval s=replace(s, \",\\s$$$$\", \"\") v=$v$", {"v"}));
    t.add(mk("piped", "| eval x=1 ```a comment | with a pipe``` | eval y=2"));
    return t;
}

int count_rule(const Expansion& e, const std::string& rule) {
    int n = 0;
    for (auto& d : e.diagnostics) n += d.rule == rule;
    return n;
}

}  // namespace

TEST_CASE("a call without arguments is replaced by the definition") {
    auto e = expand_macros("`sysmon` EventCode=1", table());
    CHECK(e.text == "sourcetype=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational EventCode=1");
    CHECK(e.diagnostics.empty());
    REQUIRE(e.macros_used.size() == 1);
    CHECK(e.macros_used[0] == "sysmon");
}

TEST_CASE("$arg$ is replaced by the argument text; a macro with arguments is keyed name(N)") {
    auto t = table();
    CHECK(t.find("security_content_ctime", 1) != nullptr);
    CHECK(t.find("security_content_ctime", 0) == nullptr);
    auto e = expand_macros("| `security_content_ctime(firstTime)`", t);
    CHECK(e.text == "| convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(firstTime)");
    CHECK(e.macros_used == std::vector<std::string>{"security_content_ctime(1)"});
}

TEST_CASE("arguments split on top-level commas only and are trimmed, quotes kept") {
    auto e = expand_macros("`two(\"a,b\", f(1,2))`", table());
    CHECK(e.text == "a=\"a,b\" b=f(1,2)");
    auto e2 = expand_macros("`two( p ,q )`", table());
    CHECK(e2.text == "a=p b=q");
}

TEST_CASE("$$ stays as it is") {
    auto e = expand_macros("`dollars(z)`", table());
    CHECK(e.text == "eval s=replace(s, \",\\s$$$$\", \"\") v=z");
    auto e2 = expand_macros("eval a=replace(a, \",\\s$$$$\", \"\")", table());
    CHECK(e2.text == "eval a=replace(a, \",\\s$$$$\", \"\")");
}

TEST_CASE("definitions nest (security_content_summariesonly)") {
    auto e = expand_macros("| tstats `security_content_summariesonly` count", table());
    CHECK(e.text == "| tstats summariesonly=false allow_old_summaries=true fillnull_value=null count");
    CHECK(e.diagnostics.empty());
    CHECK(e.macros_used.size() == 4);
    CHECK(e.macros_used[0] == "security_content_summariesonly");
}

TEST_CASE("cycles end with a diagnostic, never a hang") {
    MacroTable t;
    t.add(mk("a", "x `b` y"));
    t.add(mk("b", "p `a` q"));
    t.add(mk("self", "s `self`"));
    auto e = expand_macros("`a` | `self`", t);
    CHECK(count_rule(e, "macro-cycle") == 2);
    CHECK(e.text == "x p  q y | s ");
    // offsets point at the top-level calls in the original text
    CHECK(e.diagnostics[0].offset == 0);
    CHECK(e.diagnostics[0].length == 3);
    CHECK(e.diagnostics[1].offset == 6);
    ExpandOptions keep;
    keep.drop_unknown = false;
    auto e2 = expand_macros("`self`", t, keep);
    CHECK(e2.text == "s `self`");
}

TEST_CASE("deep nesting stops at max_depth") {
    MacroTable t;
    for (int i = 0; i < 100; ++i) t.add(mk("m" + std::to_string(i), "`m" + std::to_string(i + 1) + "`"));
    t.add(mk("m100", "end"));
    ExpandOptions o;
    o.max_depth = 10;
    auto e = expand_macros("`m0`", t, o);
    CHECK(count_rule(e, "macro-depth") == 1);
    auto e2 = expand_macros("`m0`", t, ExpandOptions{"", true, 200});
    CHECK(e2.text == "end");
}

TEST_CASE("the rule's filter macro means `search *` when it is not defined") {
    ExpandOptions o;
    o.filter_macro = "my_rule_filter";
    auto e = expand_macros("`sysmon` | stats count | `my_rule_filter`", table(), o);
    CHECK(e.text == "sourcetype=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational | stats count | search *");
    REQUIRE(e.diagnostics.size() == 1);
    CHECK(e.diagnostics[0].rule == "missing-filter-macro");
    CHECK(e.diagnostics[0].severity == Severity::Info);
    // a defined filter macro wins
    auto t = table();
    t.add(mk("my_rule_filter", "search user!=admin"));
    auto e2 = expand_macros("x | `my_rule_filter`", t, o);
    CHECK(e2.text == "x | search user!=admin");
    CHECK(e2.diagnostics.empty());
    // another rule's filter is an unknown macro
    auto e3 = expand_macros("x | `other_filter`", table(), o);
    CHECK(count_rule(e3, "unknown-macro") == 1);
}

TEST_CASE("quirk: | search `x_filter` expands to search search *") {
    ExpandOptions o;
    o.filter_macro = "x_filter";
    auto e = expand_macros("a | search `x_filter`", table(), o);
    CHECK(e.text == "a | search search *");
}

TEST_CASE("drop_dm_object_name is built in; the quoted form keeps its quotes") {
    auto t = table();
    const Macro* m = t.find("drop_dm_object_name", 1);
    REQUIRE(m);
    CHECK(m->builtin);
    CHECK(m->arguments == std::vector<std::string>{"object"});
    CHECK(expand_macros("| `drop_dm_object_name(Processes)`", t).text == "| rename Processes.* AS *");
    CHECK(expand_macros("| `drop_dm_object_name(\"Processes\")`", t).text == "| rename \"Processes\".* AS *");
}

TEST_CASE("unknown macros: diagnostic at the call, dropped or kept per drop_unknown") {
    std::string s = "a | `get_asset(src)` | b";
    auto e = expand_macros(s, table());
    REQUIRE(e.diagnostics.size() == 1);
    CHECK(e.diagnostics[0].rule == "unknown-macro");
    CHECK(e.diagnostics[0].offset == 4);
    CHECK(e.diagnostics[0].length == 16);
    CHECK(e.text == "a |  | b");
    ExpandOptions keep;
    keep.drop_unknown = false;
    auto e2 = expand_macros(s, table(), keep);
    CHECK(e2.text == s);
    CHECK(e2.map.to_source(10) == 10);
}

TEST_CASE("unknown macro nested in a definition is reported at the outer call") {
    MacroTable t;
    t.add(mk("outer", "x `inner_missing` y"));
    auto e = expand_macros("abc `outer`", t);
    REQUIRE(e.diagnostics.size() == 1);
    CHECK(e.diagnostics[0].rule == "unknown-macro");
    CHECK(e.diagnostics[0].offset == 4);
    CHECK(e.diagnostics[0].length == 7);
    CHECK(e.diagnostics[0].message.find("outer") != std::string::npos);
}

TEST_CASE("wrong number of arguments is macro-arity") {
    auto e = expand_macros("`security_content_ctime(a, b)` `sysmon(x)` `security_content_ctime`", table());
    CHECK(count_rule(e, "macro-arity") == 3);
    CHECK(count_rule(e, "unknown-macro") == 0);
}

TEST_CASE("backticks inside double-quoted strings are not macro calls") {
    // first_time_seen_child_process_of_zoom.yml
    std::string s = "eval t=relative_time(now(), \"`previously_seen_zoom_child_processes_window`\")";
    auto e = expand_macros(s, table());
    CHECK(e.text == s);
    CHECK(e.diagnostics.empty());
    // malicious_powershell_process_with_obfuscation_techniques.yml: a literal backtick in a string
    std::string p = "| eval n = (mvcount(split(process,\"`\"))-1) + (mvcount(split(process, \"^\"))-1) | `sysmon`";
    auto e2 = expand_macros(p, table());
    CHECK(e2.diagnostics.empty());
    CHECK(e2.text.ends_with("| sourcetype=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational"));
    // \" inside a string does not end it
    std::string q = "search x=\"a\\\"`sysmon`\" `sysmon`";
    auto e3 = expand_macros(q, table());
    CHECK(e3.text == "search x=\"a\\\"`sysmon`\" sourcetype=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational");
    // \" outside a string does not open one (kubernetes_create_or_update_privileged_pod.yml)
    std::string k = "`sysmon` a=*\\\"privileged\\\":true* | `sysmon`";
    auto e4 = expand_macros(k, table());
    CHECK(e4.text.find('`') == std::string::npos);
}

TEST_CASE("triple-backtick comments are removed first, pipes and all") {
    std::string s = "a | b ```fill out | lookup x y OUTPUT z | `sysmon` \"``` | c";
    auto e = expand_macros(s, table());
    CHECK(e.text == "a | b  | c");
    CHECK(e.diagnostics.empty());
    // bytes after the comment keep their original offsets
    CHECK(e.map.to_source(9) == s.size() - 1);
    CHECK(e.map.to_source(static_cast<uint32_t>(e.text.size())) == s.size());
    // comments inside a definition are removed too
    auto e2 = expand_macros("`piped`", table());
    CHECK(e2.text == "| eval x=1  | eval y=2");
    auto e3 = expand_macros("a ```never closed", table());
    CHECK(count_rule(e3, "unterminated-comment") == 1);
    CHECK(e3.text == "a ");
}

TEST_CASE("missing closing backtick is reported and the text kept") {
    auto e = expand_macros("a | `sysmon", table());
    CHECK(count_rule(e, "macro-syntax") == 1);
    CHECK(e.diagnostics[0].offset == 4);
    CHECK(e.text == "a | `sysmon");
}

TEST_CASE("source map: copied text maps 1:1, macro text to the whole call") {
    std::string s = "`sysmon` EventCode=1 | `security_content_ctime(firstTime)` | table x";
    auto e = expand_macros(s, table());
    const std::string def = "sourcetype=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational";
    for (uint32_t i = 0; i < def.size(); ++i) {
        CHECK(e.map.to_source(i) == 0);
        CHECK(e.map.macro_at(i) == "sysmon");
    }
    // every copied byte maps back to the same character
    size_t call2 = s.find("`security");
    size_t call2_end = s.find('`', call2 + 1) + 1;
    for (uint32_t i = 0; i < e.text.size(); ++i) {
        uint32_t src = e.map.to_source(i);
        if (e.map.macro_at(i).empty()) {
            CHECK(s[src] == e.text[i]);
        } else {
            CHECK((src == 0 || src == call2));
        }
    }
    uint32_t conv = static_cast<uint32_t>(e.text.find("convert"));
    auto r = e.map.to_source_range(conv, conv + 7);
    CHECK(r.first == call2);
    CHECK(r.second == call2_end);
    uint32_t tbl = static_cast<uint32_t>(e.text.find("table"));
    auto r2 = e.map.to_source_range(tbl, tbl + 5);
    CHECK(r2.first == s.find("table"));
    CHECK(r2.second == s.find("table") + 5);
    CHECK(e.map.to_source(static_cast<uint32_t>(e.text.size())) == s.size());
    // segments cover the expanded text in order
    uint32_t at = 0;
    for (auto& seg : e.map.segments()) {
        CHECK(seg.out_begin == at);
        at = seg.out_end;
    }
    CHECK(at == e.text.size());
}

TEST_CASE("random input: no crash, no hang, the source map stays consistent") {
    MacroTable t = table();
    t.add(mk("loop", "`loop` $x$", {"x"}));
    const std::string alphabet = "`\"\\$(),| a_xsysmontwo";
    uint32_t seed = 12345;
    auto rnd = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
    const char* words[] = {"`sysmon`", "`two(a,b)`", "`loop(1)`", "```", "\"", "\\\"", "`", "$x$", "$$"};
    for (int iter = 0; iter < 3000; ++iter) {
        std::string s;
        size_t len = rnd() % 40;
        for (size_t i = 0; i < len; ++i) {
            if (rnd() % 4 == 0) s += words[rnd() % 9];
            else s += alphabet[rnd() % alphabet.size()];
        }
        ExpandOptions o;
        o.drop_unknown = rnd() % 2;
        Expansion e = expand_macros(s, t, o);
        CAPTURE(s);
        uint32_t at = 0;
        for (auto& seg : e.map.segments()) {
            REQUIRE(seg.out_begin == at);
            REQUIRE(seg.out_end > seg.out_begin);
            REQUIRE(seg.src_end <= s.size());
            at = seg.out_end;
        }
        REQUIRE(at == e.text.size());
        for (uint32_t i = 0; i < e.text.size(); ++i) {
            uint32_t src = e.map.to_source(i);
            REQUIRE(src < s.size());
            if (e.map.macro_at(i).empty()) REQUIRE(s[src] == e.text[i]);
        }
        for (auto& d : e.diagnostics) REQUIRE(d.offset + d.length <= s.size() + 1);
    }
}
