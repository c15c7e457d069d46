// mvexpand: one row per value of a multivalue field (Splunk Search Reference, mvexpand).
#include "spl_pipeline.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

TEST_CASE("mvexpand: one copy of the event per value, other fields kept") {
    auto rows = run_spl("| mvexpand foo", {ev({{"id", "1"}, {"foo", mv("a", "b", "c")}}), ev({{"id", "2"}, {"foo", "x"}})});
    CHECK(column(rows, "foo") == Strings{"a", "b", "c", "x"});
    CHECK(column(rows, "id") == Strings{"1", "1", "1", "2"});
    CHECK(rows[1].get("foo").mv_size() == 1);
}

TEST_CASE("mvexpand limit=N keeps the first N values") {
    auto rows = run_spl("| mvexpand limit=2 foo", {ev({{"foo", mv("a", "b", "c")}})});
    CHECK(column(rows, "foo") == Strings{"a", "b"});
}

TEST_CASE("mvexpand: an event without the field passes through") {
    auto rows = run_spl("| mvexpand foo", {ev({{"id", "1"}})});
    CHECK(column(rows, "id") == Strings{"1"});
}

TEST_CASE("mvexpand: exactly one field, known options only") {
    CHECK_THROWS_AS(compile_spl("| mvexpand a b"), SplError);
    CHECK_THROWS_AS(compile_spl("| mvexpand limit=x a"), SplError);
    CHECK_THROWS_AS(compile_spl("| mvexpand bogus=1 a"), SplError);
}
