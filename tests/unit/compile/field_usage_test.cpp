// input_fields_read: the input fields a pipeline reads, for field projection in the JSON reader.
#include "minispl/compile/field_usage.hpp"
#include "minispl/core/diagnostic.hpp"
#include "minispl/macros/expander.hpp"
#include "minispl/macros/macro_table.hpp"
#include "minispl/parse/parser.hpp"
#include "minispl/rules/detection.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

using namespace minispl;

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
    static String convert(const std::vector<std::string>& names) {
        std::string out = "{";
        for (const auto& n : names) out += (out.size() > 1 ? ", " : "") + n;
        return (out + "}").c_str();
    }
};
}  // namespace doctest

namespace {

using Names = std::vector<std::string>;

FieldUsage usage(std::string_view spl) { return input_fields_read(*parse_search(spl)); }

//! The names when the pipeline is narrowed; a marker when it reads every field.
Names narrowed(std::string_view spl) {
    FieldUsage u = usage(spl);
    return u.all ? Names{"<all>"} : u.names;
}

const Names kAll{"<all>"};

}  // namespace

TEST_CASE("field usage: a CloudTrail rule reads its search, bin and stats fields, not what stats writes") {
    CHECK(narrowed("sourcetype=aws:cloudtrail eventName IN (\"A\",\"B\") src_ip!=\"x\" | bin _time span=5m "
                   "| stats count dc(eventName) as d values(requestParameters.attributeType) as t "
                   "by _time userName src_ip aws_account_id | where d >= 2") ==
          Names{"_time", "aws_account_id", "eventName", "requestParameters.attributeType", "sourcetype", "src_ip",
                "userName"});
    CHECK(narrowed("eventType=AwsApiCall | stats count dc(src_ip) by eventSource eventName awsRegion") ==
          Names{"awsRegion", "eventName", "eventSource", "eventType", "src_ip"});
}

TEST_CASE("field usage: without a closing command the results are whole events") {
    CHECK(narrowed("eventName=X") == kAll);
    CHECK(narrowed("eventName=X | eval a=1 | where a=1") == kAll);
    CHECK(narrowed("eventName=X | fields - a") == kAll);
}

TEST_CASE("field usage: bare terms read _raw; earliest/latest read _time") {
    CHECK(narrowed("foo | stats count") == Names{"_raw"});
    CHECK(narrowed("TERM(10.0.0.1) | stats count") == Names{"_raw"});
    CHECK(narrowed("earliest=-24h latest=now x=1 | stats count") == Names{"_time", "x"});
    // After _raw is removed or replaced a bare term searches another text: every field.
    CHECK(narrowed("x=1 | fields - _raw | search foo | stats count") == kAll);
    CHECK(narrowed("x=1 | eval _raw=y | search foo | stats count") == kAll);
    CHECK(narrowed("x=1 | rename _raw as r | search foo | stats count") == kAll);
    CHECK(narrowed("x=1 | fields - y | search foo | stats count") == Names{"_raw", "_time", "x", "y"});
}

TEST_CASE("field usage: a generating first command reads no input events") {
    for (const char* spl : {"| inputlookup t.csv", "| mstats avg(x) where index=m"}) {
        CAPTURE(spl);
        FieldUsage u = usage(spl);
        CHECK_FALSE(u.all);
        CHECK(u.names.empty());
        CHECK_FALSE(u.reads("_time"));
    }
    CHECK(narrowed("| search x=1 | stats count") == Names{"x"});
    // tstats, datamodel and from run over the input events (offline, the index): whole events,
    // since a dataset's constraint (tags), evals and calculated fields may read any field.
    for (const char* spl : {"| tstats count from datamodel=X where X.a=1 by X.b", "| datamodel M D search",
                            "| from datamodel:M.D"}) {
        CAPTURE(spl);
        CHECK(reads_input_events(*parse_search(spl)));
        CHECK(usage(spl).all);  // (X is no data model: everything)
    }
    // Over the project's Endpoint.Processes: what its records are made of, not the whole event.
    FieldUsage p = usage("| tstats count from datamodel=Endpoint.Processes where Processes.process_name=cmd.exe by Processes.dest");
    CHECK_FALSE(p.all);
    for (const char* f : {"tag", "dest", "process_name", "process", "process_integrity_level", "_time", "sourcetype"})
        CHECK_MESSAGE(p.reads(f), f);
    CHECK_FALSE(p.reads("Processes.process_name"));
}

TEST_CASE("field usage: wildcards and commands whose reads cannot be listed read everything") {
    CHECK(narrowed("x=1 | stats values(*) as * by x") == kAll);
    CHECK(narrowed("x=1 | stats values(requestParameters.*) as p by x") == kAll);
    CHECK(narrowed("x=1 | foreach * [eval <<FIELD>>=1] | stats count") == kAll);
    CHECK(narrowed("x=1 | frobnicate y | stats count") == kAll);
    CHECK(narrowed("x=1 | mvcombine y | stats count by y") == kAll);     // groups by every other field
    CHECK(narrowed("x=1 | transaction user maxspan=5m | stats count") == kAll);
    CHECK(narrowed("x=1 | convert ctime(*) | stats count") == kAll);
    CHECK(narrowed("x=1 | addtotals | stats count") == kAll);
    CHECK(narrowed("x=1 | join [search y=1] | stats count") == kAll);  // joins on the common fields
    CHECK(narrowed("x=1 [search y=1 | fields z] | stats count") == kAll);
    CHECK(narrowed("x=1 | map search=\"search a=$b$\" | stats count") == kAll);
    CHECK(narrowed("x=1 | outputlookup t.csv | stats count") == kAll);
    CHECK(narrowed("x=1 | streamstats reset_after=\"(y>1)\" count | stats count") == kAll);
}

TEST_CASE("field usage: eval, where and stats(eval(...)) read the fields of their expressions") {
    CHECK(narrowed("x=1 | eval a=lower(b) | stats count by a") == Names{"a", "b", "x"});
    CHECK(narrowed("x=1 | where mvcount(mvfilter(match(y, \"a\"))) > 0 | stats count") == Names{"x", "y"});
    CHECK(narrowed("x=1 | stats count(eval(status>=400)) as errors sum(bytes) by host") ==
          Names{"bytes", "host", "status", "x"});
    // A non-closing stats keeps what it writes (harmless); the closing one does not.
    CHECK(narrowed("x=1 | eventstats count as n by u | streamstats window=5 dc(v) | where n > 1 | stats count by u") ==
          Names{"_time", "dc(v)", "n", "u", "v", "x"});
}

TEST_CASE("field usage: table, fields, top and timechart close the pipeline") {
    CHECK(narrowed("x=1 | table a b | eval c=d") == Names{"_time", "a", "b", "x"});
    CHECK(narrowed("x=1 | table a*") == kAll);
    CHECK(narrowed("x=1 | fields a b") == Names{"_raw", "_time", "a", "b", "x"});  // fields keeps _raw
    CHECK(narrowed("x=1 | fields + a*") == kAll);
    CHECK(narrowed("x=1 | top limit=5 a by b") == Names{"_time", "a", "b", "x"});
    CHECK(narrowed("x=1 | rare a") == Names{"_time", "a", "x"});
    CHECK(narrowed("x=1 | timechart span=1h count by a") == Names{"_time", "a", "x"});
}

TEST_CASE("field usage: the field lists of the streaming commands") {
    CHECK(narrowed("x=1 | dedup a sortby -b +c | sort - d | head 5 | table a") ==
          Names{"_time", "a", "b", "c", "d", "x"});
    CHECK(narrowed("x=1 | head (e > 1) keeplast=true | tail 3 | table a") == Names{"_time", "a", "e", "x"});
    CHECK(narrowed("x=1 | lookup t col AS f OUTPUT o AS p | stats count by p") ==
          Names{"col", "f", "o", "p", "x"});
    CHECK(narrowed("x=1 | lookup t f | stats count by p") == Names{"f", "p", "x"});
    CHECK(narrowed("x=1 | rex \"(?<u>\\w+)\" | stats count by u") == Names{"_raw", "u", "x"});
    CHECK(narrowed("x=1 | rex field=cmd max_match=0 \"(?<u>\\w+)\" | stats count by u") ==
          Names{"cmd", "u", "x"});
    CHECK(narrowed("x=1 | regex \"a+\" | regex f!=\"b\" | stats count") == Names{"_raw", "f", "x"});
    CHECK(narrowed("x=1 | spath path=a.b output=c | stats count by c") == Names{"_raw", "a.b", "c", "x"});
    CHECK(narrowed("x=1 | spath input=msg | stats count by k") == Names{"k", "msg", "x"});
    CHECK(narrowed("x=1 | rename a as b, c as d | convert ctime(e) as f | bin t span=1h | stats count by b") ==
          Names{"a", "b", "c", "d", "e", "f", "t", "x"});
    CHECK(narrowed("x=1 | fillnull value=NULL a | makemv delim=\",\" m | mvexpand m | iplocation ip | stats count by "
                   "Country") == Names{"Country", "a", "ip", "m", "x"});
    CHECK(narrowed("x=1 | replace \"a\" WITH \"b\" IN r | addtotals fieldname=tot p q | stats sum(tot)") ==
          Names{"p", "q", "r", "tot", "x"});
}

TEST_CASE("field usage: a wildcard rename maps each name read after it back to its source") {
    CHECK(narrowed("x=1 | rename requestParameters.* as * | stats count by bucketName user") ==
          Names{"bucketName", "requestParameters.bucketName", "requestParameters.user",
                "requestParameters.x", "user", "x"});
    // Chains resolve last rename first.
    CHECK(narrowed("x=1 | rename a.* as b.* | rename b.* as c.* | stats count by c.u") ==
          Names{"a.u", "b.u", "c.u", "x"});
    CHECK(narrowed("x=1 | rename a*b* as c*d* | stats count") == kAll);  // more than one `*`: ambiguous
    CHECK(narrowed("x=1 | rename * as r_* | search foo | stats count") == kAll);  // _raw renamed away
}

TEST_CASE("field usage: fillnull and replace without a field list change each field by itself") {
    // A field read later gets the same values whether or not the rows hold the other fields.
    CHECK(narrowed("x=1 | fillnull value=0 | stats count by u") == Names{"u", "x"});
    CHECK(narrowed("x=1 | replace \"a\" WITH \"b\" | stats count by u") == Names{"u", "x"});
    CHECK(narrowed("x=1 | fillnull value=0 a* | stats count by u") == kAll);
}

TEST_CASE("field usage: subsearch commands") {
    // The subsearch of join/append runs over the inputs by itself; this side reads the join fields.
    CHECK(narrowed("x=1 | join type=left u [search y=1 | fields u v] | stats count by v") ==
          Names{"u", "v", "x"});
    CHECK(narrowed("x=1 | append [search y=1] | stats count by v") == Names{"_time", "v", "x"});
    // appendpipe runs over the rows so far.
    CHECK(narrowed("x=1 | appendpipe [| stats count by u] | stats count by v") == Names{"_time", "u", "v", "x"});
    CHECK(narrowed("x=1 | appendpipe [| eval u=1] | stats count by v") == kAll);
}

TEST_CASE("field usage: _time only when something reads it, sorts by it or bounds it") {
    CHECK_FALSE(usage("x=1 | stats count by u").reads("_time"));
    CHECK(usage("x=1 | bin _time span=5m | stats count by _time").reads("_time"));
    CHECK(usage("x=1 earliest=-1d | stats count").reads("_time"));
    CHECK(usage("x=1 | stats earliest(u) by v").reads("_time"));
    CHECK(usage("x=1 | stats first(u) by v").reads("_time"));       // sorted newest first before it
    CHECK(usage("x=1 | dedup u | stats count by u").reads("_time"));  // ditto
    CHECK(usage("x=1 | table u v").reads("_time"));
    CHECK(usage("x=1 | timechart count by u").reads("_time"));
    CHECK(usage("x=1 | eventstats latest(u) as l by v | stats count by l").reads("_time"));
}

TEST_CASE("field usage: metadata fields are ordinary names") {
    CHECK(narrowed("index=main source=\"a.log\" host=h | stats count") ==
          Names{"host", "index", "source"});
    FieldUsage u = usage("sourcetype=x | stats count by user");
    CHECK(u.reads("sourcetype"));
    CHECK(u.reads("user"));
    CHECK_FALSE(u.reads("_time"));  // nothing sorts by it or bounds it
    CHECK_FALSE(u.reads("host"));
    CHECK_FALSE(u.reads("_raw"));
    CHECK(usage("x=1").reads("anything"));
}

TEST_CASE("field usage: corpus detections never throw") {
    const auto corpus = std::filesystem::path(MINISPL_SHARED_DIR) / "security_content";
    if (!std::filesystem::is_directory(corpus / "detections")) {
        MESSAGE("security_content corpus not found at " << corpus.string());
        return;
    }
    MacroTable macros;
    macros.load_directory(corpus / "macros");
    size_t rules = 0, parsed = 0, narrow = 0, generating = 0;
    for (const auto& f : find_rule_files({corpus / "detections"})) {
        ++rules;
        Detection d = load_detection(f);
        ExpandOptions o;
        o.filter_macro = d.filter_macro_name();
        ast::PipelinePtr p;
        try {
            p = parse_search(expand_macros(d.search, macros, o).text);
        } catch (const SplError&) {
            continue;  // the parser's corpus test owns syntax
        }
        ++parsed;
        CAPTURE(f.string());
        FieldUsage u;
        CHECK_NOTHROW(u = input_fields_read(*p));
        if (!u.all) ++(u.names.empty() ? generating : narrow);
        CHECK(std::is_sorted(u.names.begin(), u.names.end()));
        CHECK(std::adjacent_find(u.names.begin(), u.names.end()) == u.names.end());
    }
    MESSAGE("field usage: " << rules << " rules, " << parsed << " parsed, " << narrow << " read a known field list, "
                            << generating << " read no input events, " << parsed - narrow - generating
                            << " read every field");
    CHECK(rules == 1711);
    CHECK(narrow >= 700);  // 741 when written: fewer means a rule that was narrowed reads everything now
}
