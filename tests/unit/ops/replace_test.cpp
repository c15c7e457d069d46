// replace: whole-value replacement with wildcards (Splunk Search Reference, replace; examples).
#include "spl_pipeline.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

TEST_CASE("replace \"::ffff:*\" with * in src (corpus form)") {
    auto rows = run_spl("| replace \"::ffff:*\" with * in src", {ev({{"src", "::ffff:10.0.0.1"}, {"dest", "::ffff:1.1.1.1"}})});
    CHECK(rows[0].get("src").to_string() == "10.0.0.1");
    CHECK(rows[0].get("dest").to_string() == "::ffff:1.1.1.1");
}

TEST_CASE("replace: several pairs, whole values only, case-sensitive") {
    auto rows = run_spl("| replace \"%%14674\" with \"Value Added\", \"%%14675\" with \"Value Deleted\" in OperationType",
                        {ev({{"OperationType", "%%14675"}}), ev({{"OperationType", "x%%14674"}}), ev({{"OperationType", "%%14674"}})});
    CHECK(column(rows, "OperationType") == Strings{"Value Deleted", "x%%14674", "Value Added"});
    rows = run_spl("| replace aug WITH August IN start_month", {ev({{"start_month", "Aug"}})});
    CHECK(rows[0].get("start_month").to_string() == "Aug");
}

TEST_CASE("replace *localhost WITH localhost IN host (documented example); no IN: every field") {
    auto rows = run_spl("| replace *localhost WITH localhost IN host", {ev({{"host", "www.localhost"}})});
    CHECK(rows[0].get("host").to_string() == "localhost");
    rows = run_spl("| replace 127.0.0.1 WITH localhost", {ev({{"a", "127.0.0.1"}, {"b", mv("127.0.0.1", "x")}})});
    CHECK(rows[0].get("a").to_string() == "localhost");
    CHECK(rows[0].get("b").mv_values() == Strings{"localhost", "x"});
}

TEST_CASE("replace: wildcards move text (\"* localhost\" WITH \"localhost *\")") {
    auto rows = run_spl("| replace \"* localhost\" WITH \"localhost *\" IN host", {ev({{"host", "db localhost"}})});
    CHECK(rows[0].get("host").to_string() == "localhost db");
}
