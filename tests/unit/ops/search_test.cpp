// The search command's matching rules (spl-semantics.md, "The search command").
#include "spl_pipeline.hpp"
#include "minispl/eval/wildcard.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

namespace {

std::vector<Event> sample() {
    return {
        ev({{"id", "1"}, {"user", "Alice"}, {"count", "5"}, {"_raw", "login ok for Alice ASIAXYZ"}}),
        ev({{"id", "2"}, {"user", "bob"}, {"count", "40"}, {"_raw", "login failed for bob"}}),
        ev({{"id", "3"}, {"count", "300"}, {"_raw", "system boot"}}),
        ev({{"id", "4"}, {"user", mv("carol", "ADMIN")}, {"count", "abc"}, {"_raw", "sudoedit -s \\ by carol"}}),
    };
}

Strings ids(std::string_view spl, std::vector<Event> in = sample()) { return column(run_spl(spl, std::move(in)), "id"); }

}  // namespace

TEST_CASE("search: field values compare case-insensitively, field names case-sensitively") {
    CHECK(ids("search user=alice") == Strings{"1"});
    CHECK(ids("search user=ALICE") == Strings{"1"});
    CHECK(ids("search User=alice").empty());
}

TEST_CASE("search: * is a wildcard anywhere in the value, also inside quotes") {
    CHECK(ids("search user=a*") == Strings{"1", "4"});  // ADMIN is a value of a multivalue
    CHECK(ids("search user=*o*") == Strings{"2", "4"});
    CHECK(ids("search user=\"b*b\"") == Strings{"2"});
    CHECK(ids("search _raw=\"login*for*\"") == Strings{"1", "2"});
}

TEST_CASE("search: field=* means the field exists") {
    CHECK(ids("search user=*") == Strings{"1", "2", "4"});
    CHECK(ids("search NOT user=*") == Strings{"3"});
}

TEST_CASE("search: a multivalue field matches if any value matches") {
    CHECK(ids("search user=admin") == Strings{"4"});
    CHECK(ids("search user=carol") == Strings{"4"});
}

TEST_CASE("search: != needs the field; NOT f=v also matches events without it") {
    CHECK(ids("search user!=bob") == Strings{"1", "4"});
    CHECK(ids("search NOT user=bob") == Strings{"1", "3", "4"});
    CHECK(ids("search user!=carol") == Strings{"1", "2"});  // no value of event 4 may match
}

TEST_CASE("search: IN is an OR of field= terms, wildcards apply") {
    CHECK(ids("search user IN (bob, \"ali*\")") == Strings{"1", "2"});
    CHECK(ids("search id IN (3)") == Strings{"3"});
    CHECK(ids("search NOT user IN (bob)") == Strings{"1", "3", "4"});
}

TEST_CASE("search: < <= > >= are numeric when both sides are numbers, else lexicographic") {
    // 40 and 300 numerically; "abc" against "10" is a string comparison, and "abc" > "10".
    CHECK(ids("search count>10") == Strings{"2", "3", "4"});
    CHECK(ids("search count<=40") == Strings{"1", "2"});
    // "abc" vs a number: compared as strings; "abc" > "10" lexicographically.
    CHECK(ids("search count>=a") == Strings{"4"});
}

TEST_CASE("search: implicit AND, OR binds tighter than AND, parentheses, NOT") {
    CHECK(ids("search login user=bob") == Strings{"2"});
    CHECK(ids("search user=bob OR user=alice count=5") == Strings{"1"});
    CHECK(ids("search (user=bob OR id=3) NOT count=300") == Strings{"2"});
}

TEST_CASE("search: bare terms and phrases match _raw case-insensitively as substrings, * wildcard") {
    CHECK(ids("search LOGIN") == Strings{"1", "2"});
    // Terms match whole segments of _raw, as Splunk's index lookup does: ASIA is not a segment
    // of "ASIAXYZ", ASIA* is; "login ok" is a phrase of segments.
    CHECK(ids("search ASIA") == Strings{});
    CHECK(ids("search ASIA*") == Strings{"1"});
    CHECK(ids("search asiaxyz") == Strings{"1"});
    CHECK(ids("search \"failed for\"") == Strings{"2"});
    CHECK(ids("search \"login failed bob\"").empty());
    CHECK(ids("search log*bob") == Strings{"2"});
    CHECK(ids("search sys*") == Strings{"3"});
}

TEST_CASE("search: bare terms without _raw look at every field value") {
    auto rows = run_spl("search bob", {ev({{"user", "bob"}}), ev({{"user", "alice"}})});
    CHECK(column(rows, "user") == Strings{"bob"});
}

TEST_CASE("search: TERM() matches a whole token, CASE() is case-sensitive") {
    CHECK(ids("search TERM(sudoedit)") == Strings{"4"});
    CHECK(ids("search TERM(sudo)").empty());
    CHECK(ids("search CASE(Alice)") == Strings{"1"});
    CHECK(ids("search CASE(alice)").empty());
}

TEST_CASE("search: sourcetype= and source= match the metadata fields, wildcards too") {
    std::vector<Event> in = {ev({{"id", "1"}, {"sourcetype", "aws:cloudtrail"}, {"source", "s3://bucket/a.json"}}),
                             ev({{"id", "2"}, {"sourcetype", "XmlWinEventLog"}, {"source", "WinEventLog:Security"}})};
    CHECK(ids("search sourcetype=aws:cloudtrail", in) == Strings{"1"});
    CHECK(ids("search sourcetype=aws:*", in) == Strings{"1"});
    CHECK(ids("search source=*Security", in) == Strings{"2"});
}

TEST_CASE("search: index= matches events without an index field (the inputs are the index)") {
    std::vector<Event> in = {ev({{"id", "1"}}), ev({{"id", "2"}, {"index", "main"}})};
    CHECK(ids("search index=*", in) == Strings{"1", "2"});
    CHECK(ids("search index=windows", in) == Strings{"1"});
    CHECK(ids("search index=main", in) == Strings{"1", "2"});
}

TEST_CASE("search: eventtype= matches only an eventtype field, with a warning") {
    ast::SearchCmd cmd{parse_search_expression("eventtype=wineventlog_security")};
    SearchOperator op(cmd, {});
    REQUIRE(op.warnings().size() == 1);
    CHECK(op.warnings()[0].severity == Severity::Warning);
    std::vector<Event> in = {ev({{"id", "1"}}), ev({{"id", "2"}, {"eventtype", "wineventlog_security"}})};
    CHECK(ids("search eventtype=wineventlog_security", in) == Strings{"2"});
}

TEST_CASE("search: earliest=/latest= bound _time") {
    std::vector<Event> in = {ev({{"id", "1"}, {"_time", "100"}}), ev({{"id", "2"}, {"_time", "200"}}),
                             ev({{"id", "3"}, {"_time", "300"}})};
    CHECK(ids("search earliest=200", in) == Strings{"2", "3"});
    CHECK(ids("search latest=300", in) == Strings{"1", "2"});
    CHECK(ids("search earliest=150 latest=250", in) == Strings{"2"});
    OpContext ctx;
    ctx.eval.now = 86400 * 10 + 3600;  // day 10, 01:00
    std::vector<Event> days = {ev({{"id", "1"}, {"_time", std::to_string(86400 * 9)}}),
                               ev({{"id", "2"}, {"_time", std::to_string(86400 * 10 + 60)}})};
    CHECK(column(run_spl("search earliest=@d", days, ctx), "id") == Strings{"2"});
    CHECK(column(run_spl("search earliest=-1d@d", days, ctx), "id") == Strings{"1", "2"});
    CHECK(column(run_spl("search earliest=01/11/1970:00:00:00", days, ctx), "id") == Strings{"2"});
}

TEST_CASE("search: an unreadable time modifier is reported as unsupported") {
    try {
        compile_spl("search earliest=yesterday-ish");
        FAIL("expected an error");
    } catch (const SplError& e) {
        CHECK(e.diagnostic().rule == "unsupported");
        CHECK(std::string(e.what()).find("yesterday-ish") != std::string::npos);
    }
}

TEST_CASE("search: CIDR values match IPv4 addresses") {
    std::vector<Event> in = {ev({{"id", "1"}, {"ip", "10.1.2.3"}}), ev({{"id", "2"}, {"ip", "192.168.0.1"}})};
    CHECK(ids("search ip=10.0.0.0/8", in) == Strings{"1"});
    CHECK(ids("search NOT ip=10.0.0.0/8", in) == Strings{"2"});
}

TEST_CASE("search: subsearch nodes are rejected until the compiler has run them") {
    ast::SearchExpr sub;
    sub.kind = ast::SearchExpr::Kind::Subsearch;
    CHECK_THROWS_AS(SearchMatcher(sub, EvalContext{}), SplError);
}

TEST_CASE("search: with no expression everything passes") {
    ast::SearchCmd cmd;
    CHECK(run_op(std::make_unique<SearchOperator>(cmd, OpContext{}), sample()).size() == 4);
    CHECK(ids("search *") == Strings{"1", "2", "3", "4"});
}

TEST_CASE("bare terms match on segment boundaries (major and minor breakers)") {
    CHECK(term_match("admin", "user=admin logged in"));
    CHECK_FALSE(term_match("adm", "user=admin logged in"));
    CHECK(term_match("10.0.0", "src 10.0.0.1 port"));          // minor breaker '.' after the match
    CHECK_FALSE(term_match("0.0.0", "src 10.0.0.1"));          // would start inside the segment "10"
    CHECK(term_match("CreateAccessKey", R"({"eventName":"CreateAccessKey"})"));
    CHECK_FALSE(term_match("Create", R"({"eventName":"CreateAccessKey"})"));
    CHECK(term_match("Create*", R"({"eventName":"CreateAccessKey"})"));
    CHECK(term_match("*AccessKey", R"({"eventName":"CreateAccessKey"})"));
    CHECK(term_match("login ok", "LOGIN OK for alice"));
    CHECK_FALSE(term_match("in logged", "ADMIN LOGGED in"));
    CHECK_FALSE(term_match("Login", "login", false));           // CASE()
}
