// top and rare (Splunk Search Reference, top / rare).
#include "spl_pipeline.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

namespace {
std::vector<Event> sample() {
    std::vector<Event> v;
    for (const char* u : {"a", "b", "a", "c", "a", "b"}) v.push_back(ev({{"user", u}, {"host", "h1"}}));
    v.push_back(ev({{"host", "h2"}}));
    return v;
}
}  // namespace

TEST_CASE("top: most common values first with count and percent (six decimals)") {
    auto rows = run_spl("| top user", sample());
    CHECK(column(rows, "user") == Strings{"a", "b", "c"});
    CHECK(column(rows, "count") == Strings{"3", "2", "1"});
    CHECK(column(rows, "percent") == Strings{"50.000000", "33.333333", "16.666667"});
    CHECK(names(rows[0]) == Strings{"user", "count", "percent"});
}

TEST_CASE("top N / limit=, countfield=, showperc=false") {
    CHECK(column(run_spl("| top 1 user", sample()), "user") == Strings{"a"});
    CHECK(column(run_spl("| top limit=2 user", sample()), "user") == Strings{"a", "b"});
    auto rows = run_spl("| top user countfield=n showperc=false", sample());
    CHECK(names(rows[0]) == Strings{"user", "n"});
}

TEST_CASE("rare: least common first; by clause groups") {
    CHECK(column(run_spl("| rare user", sample()), "user") == Strings{"c", "b", "a"});
    auto rows = run_spl("| top user by host", {ev({{"user", "x"}, {"host", "h2"}}), ev({{"user", "y"}, {"host", "h1"}}),
                                               ev({{"user", "y"}, {"host", "h2"}}), ev({{"user", "y"}, {"host", "h2"}})});
    CHECK(column(rows, "host") == Strings{"h1", "h2", "h2"});
    CHECK(column(rows, "user") == Strings{"y", "y", "x"});
    CHECK(column(rows, "percent") == Strings{"100.000000", "66.666667", "33.333333"});
}

TEST_CASE("top useother=true adds an OTHER row") {
    auto rows = run_spl("| top 1 user useother=true", sample());
    CHECK(column(rows, "user") == Strings{"a", "OTHER"});
    CHECK(column(rows, "count") == Strings{"3", "3"});
}
