// join / append / appendpipe / foreach / map / `[search ...]` and the order-sensitive new
// commands, end to end through compile_pipeline with subsearches over the same events.
#include "../ops/op_test_util.hpp"

#include "minispl/compile/compiler.hpp"
#include "minispl/core/diagnostic.hpp"
#include "minispl/macros/macro_table.hpp"
#include "minispl/parse/parser.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

namespace {

std::vector<Event> run(std::string_view spl, std::vector<Event> input, const MacroTable* macros = nullptr) {
    auto pipeline = parse_search(spl);
    CompileContext ctx;
    ctx.macros = macros;
    std::vector<Event> index = input;
    SubsearchRunner sub = [&](const ast::Pipeline& p) {
        auto compiled = compile_pipeline(p, ctx);
        if (!p.leading_pipe)
            for (const auto& e : index) compiled->head().push(e);
        compiled->finish();
        return std::move(compiled->sink.rows);
    };
    ctx.run_subsearch = sub;
    auto compiled = compile_pipeline(*pipeline, ctx);
    for (auto& e : input) compiled->head().push(std::move(e));
    compiled->finish();
    return std::move(compiled->sink.rows);
}

std::vector<Event> logons() {
    return {ev({{"_time", 10}, {"EventCode", "4624"}, {"TargetLogonId", "0x1"}, {"user", "alice"}}),
            ev({{"_time", 20}, {"EventCode", "4672"}, {"SubjectLogonId", "0x1"}}),
            ev({{"_time", 30}, {"EventCode", "4624"}, {"TargetLogonId", "0x2"}, {"user", "bob"}}),
            ev({{"_time", 40}, {"EventCode", "4672"}, {"SubjectLogonId", "0x3"}})};
}

}  // namespace

TEST_CASE("search [search ...]: the subsearch's rows become an OR of field=value") {
    auto rows = run("search EventCode=4624 [search EventCode=4672 | rename SubjectLogonId as TargetLogonId | fields TargetLogonId]",
                    logons());
    CHECK(column(rows, "user") == Strings{"alice"});
    rows = run("search EventCode=4624 NOT [search EventCode=4672 | rename SubjectLogonId as TargetLogonId | fields TargetLogonId]",
               logons());
    CHECK(column(rows, "user") == Strings{"bob"});
}

TEST_CASE("join over the same events: inner, left, max=0") {
    auto rows = run("search EventCode=4624 | join TargetLogonId [search EventCode=4672 | rename SubjectLogonId as TargetLogonId "
                    "| eval privileged=1 | fields TargetLogonId privileged]",
                    logons());
    CHECK(column(rows, "user") == Strings{"alice"});
    CHECK(column(rows, "privileged") == Strings{"1"});
    rows = run("search EventCode=4624 | join type=left TargetLogonId [search EventCode=4672 | rename SubjectLogonId as "
               "TargetLogonId | eval privileged=1 | fields TargetLogonId privileged] | sort user",
               logons());
    CHECK(column(rows, "privileged") == Strings{"1", ""});
    rows = run("search EventCode=4624 | eval k=1 | join max=0 k [search EventCode=4672 | eval k=1 | fields k SubjectLogonId]",
               logons());
    CHECK(rows.size() == 4);
}

TEST_CASE("append: subsearch rows after the (newest-first) results, not re-sorted") {
    auto rows = run("search EventCode=4624 | append [search EventCode=4672]", logons());
    CHECK(column(rows, "_time") == Strings{"30", "10", "40", "20"});
    rows = run("| append [search EventCode=4672 | stats count]", logons());
    CHECK(column(rows, "count") == Strings{"", "", "", "", "2"});
}

TEST_CASE("appendpipe: runs over the results so far (stats then a total row)") {
    auto rows = run("| stats count by EventCode | appendpipe [| stats sum(count) as count | eval EventCode=\"all\"]", logons());
    CHECK(column(rows, "EventCode") == Strings{"4624", "4672", "all"});
    CHECK(column(rows, "count") == Strings{"2", "2", "4"});
}

TEST_CASE("foreach end to end, with <<MATCHSTR>>") {
    auto rows = run("| stats count(user) as c_user count(TargetLogonId) as c_id | foreach c_* [eval n_<<MATCHSTR>>=<<FIELD>>+1]",
                    logons());
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].get("n_user").to_string() == "3");
    CHECK(rows[0].get("n_id").to_string() == "3");
}

TEST_CASE("map: $field$ from each row, macros expanded when the search runs") {
    MacroTable macros;
    macros.add(Macro{"wineventlog_security", {}, "EventCode=*", {}, false});
    auto rows = run("search EventCode=4672 | rename SubjectLogonId as id | map search=\"search `wineventlog_security` "
                    "EventCode=4624 TargetLogonId=$id$\"",
                    logons(), &macros);
    CHECK(column(rows, "user") == Strings{"alice"});
}

TEST_CASE("map: an unknown macro in the search text is an error when map runs") {
    CHECK_THROWS_AS(run("search EventCode=4672 | map search=\"search `nope` x=$SubjectLogonId$\"", logons()), SplError);
}

TEST_CASE("transaction and mvcombine see events newest first") {
    auto rows = run("| transaction user | table user eventcount", logons());
    for (auto& r : rows) MESSAGE(r.get("user").to_string() << " " << r.get("eventcount").to_string());
    CHECK(column(rows, "user") == Strings{"bob", "alice"});
    rows = run("search EventCode=4624 | table user EventCode | mvcombine user", logons());
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].get("user").mv_values() == Strings{"bob", "alice"});
}

TEST_CASE("the new commands are supported; the rest still unsupported") {
    for (const char* c : {"mvexpand", "makemv", "mvcombine", "foreach", "join", "append", "appendpipe", "map", "transaction",
                          "addtotals", "replace", "top", "rare"})
        CHECK_MESSAGE(is_supported_command(c), c);
}
