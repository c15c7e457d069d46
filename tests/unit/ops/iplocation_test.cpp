// iplocation over Debian's legacy GeoIP country database.
#include "extraction_pipeline.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

TEST_CASE("iplocation: Country of a public address; private, bogus and missing addresses give an empty Country") {
    auto rows = run_x("| iplocation clientip", {ev({{"clientip", "8.8.8.8"}}), ev({{"clientip", "10.1.2.3"}}),
                                                 ev({{"clientip", "not-an-ip"}}), ev({{"other", "1"}})});
    CHECK(column(rows, "Country") == Strings{"United States", "", "", ""});
    CHECK(rows[1].has("Country"));
    // the country database has no city, region or coordinates
    CHECK_FALSE(rows[0].has("City"));
    CHECK_FALSE(rows[0].has("lat"));
}

TEST_CASE("iplocation: prefix= names the fields; allfields=true adds Continent; IPv6; first value of a multivalue") {
    auto rows = run_x("| iplocation prefix=iploc_ allfields=true ip",
                      {ev({{"ip", mv("2001:4860:4860::8888", "10.0.0.1")}}), ev({{"ip", "81.2.69.160"}})});
    CHECK(rows[0].get("iploc_Country").to_string() == "United States");
    CHECK(rows[0].get("iploc_Continent").to_string() == "North America");
    CHECK(rows[1].get("iploc_Country").to_string() == "United Kingdom");
    CHECK(rows[1].get("iploc_Continent").to_string() == "Europe");
}

TEST_CASE("iplocation: one field, known options only") {
    CHECK_THROWS_AS(compile_x("| iplocation"), SplError);
    CHECK_THROWS_AS(compile_x("| iplocation bogus=1 ip"), SplError);
}
