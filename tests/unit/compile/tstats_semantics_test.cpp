// One test per CIM/tstats fact of ../shared/reference/windows-cim-facts.md sections 3.1, 3.3 and 4
// that the code implements (docs/tstats-coverage.md lists them). Each runs SPL end to end over
// hand-made events (already carrying the add-on fields and tags, as the sourcetype layer gives
// them) with a small data model written here, so that a test says which fact it checks.
#include "../ops/op_test_util.hpp"
#include "../../support/scratch_dir.hpp"

#include "minispl/compile/compiler.hpp"
#include "minispl/core/diagnostic.hpp"
#include "minispl/datamodels/datamodel.hpp"
#include "minispl/datamodels/dataset_records.hpp"
#include "minispl/macros/expander.hpp"
#include "minispl/macros/macro_table.hpp"
#include "minispl/parse/parser.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

using namespace minispl;
using namespace minispl::test;

namespace {

// A reduced CIM: the constraints and calculated fields as in windows-cim-facts.md 3.2.
const char* kEndpoint = R"(model: Endpoint
datasets:
  - name: Processes
    parent: BaseSearch
    constraint: 'tag=process tag=report'
    evals:
      - process_integrity_level: lower(process_integrity_level)
    fields: [process_id, process_integrity_level, process_hash, tag]
    calculated:
      - dest: 'if(isnull(dest) OR dest="","unknown",dest)'
      - process_name: 'if(isnull(process_name) OR process_name="","unknown",process_name)'
      - user: 'if(isnull(user) OR user="","unknown",user)'
      - user_upper: 'upper(user)'
  - name: Ports
    parent: BaseSearch
    constraint: 'tag=listening tag=port'
    evals:
      - transport_dest_port: 'mvzip(transport,dest_port,"/")'
    expand: transport_dest_port
    fields: [transport_dest_port]
)";
const char* kAuthentication = R"(model: Authentication
datasets:
  - name: Authentication
    constraint: 'tag=authentication NOT (action=success user=*$)'
    fields: [signature, tag]
    calculated:
      - action: 'if(isnull(action) OR action="","unknown",action)'
      - user: 'if(isnull(user) OR user="","unknown",user)'
      - src: 'if(isnull(src) OR src="","unknown",src)'
  - name: Failed_Authentication
    parent: Authentication
    constraint: 'action="failure"'
  - name: Successful_Authentication
    parent: Authentication
    constraint: 'action="success"'
)";
const char* kChange = R"(model: Change
datasets:
  - name: All_Changes
    constraint: 'tag=change'
    fields: [vendor_region]
    calculated:
      - user: 'if(isnull(user) OR user="","unknown",user)'
  - name: Account_Management
    parent: All_Changes
    constraint: 'tag=account'
    calculated:
      - src_user: 'if(isnull(src_user) OR src_user="","unknown",src_user)'
)";

const DataModelRegistry& models() {
    static const DataModelRegistry reg = [] {
        std::filesystem::path dir = scratch_dir() / "datamodels";
        std::filesystem::create_directories(dir);
        write_scratch_file("datamodels/Endpoint.yml", kEndpoint);
        write_scratch_file("datamodels/Authentication.yml", kAuthentication);
        write_scratch_file("datamodels/Change.yml", kChange);
        return DataModelRegistry(dir);
    }();
    return reg;
}

std::vector<Event> run(std::string_view spl, std::vector<Event> input) {
    MacroTable macros;  // the built-ins: drop_dm_object_name
    auto pipeline = parse_search(expand_macros(spl, macros, {}).text);
    CompileContext ctx;
    ctx.op.datamodels = &models();
    auto compiled = compile_pipeline(*pipeline, ctx);
    for (auto& e : input) compiled->head().push(std::move(e));
    compiled->finish();
    return std::move(compiled->sink.rows);
}

Event one(std::string_view spl, std::vector<Event> input) {
    auto rows = run(spl, std::move(input));
    REQUIRE_MESSAGE(rows.size() == 1, spl << ": " << rows.size() << " rows");
    return rows.front();
}

std::string str(const Event& e, const char* f) { return e.get(f).to_string(); }
using Strings = std::vector<std::string>;

Event process(const char* dest, const char* name, FieldValue tags = mv("process", "report")) {
    return ev({{"_time", "1000"}, {"dest", dest}, {"process_name", name}, {"tag", tags}, {"sourcetype", "xmlwineventlog"},
               {"source", "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational"}, {"host", "h1"}});
}

}  // namespace

TEST_CASE("cim 3.1: an event is in a dataset when it has every tag of the constraint (tags are multivalue)") {
    std::vector<Event> in = {process("a", "x.exe"), process("b", "y.exe", mv("process")), process("c", "z.exe", "report")};
    auto r = one("| tstats count from datamodel=Endpoint.Processes", in);
    CHECK(str(r, "count") == "1");
}

TEST_CASE("cim 3.1: a child dataset ANDs its constraint onto its parent's; nodename= selects it") {
    std::vector<Event> in = {
        ev({{"tag", "authentication"}, {"action", "failure"}, {"user", "bob"}}),
        ev({{"tag", "authentication"}, {"action", "success"}, {"user", "alice"}}),
        ev({{"tag", "authentication"}, {"action", "success"}, {"user", "HOST$"}}),  // the root's NOT
        ev({{"action", "failure"}, {"user", "eve"}}),                                // no tag
    };
    CHECK(str(one("| tstats count from datamodel=Authentication", in), "count") == "2");
    auto failed = one("| tstats count from datamodel=Authentication where nodename=Authentication.Failed_Authentication "
                      "by Authentication.user", in);
    CHECK(str(failed, "Authentication.user") == "bob");
    auto ok = run("| tstats count from datamodel=Authentication.Authentication "
                  "where nodename=Authentication.Successful_Authentication by Authentication.user", in);
    REQUIRE(ok.size() == 1);
    CHECK(str(ok[0], "Authentication.user") == "alice");
}

TEST_CASE("cim 3.1: the fillnull evals make missing key fields \"unknown\", so BY keeps the row") {
    std::vector<Event> in = {ev({{"tag", mv("process", "report")}, {"process_name", "cmd.exe"}})};  // no dest, no user
    auto r = one("| tstats count from datamodel=Endpoint.Processes by Processes.dest Processes.user", in);
    CHECK(str(r, "Processes.dest") == "unknown");
    CHECK(str(r, "Processes.user") == "unknown");
}

TEST_CASE("cim 3.1 / tstats 4.5: a field without a fillnull eval stays null: the row is dropped, fillnull_value keeps it") {
    std::vector<Event> in = {process("a", "x.exe")};  // no process_id
    CHECK(run("| tstats count from datamodel=Endpoint.Processes by Processes.process_id", in).empty());
    auto r = one("| tstats fillnull_value=null count from datamodel=Endpoint.Processes by Processes.process_id", in);
    CHECK(str(r, "Processes.process_id") == "null");  // the literal string, as security_content_summariesonly sets
    auto dash = one("| tstats summariesonly=false allow_old_summaries=true fillnull_value=\"-\" count "
                    "from datamodel=Endpoint.Processes by Processes.dest Processes.process_id", in);
    CHECK(str(dash, "Processes.process_id") == "-");
    CHECK(str(dash, "Processes.dest") == "a");
}

TEST_CASE("cim 3.1: _time, host, source, sourcetype are unprefixed; tag is a dataset field") {
    std::vector<Event> in = {process("a", "x.exe")};
    auto r = one("| tstats values(source) as source values(Processes.tag) as tags min(_time) as first "
                 "from datamodel=Endpoint.Processes where sourcetype=xmlwineventlog host=h1 by Processes.dest", in);
    CHECK(str(r, "source") == "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational");
    CHECK(r.get("tags").mv_values() == Strings{"process", "report"});
    CHECK(str(r, "first") == "1000");
}

TEST_CASE("cim 3.1: only fields the data model defines exist (Processes.Image is null)") {
    std::vector<Event> in = {ev({{"tag", mv("process", "report")}, {"Image", "C:\\x.exe"}})};
    CHECK(run("| tstats count from datamodel=Endpoint.Processes by Processes.Image", in).empty());
    CHECK(str(one("| tstats count(Processes.Image) as n from datamodel=Endpoint.Processes", in), "n") == "0");
}

TEST_CASE("cim 3.1: a child's fields carry the whole lineage; inherited fields keep the root prefix") {
    std::vector<Event> in = {ev({{"tag", mv("change", "account")}, {"user", "u"}, {"src_user", "admin"}}),
                             ev({{"tag", "change"}, {"user", "v"}})};
    auto rows = run("| tstats count from datamodel=Change by All_Changes.user All_Changes.Account_Management.src_user", in);
    REQUIRE(rows.size() == 1);  // the second event is not in Account_Management: its src_user is null
    CHECK(str(rows[0], "All_Changes.Account_Management.src_user") == "admin");
    CHECK(str(rows[0], "All_Changes.user") == "u");
    auto dropped = run("| tstats count from datamodel=Change by All_Changes.user "
                       "| `drop_dm_object_name(\"All_Changes\")`", in);
    REQUIRE(dropped.size() == 2);
    CHECK(str(dropped[0], "user") == "u");
}

TEST_CASE("cim 3.1: from datamodel=X without a dataset is its single root") {
    std::vector<Event> in = {ev({{"tag", "change"}})};
    CHECK(str(one("| tstats count from datamodel=Change", in), "count") == "1");
    CHECK_THROWS_WITH_AS(run("| tstats count from datamodel=Endpoint", in), doctest::Contains("root datasets"), SplError);
}

TEST_CASE("cim 3.1: calculated fields run in declared order, each seeing the ones before; base-search evals first") {
    std::vector<Event> in = {ev({{"tag", mv("process", "report")}, {"process_integrity_level", "HIGH"}})};
    auto r = one("| tstats count from datamodel=Endpoint.Processes by Processes.user_upper Processes.process_integrity_level", in);
    CHECK(str(r, "Processes.user_upper") == "UNKNOWN");  // upper() of the user fillnull just before it
    CHECK(str(r, "Processes.process_integrity_level") == "high");
}

TEST_CASE("cim 3.2: a base search's mvexpand gives one record per value (Endpoint.Ports)") {
    std::vector<Event> in = {ev({{"tag", mv("listening", "port")}, {"transport", mv("tcp", "udp")}, {"dest_port", mv("53", "53")}})};
    auto r = one("| tstats values(Ports.transport_dest_port) as tdp count from datamodel=Endpoint.Ports", in);
    CHECK(r.get("tdp").mv_values() == Strings{"tcp/53", "udp/53"});
    CHECK(str(r, "count") == "2");
}

TEST_CASE("tstats 4.3-4.4: functions and output names as stats gives them") {
    std::vector<Event> in = {process("a", "b.exe"), process("a", "a.exe"), process("a", "B.exe"), process("b", "a.exe")};
    auto r = run("| tstats count dc(Processes.process_name) values(Processes.process_name) max(_time) as lastTime "
                 "from datamodel=Endpoint.Processes by Processes.dest", in);
    REQUIRE(r.size() == 2);
    CHECK(str(r[0], "Processes.dest") == "a");
    CHECK(str(r[0], "count") == "3");
    CHECK(str(r[0], "dc(Processes.process_name)") == "3");
    CHECK(r[0].get("values(Processes.process_name)").mv_values() == Strings{"B.exe", "a.exe", "b.exe"});  // lexicographic
    CHECK(str(r[0], "lastTime") == "1000");
}

TEST_CASE("tstats 4.7: where has search-command semantics (wildcards, IN, NOT, case-insensitive, escaped backslash, quoted names)") {
    Event a = process("a", "powershell.exe");
    a.set("process_name", Value::string("PowerShell.EXE"));
    Event b = process("b", "cmd.exe");
    Event c = process("c", "C:\\Windows\\x.exe");
    std::vector<Event> in = {a, b, c};
    CHECK(run("| tstats count from datamodel=Endpoint.Processes where Processes.process_name=power*.exe by Processes.dest", in).size() == 1);
    CHECK(run("| tstats count from datamodel=Endpoint.Processes where Processes.process_name IN (\"cmd.exe\", \"powershell.exe\") "
              "by Processes.dest", in).size() == 2);
    CHECK(run("| tstats count from datamodel=Endpoint.Processes where NOT Processes.process_name=cmd.exe by Processes.dest", in).size() == 2);
    CHECK(run("| tstats count from datamodel=Endpoint.Processes where Processes.process_name=\"*\\\\Windows\\\\*\" "
              "by Processes.dest", in).size() == 1);
    CHECK(run("| tstats count from datamodel=Endpoint.Processes where \"Processes.dest\"=\"b\" by Processes.dest", in).size() == 1);
}

TEST_CASE("tstats 4.8: by _time span= floors _time to the span") {
    Event a = process("a", "x.exe"), b = process("a", "x.exe"), c = process("a", "x.exe");
    a.set("_time", Value::string("3600"));
    b.set("_time", Value::string("7199"));
    c.set("_time", Value::string("7200"));
    auto r = run("| tstats count from datamodel=Endpoint.Processes by _time span=1h Processes.dest", {a, b, c});
    REQUIRE(r.size() == 2);
    CHECK(str(r[0], "_time") == "3600");
    CHECK(str(r[0], "count") == "2");
    CHECK(str(r[1], "_time") == "7200");
}

TEST_CASE("tstats 4.10: a multivalue by-field splits into one row per value") {
    Event e = process("a", "x.exe");
    e.set("process_hash", Value::multi({"MD5=1", "SHA256=2"}));
    auto r = run("| tstats count from datamodel=Endpoint.Processes by Processes.process_hash", {e});
    CHECK(column(r, "Processes.process_hash") == Strings{"MD5=1", "SHA256=2"});
}

TEST_CASE("tstats 4.1, 4.11: options accepted offline; prestats=true refused as unsupported") {
    std::vector<Event> in = {process("a", "x.exe")};
    CHECK(run("| tstats local=false chunk_size=1000 include_reduced_buckets=true count from datamodel=Endpoint.Processes", in).size() == 1);
    CHECK_THROWS_WITH_AS(run("| tstats prestats=true count from datamodel=Endpoint.Processes", in),
                         doctest::Contains("prestats"), SplError);
}

TEST_CASE("tstats without a data model: over the events' own fields") {
    std::vector<Event> in = {ev({{"index", "main"}, {"sourcetype", "a"}}), ev({{"index", "main"}, {"sourcetype", "b"}}),
                             ev({{"index", "other"}, {"sourcetype", "a"}})};
    auto r = run("| tstats count where index=main by sourcetype", in);
    CHECK(column(r, "sourcetype") == Strings{"a", "b"});
}

TEST_CASE("an unknown data model or dataset is an error naming what exists") {
    CHECK_THROWS_WITH_AS(run("| tstats count from datamodel=Nope.X", {}), doctest::Contains("Authentication, Change, Endpoint"), SplError);
    CHECK_THROWS_WITH_AS(run("| tstats count from datamodel=Endpoint.Nope", {}), doctest::Contains("Processes"), SplError);
    try {
        run("| tstats count from datamodel=Endpoint.Nope", {});
    } catch (const SplError& e) {
        CHECK(e.diagnostic().rule == "unknown-dataset");
        CHECK(e.diagnostic().offset == 30);  // where `from datamodel=` names it
    }
}

TEST_CASE("| datamodel M D search and | from datamodel:M.D give the dataset's events with prefixed fields") {
    std::vector<Event> in = {process("a", "x.exe"), ev({{"tag", "other"}})};
    in[0].set("_raw", Value::string("<Event/>"));
    auto r = one("| datamodel Endpoint Processes search", in);
    CHECK(str(r, "Processes.dest") == "a");
    CHECK(str(r, "_raw") == "<Event/>");
    CHECK(str(one("| from datamodel:Endpoint.Processes", in), "Processes.process_name") == "x.exe");
    CHECK(str(one("| from datamodel:\"Endpoint.Processes\" | stats count", in), "count") == "1");
    // the same data as tstats (Splunk documents both over the same dataset)
    auto t = one("| tstats count from datamodel=Endpoint.Processes by Processes.dest", in);
    auto d = one("| datamodel Endpoint Processes search | stats count by Processes.dest", in);
    CHECK(str(t, "count") == str(d, "count"));
}

TEST_CASE("records kept to what tstats reads: same values, only the calculated fields needed, projection shrinks") {
    const DataModel& m = *models().find("Authentication");
    const Dataset& target = *m.find("Authentication");
    DatasetRecords full(m, target);
    DatasetRecords kept(m, target);
    // Failed_Authentication's constraint reads action, written by the root's calculated action.
    kept.keep_only({"_time", "Authentication.user", "nodename"});
    std::vector<Event> in = {ev({{"_time", "5"}, {"tag", "authentication"}, {"action", "failure"}, {"src", "10.0.0.1"}}),
                             ev({{"_time", "6"}, {"tag", "authentication"}, {"user", "bob"}, {"signature", "x"}})};
    for (const Event& e : in) {
        std::vector<Event> a, b;
        full.records(e, a);
        kept.records(e, b);
        REQUIRE(a.size() == b.size());
        for (size_t i = 0; i < a.size(); ++i) {
            for (const char* f : {"_time", "Authentication.user", "nodename"}) CHECK(a[i].get(f) == b[i].get(f));
            CHECK_FALSE(b[i].has("Authentication.src"));  // not read: not made
            CHECK_FALSE(b[i].has("host"));
        }
    }
    std::vector<Event> r;
    kept.records(in[0], r);
    REQUIRE(r.size() == 1);
    CHECK(r[0].get("nodename").mv_size() == 2);  // Authentication and Failed_Authentication
    const auto& reads = kept.event_fields_read();
    CHECK(std::find(reads.begin(), reads.end(), "src") == reads.end());  // src's calculated field dropped
    CHECK(std::find(reads.begin(), reads.end(), "action") != reads.end());  // a child's constraint reads it
    CHECK(std::find(reads.begin(), reads.end(), "user") != reads.end());
    const auto& all = full.event_fields_read();
    CHECK(std::find(all.begin(), all.end(), "src") != all.end());
}
