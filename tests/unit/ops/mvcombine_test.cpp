// mvcombine: rows equal except for one field become one row (Splunk Search Reference, mvcombine).
#include "spl_pipeline.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

TEST_CASE("mvcombine: the field's values of otherwise identical rows become one multivalue") {
    auto rows = run_spl("| mvcombine ip", {ev({{"host", "a"}, {"ip", "1"}}), ev({{"host", "b"}, {"ip", "2"}}),
                                         ev({{"host", "a"}, {"ip", "3"}})});
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].get("host").to_string() == "a");
    CHECK(rows[0].get("ip").mv_values() == Strings{"1", "3"});
    CHECK(rows[1].get("ip").to_string() == "2");
}

TEST_CASE("mvcombine: internal fields do not split groups; rows without the field pass through") {
    auto rows = run_spl("| mvcombine delim=\",\" ip", {ev({{"_time", "1"}, {"host", "a"}, {"ip", "1"}}),
                                                     ev({{"_time", "2"}, {"host", "a"}, {"ip", "2"}}),
                                                     ev({{"host", "a"}})});
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].get("ip").mv_values() == Strings{"1", "2"});
    CHECK_FALSE(rows[1].has("ip"));
}
