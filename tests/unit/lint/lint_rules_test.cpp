// Each lint rule on small hand-written rules in a temporary rule pack; the three output formats.
#include "minispl/lint/format.hpp"
#include "minispl/lint/linter.hpp"
#include "minispl/sourcetypes/addons.hpp"
#include "minispl/sourcetypes/sourcetype.hpp"
#include "minispl/core/diagnostic.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace minispl;

namespace {

//! A throwaway rule pack: macros/, lookups/, detections/.
struct Pack {
    fs::path root = fs::temp_directory_path() / ("minispl_lint_" + std::to_string(::getpid()));
    Pack() {
        fs::create_directories(root / "macros");
        fs::create_directories(root / "lookups");
        fs::create_directories(root / "detections");
        write("macros/sysmon.yml", "name: sysmon\ndefinition: index=main sourcetype=sysmon\ndescription: x\n");
        write("macros/ctime.yml", "name: ctime\narguments:\n- field\ndefinition: convert ctime($field$)\ndescription: x\n");
        write("lookups/known_hosts.yml", "name: known_hosts\nfilename: known_hosts.csv\ndescription: x\n");
    }
    ~Pack() { fs::remove_all(root); }
    void write(const std::string& rel, const std::string& text) { std::ofstream(root / rel) << text; }

    //! A valid production rule with `search` (a YAML literal block) and `message` substituted in.
    fs::path rule(const std::string& name, const std::string& search, const std::string& message = "Host $dest$ seen",
                  const std::string& extra = "") {
        std::string text =
            "name: " + name + "\n"
            "id: 1b0e0a7c-0000-4000-8000-000000000001\nversion: 1\ndate: '2024-10-01'\nauthor: Test\n"
            "status: production\ntype: TTP\ndata_source:\n- Sysmon EventID 1\ndescription: d\n"
            "search: |-\n";
        size_t b = 0;
        while (b <= search.size()) {
            size_t e = search.find('\n', b);
            if (e == std::string::npos) e = search.size();
            text += "  " + search.substr(b, e - b) + "\n";
            b = e + 1;
        }
        text += "how_to_implement: h\nknown_false_positives: none\nreferences: []\n"
                "tags:\n  analytic_story:\n  - S\n  asset_type: Endpoint\n  message: " + message +
                "\n  product:\n  - Splunk Enterprise\n  security_domain: endpoint\n" + extra;
        if (extra.find("tests:") == std::string::npos)
            text += "tests:\n- name: True Positive Test\n  attack_data:\n  - data: x.log\n    sourcetype: s\n    source: s\n";
        fs::path f = root / "detections" / (name + ".yml");
        std::ofstream(f) << text;
        return f;
    }

    RuleReport lint(const fs::path& f) {
        LintOptions o;
        auto reports = lint_paths({f}, o);
        REQUIRE(reports.size() == 1);
        return reports[0];
    }
};

const Diagnostic* find(const RuleReport& r, const std::string& id) {
    for (const auto& d : r.diagnostics) if (d.rule == id) return &d;
    return nullptr;
}

}  // namespace

TEST_CASE("a clean rule has no findings and is runnable") {
    Pack p;
    auto r = p.lint(p.rule("clean_rule", "`sysmon` EventCode=1 | stats count by dest | `clean_rule_filter`"));
    for (const auto& d : r.diagnostics) MESSAGE(d.rule << ": " << d.message);
    CHECK(r.count(Severity::Error) == 0);
    CHECK(r.count(Severity::Warning) == 0);
}

TEST_CASE("syntax errors are placed at file:line:col of the YAML, with a caret") {
    Pack p;
    fs::path f = p.rule("bad_quote", "`sysmon` EventCode=1\n| where x=\"abc\n| `bad_quote_filter`");
    auto r = p.lint(f);
    const Diagnostic* d = find(r, "syntax");
    REQUIRE(d);
    CHECK(d->file == f.string());
    CHECK(d->pos.line == 13);    // `search: |-` is line 11, the where line is 13
    CHECK(d->pos.column == 13);  // two spaces of indentation + `| where x=` -> the opening quote
    CHECK_FALSE(r.runnable);
    std::string text = format_text({r});
    CHECK(text.find(f.string() + ":13:13: error[syntax]:") != std::string::npos);
    CHECK(text.find("  | where x=\"abc\n            ^") != std::string::npos);
}

TEST_CASE("unknown macro, command, function, aggregation and lookup") {
    Pack p;
    auto r = p.lint(p.rule("many", "`sysmon` `nope` | frobnicate x | eval y=nosuchfn(x) | stats bogus(x) as z by dest"
                                   " | lookup unknown_table a OUTPUT b | lookup known_hosts dest OUTPUT owner | `many_filter`"));
    const Diagnostic* m = find(r, "unknown-macro");
    REQUIRE(m);
    CHECK(m->pos.column == 12);  // "  `sysmon` `nope`": the second call
    const Diagnostic* c = find(r, "unknown-command");
    REQUIRE(c);
    CHECK(c->message.find("frobnicate") != std::string::npos);
    size_t fns = 0;
    for (const auto& d : r.diagnostics) if (d.rule == "unknown-function") ++fns;
    CHECK(fns == 2);
    size_t lookups = 0;
    for (const auto& d : r.diagnostics) if (d.rule == "lookup-undefined") ++lookups;
    CHECK(lookups == 1);
    CHECK_FALSE(r.runnable);
}

TEST_CASE("eval-dotted-name: a bare a.b in eval or where, once per name, not when quoted or spaced") {
    Pack p;
    auto r = p.lint(p.rule("dotted", "`sysmon` | eval m=if(match(userIdentity.userName, requestParameters.a.b), 1, 0)"
                                     " | where 'x.y'=1 AND s=a . b | eval t=\"p\".dest"
                                     " | rex field=dest \"(?<h1>\\w+)-(?<h2>\\w+)\" | eval host=h1.h2 | stats count by dest | `dotted_filter`"));
    std::vector<const Diagnostic*> found;
    for (const auto& d : r.diagnostics) if (d.rule == "eval-dotted-name") found.push_back(&d);
    REQUIRE(found.size() == 2);
    CHECK(found[0]->severity == Severity::Warning);
    CHECK(found[0]->message == "`userIdentity.userName` is the concatenation of the fields userIdentity and userName; "
                               "for the field named userIdentity.userName write 'userIdentity.userName'");
    CHECK(found[0]->pos.column == 30);  // "  `sysmon` | eval m=if(match(": the u of userIdentity
    CHECK(found[1]->message.find("fields requestParameters, a and b;") != std::string::npos);
    CHECK(r.runnable);  // valid SPL: a warning, not an error
}

TEST_CASE("missing-filter-macro: absent, and not the last stage") {
    Pack p;
    auto r1 = p.lint(p.rule("no_filter", "`sysmon` | stats count by dest"));
    REQUIRE(find(r1, "missing-filter-macro"));
    CHECK(find(r1, "missing-filter-macro")->severity == Severity::Warning);
    auto r2 = p.lint(p.rule("early_filter", "`sysmon` | `early_filter_filter` | stats count by dest"));
    REQUIRE(find(r2, "missing-filter-macro"));
    CHECK(find(r2, "missing-filter-macro")->message.find("not the last") != std::string::npos);
}

TEST_CASE("message-field: only when the output fields are known exactly") {
    Pack p;
    auto r1 = p.lint(p.rule("msg_bad", "`sysmon` | stats count by Processes.user | rename Processes.* as * | `msg_bad_filter`",
                            "User $user$ on $dest$"));
    const Diagnostic* d = find(r1, "message-field");
    REQUIRE(d);
    CHECK(d->message.find("$dest$") != std::string::npos);
    CHECK(d->pos.column == 27);  // "  message: User $user$ on $dest$"
    auto r2 = p.lint(p.rule("msg_ok", "`sysmon` | stats count by dest user | `msg_ok_filter`", "User $user$ on $dest$"));
    CHECK_FALSE(find(r2, "message-field"));
    // Raw events (no transforming command): the output set is unknown, nothing is reported.
    auto r3 = p.lint(p.rule("msg_raw", "`sysmon` | eval a=1 | `msg_raw_filter`", "Anything $whatever$"));
    CHECK_FALSE(find(r3, "message-field"));
}

TEST_CASE("schema and tests-without-data") {
    Pack p;
    p.write("detections/bad_schema.yml",
            "name: bad schema\nid: not-a-uuid\nversion: 1\ndate: 2024-10-01\nauthor: a\nstatus: production\ntype: Sneaky\n"
            "data_source: []\ndescription: d\nsearch: '`sysmon` | `bad_schema_filter`'\nhow_to_implement: h\n"
            "known_false_positives: k\ntags:\n  analytic_story: []\ntests:\n- name: T\n");
    auto r = p.lint(p.root / "detections/bad_schema.yml");
    std::vector<std::string> msgs;
    for (const auto& d : r.diagnostics) if (d.rule == "schema") msgs.push_back(d.message);
    auto has = [&](const char* s) {
        return std::any_of(msgs.begin(), msgs.end(), [&](const std::string& m) { return m.find(s) != std::string::npos; });
    };
    CHECK(has("'id' must be a UUID"));
    CHECK(has("'type' must be one of"));
    CHECK(has("analytic_story"));
    const Diagnostic* t = find(r, "tests-without-data");
    REQUIRE(t);
    CHECK(t->pos.line == 16);
}

TEST_CASE("schema: the newer layout (creation_date, top-level analytic_story, finding) is checked as such") {
    Pack p;
    const std::string v2 =
        "name: newer layout\nid: 04455dd3-ced7-480f-b8e6-5469b99e98e2\nversion: 10\n"
        "creation_date: '2023-04-24'\nmodification_date: '2026-05-13'\nauthor: a\nstatus: production\ntype: TTP\n"
        "description: d\ndata_source:\n- X\nsearch: '`sysmon` | stats count by dest | `newer_layout_filter`'\n"
        "how_to_implement: h\nknown_false_positives: k\nfinding:\n  title: Host $dest$\n  entity:\n    field: dest\n"
        "    type: system\nthreat_objects: []\nanalytic_story:\n- S\nasset_type: Endpoint\nmitre_attack_id:\n- T1119\n"
        "product:\n- Splunk Enterprise\ncategory: cloud\nsecurity_domain: threat\n"
        "tests:\n- name: T\n  attack_data:\n  - data: x.log\n    sourcetype: s\n    source: s\n";
    p.write("detections/newer_layout.yml", v2);
    auto r = p.lint(p.root / "detections/newer_layout.yml");
    CHECK(find(r, "schema") == nullptr);
    // The same rule without its creation date, and with a key neither layout knows.
    std::string broken = v2;
    broken.replace(broken.find("creation_date: '2023-04-24'\n"), 28, "colour: red\n");
    p.write("detections/newer_layout.yml", broken);
    r = p.lint(p.root / "detections/newer_layout.yml");
    std::vector<std::string> msgs;
    for (const auto& d : r.diagnostics) if (d.rule == "schema") msgs.push_back(d.message);
    CHECK(std::find(msgs.begin(), msgs.end(), "missing required key 'creation_date'") != msgs.end());
    CHECK(std::any_of(msgs.begin(), msgs.end(), [](const std::string& m) { return m.find("'colour'") != std::string::npos; }));
}

TEST_CASE("malformed YAML is a yaml error with its position; exit codes") {
    Pack p;
    p.write("detections/broken.yml", "name: x\nsearch: [unclosed\n");
    auto r = p.lint(p.root / "detections/broken.yml");
    REQUIRE(find(r, "yaml"));
    CHECK(find(r, "yaml")->pos.line >= 2);
    LintSummary s = summarize({r});
    CHECK(lint_exit_code(s, false) == 1);
    LintSummary w;
    w.warnings = 3;
    CHECK(lint_exit_code(w, false) == 0);
    CHECK(lint_exit_code(w, true) == 1);
    CHECK_THROWS_AS(lint_paths({p.root / "no_such_dir"}, LintOptions{}), SplError);
}

TEST_CASE("deprecated rules are skipped unless asked for") {
    Pack p;
    fs::path f = p.rule("old_rule", "`sysmon` | `old_rule_filter`");
    std::string text;
    {
        std::ifstream in(f);
        text.assign(std::istreambuf_iterator<char>(in), {});
    }
    text.replace(text.find("status: production"), 18, "status: deprecated");
    std::ofstream(f) << text;
    CHECK(p.lint(f).skipped);
    LintOptions o;
    o.include_deprecated = true;
    CHECK_FALSE(lint_paths({f}, o)[0].skipped);
}

TEST_CASE("JSON and SARIF outputs") {
    Pack p;
    auto r = p.lint(p.rule("fmt_rule", "`sysmon` | frobnicate | `fmt_rule_filter`"));
    auto j = nlohmann::json::parse(format_json({r}));
    CHECK(j["summary"]["errors"] == 1);
    CHECK(j["rules"][0]["runnable"] == false);
    CHECK(j["rules"][0]["diagnostics"][0]["rule"] == "unknown-command");
    auto s = nlohmann::json::parse(format_sarif({r}));
    CHECK(s["version"] == "2.1.0");
    auto& res = s["runs"][0]["results"][0];
    CHECK(res["ruleId"] == "unknown-command");
    CHECK(res["level"] == "error");
    CHECK(res["locations"][0]["physicalLocation"]["region"]["startLine"] == 12);
    CHECK(s["runs"][0]["tool"]["driver"]["rules"][res["ruleIndex"].get<int>()]["id"] == "unknown-command");
}

TEST_CASE("unknown-sourcetype: a test's sourcetype without a definition is a note, once per rule; a known one is not") {
    Pack p;
    const std::string tests =
        "tests:\n- name: T\n  attack_data:\n  - data: a.log\n    sourcetype: no:such:st\n    source: s\n"
        "  - data: b.log\n    sourcetype: no:such:st\n    source: s\n"
        "  - data: c.log\n    sourcetype: AWS:CloudTrail\n    source: s\n";
    auto r = p.lint(p.rule("st_rule", "`sysmon` | stats count by dest | `st_rule_filter`", "Host $dest$ seen", tests));
    size_t unknown = 0;
    for (const auto& d : r.diagnostics)
        if (d.rule == "unknown-sourcetype") {
            ++unknown;
            CHECK(d.severity == Severity::Info);
            CHECK(d.message.find("'no:such:st'") != std::string::npos);
        }
    CHECK(unknown == 1);  // aws:cloudtrail is defined (names are case-insensitive)
    CHECK(r.runnable);
}

TEST_CASE("unknown-datamodel, unknown-dataset (errors) and unknown-datamodel-field (warning) at file:line:col") {
    Pack p;
    auto ok = p.lint(p.rule("dm_ok", "| tstats count from datamodel=Endpoint.Processes where Processes.process_name=cmd.exe "
                                     "by Processes.dest | `dm_ok_filter`"));
    for (const auto& d : ok.diagnostics) CHECK_MESSAGE(d.rule.find("datamodel") == std::string::npos, d.message);
    CHECK(ok.runnable);

    fs::path f = p.rule("dm_bad", "| tstats count from datamodel=Endpoint.Nope by Nope.dest | `dm_bad_filter`");
    auto bad = p.lint(f);
    const Diagnostic* d = find(bad, "unknown-dataset");
    REQUIRE(d);
    CHECK(d->pos.line == 12);
    CHECK(d->pos.column == 33);  // "  | tstats count from datamodel=" then Endpoint.Nope
    CHECK(d->message.find("Processes") != std::string::npos);  // names the datasets there are
    CHECK_FALSE(bad.runnable);
    auto model = p.lint(p.rule("dm_model", "| tstats count from datamodel=Endpointt.Processes by Processes.dest | `dm_model_filter`"));
    CHECK(find(model, "unknown-datamodel"));
    CHECK_FALSE(model.runnable);

    auto field = p.lint(p.rule("dm_field", "| tstats count from datamodel=Endpoint.Processes where Processes.Image=*cmd.exe "
                                           "by Processes.dest | `dm_field_filter`"));
    const Diagnostic* u = find(field, "unknown-datamodel-field");
    REQUIRE(u);
    CHECK(u->severity == Severity::Warning);
    CHECK(u->pos.column == 58);  // Processes.Image
    CHECK(u->message.find("null") != std::string::npos);
    CHECK(field.runnable);  // it runs; that field is simply always empty
}

namespace {
//! Rewrites `f`'s how_to_implement text.
void set_how_to_implement(const fs::path& f, const std::string& how) {
    std::ifstream in(f);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    size_t at = text.find("how_to_implement: h\n");
    REQUIRE(at != std::string::npos);
    text.replace(at, 20, "how_to_implement: " + how + "\n");
    std::ofstream(f) << text;
}
size_t count_rule(const RuleReport& r, const std::string& id) {
    size_t n = 0;
    for (const auto& d : r.diagnostics) n += d.rule == id;
    return n;
}
}  // namespace

TEST_CASE("addon-not-modelled: an add-on in how_to_implement whose sourcetypes minispl lacks is a note") {
    Pack p;
    fs::path f = p.rule("addon_rule", "`sysmon` | stats count by dest | `addon_rule_filter`");
    SUBCASE("Unix and Linux (linux:audit etc.): not modelled") {
        set_how_to_implement(f, "You must install the Splunk Add-on for Unix and Linux to collect auditd logs.");
        auto r = p.lint(f);
        REQUIRE(count_rule(r, "addon-not-modelled") == 1);
        const Diagnostic* d = find(r, "addon-not-modelled");
        CHECK(d->severity == Severity::Info);
        CHECK(d->message.find("Splunk Add-on for Unix and Linux") != std::string::npos);
        CHECK(d->message.find("linux:audit") != std::string::npos);
        CHECK(d->pos.line > 1);
        CHECK(r.runnable);
    }
    SUBCASE("the Windows and AWS add-ons are modelled: nothing said, in any case of the name") {
        set_how_to_implement(f, "Requires the windows TA and the Splunk Add-on for AWS.");
        CHECK(count_rule(p.lint(f), "addon-not-modelled") == 0);
    }
    SUBCASE("two add-ons not modelled: one note each") {
        set_how_to_implement(f, "Install the Splunk Microsoft Office 365 Add-on and the Splunk Add-on for Okta Identity Cloud.");
        CHECK(count_rule(p.lint(f), "addon-not-modelled") == 2);
    }
    SUBCASE("no add-on named") {
        set_how_to_implement(f, "Ingest your logs.");
        CHECK(count_rule(p.lint(f), "addon-not-modelled") == 0);
    }
}

TEST_CASE("the project's add-on catalogue loads, and a bad catalogue names file and line") {
    AddonCatalogue c = AddonCatalogue::load(addon_catalogue_file(default_sourcetype_dir()));
    CHECK(c.addons().size() >= 10);
    CHECK(c.mentioned("the Sysmon TA").size() == 1);
    CHECK_THROWS_WITH_AS(AddonCatalogue::parse("addons:\n- name: X\n  mentions: ['(']\n  sourcetypes: [a]\n", "a.yml"),
                         doctest::Contains("a.yml:3"), SplError);
    CHECK_THROWS_WITH_AS(AddonCatalogue::parse("addons:\n- name: X\n  mentions: [a]\n", "a.yml"),
                         doctest::Contains("'sourcetypes'"), SplError);
}

TEST_CASE("rba-schema and rba-field: the rba block as contentctl validates it") {
    Pack p;
    auto lint_rba = [&](const std::string& rba) {
        return p.lint(p.rule("rba_rule", "`sysmon` | stats count by dest user | `rba_rule_filter`", "Host $dest$ seen", rba));
    };
    SUBCASE("a valid block: nothing said") {
        auto r = lint_rba("rba:\n  message: Host $dest$\n  risk_objects:\n  - field: dest\n    type: system\n    score: 49\n"
                          "  threat_objects:\n  - field: user\n    type: process_name\n");
        CHECK(count_rule(r, "rba-schema") == 0);
        CHECK(count_rule(r, "rba-field") == 0);
    }
    SUBCASE("bad risk type, score out of range, unknown threat type, no message") {
        auto r = lint_rba("rba:\n  risk_objects:\n  - field: dest\n    type: host\n    score: 0\n"
                          "  threat_objects:\n  - field: user\n    type: username\n");
        CHECK(count_rule(r, "rba-schema") == 4);
        bool type_msg = false;
        for (const auto& d : r.diagnostics)
            if (d.rule == "rba-schema" && d.message.find("unknown type 'host'") != std::string::npos) {
                type_msg = true;
                CHECK(d.severity == Severity::Error);
                CHECK(d.pos.line > 1);
            }
        CHECK(type_msg);
        CHECK_FALSE(r.runnable);
    }
    SUBCASE("no risk objects") {
        CHECK(count_rule(lint_rba("rba:\n  message: m\n  risk_objects: []\n  threat_objects: []\n"), "rba-schema") == 1);
        CHECK(count_rule(lint_rba("rba:\n  message: m\n  threat_objects: []\n"), "rba-schema") == 1);
    }
    SUBCASE("an object field the search does not output") {
        auto r = lint_rba("rba:\n  message: m\n  risk_objects:\n  - field: src_user\n    type: user\n    score: 10\n  threat_objects: []\n");
        REQUIRE(count_rule(r, "rba-field") == 1);
        CHECK(find(r, "rba-field")->message.find("'src_user'") != std::string::npos);
        CHECK(r.runnable);
    }
}
