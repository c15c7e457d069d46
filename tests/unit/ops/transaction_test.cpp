// transaction (Splunk Search Reference, transaction). Input is newest first, as the compiler
// orders it before this command.
#include "spl_pipeline.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

namespace {
Event e(int t, const char* user, const char* code, const char* raw) {
    return ev({{"_time", t}, {"user", user}, {"EventCode", code}, {"_raw", raw}});
}
}  // namespace

TEST_CASE("transaction by field: duration, eventcount, _time earliest, _raw oldest first, values merged") {
    auto rows = run_spl("| transaction user", {e(30, "a", "2", "r3"), e(20, "b", "1", "r2"), e(10, "a", "1", "r1")});
    REQUIRE(rows.size() == 2);
    // newest transaction first: b (20) then a (10)
    CHECK(column(rows, "user") == Strings{"b", "a"});
    CHECK(rows[1].get("_time").to_string() == "10");
    CHECK(rows[1].get("duration").to_string() == "20");
    CHECK(rows[1].get("eventcount").to_string() == "2");
    CHECK(rows[1].get("_raw").to_string() == "r1\nr3");
    CHECK(rows[1].get("EventCode").mv_values() == Strings{"1", "2"});
}

TEST_CASE("transaction maxspan: windows anchored at the newest event (Splunk reads newest first)") {
    // events at 0, 100, 200, 300 minutes; maxspan=240m → {300,200,100} and {0}
    auto rows = run_spl("| transaction user connected=false maxspan=240m",
                        {e(18000, "a", "1", "d"), e(12000, "a", "1", "c"), e(6000, "a", "1", "b"), e(0, "a", "1", "a")});
    CHECK(column(rows, "eventcount") == Strings{"3", "1"});
}

TEST_CASE("transaction maxpause splits on gaps") {
    auto rows = run_spl("| transaction user maxpause=5m", {e(1000, "a", "1", "c"), e(900, "a", "1", "b"), e(100, "a", "1", "a")});
    CHECK(column(rows, "eventcount") == Strings{"2", "1"});
}

TEST_CASE("transaction startswith/endswith (corpus form): unclosed groups are dropped") {
    auto rows = run_spl("| transaction user startswith=(EventCode=4698) endswith=(EventCode=4699)",
                        {e(50, "a", "4699", "del"), e(40, "a", "1", "mid"), e(30, "a", "4698", "create"),
                         e(20, "b", "4698", "create-only"), e(10, "c", "4699", "delete-only")});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].get("user").to_string() == "a");
    CHECK(rows[0].get("eventcount").to_string() == "3");
    CHECK(rows[0].get("duration").to_string() == "20");
}

TEST_CASE("transaction startswith=eval(...) and quoted search; keepevicted marks closed_txn") {
    auto rows = run_spl("| transaction user startswith=eval(EventCode==\"1\")",
                        {e(20, "a", "2", "x"), e(10, "a", "1", "y"), e(5, "b", "2", "z")});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].get("eventcount").to_string() == "2");
    rows = run_spl("| transaction user startswith=\"EventCode=1\" keepevicted=true",
                   {e(20, "a", "2", "x"), e(10, "a", "1", "y"), e(5, "b", "2", "z")});
    CHECK(column(rows, "closed_txn") == Strings{"1", "0"});
}

TEST_CASE("transaction: events missing a field are left out; bad options are errors") {
    auto rows = run_spl("| transaction user", {ev({{"_time", 1}, {"x", "1"}})});
    CHECK(rows.empty());
    CHECK_THROWS_AS(compile_spl("| transaction user maxspan=abc"), SplError);
    CHECK_THROWS_AS(compile_spl("| transaction user bogus=1"), SplError);
}
