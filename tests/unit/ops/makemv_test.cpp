// makemv: split a field into a multivalue (Splunk Search Reference, makemv; examples there).
#include "spl_pipeline.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

TEST_CASE("makemv: default delimiter is a single space") {
    auto rows = run_spl("| makemv Scope", {ev({{"Scope", "read write  admin"}})});
    CHECK(rows[0].get("Scope").mv_values() == Strings{"read", "write", "admin"});
}

TEST_CASE("makemv delim=\",\" senders (documented example); empty values dropped unless allowempty") {
    auto rows = run_spl("| makemv delim=\",\" senders", {ev({{"senders", "a@x,,b@y"}})});
    CHECK(rows[0].get("senders").mv_values() == Strings{"a@x", "b@y"});
    rows = run_spl("| makemv delim=\",\" allowempty=true senders", {ev({{"senders", "a@x,,b@y"}})});
    CHECK(rows[0].get("senders").mv_values() == Strings{"a@x", "", "b@y"});
}

TEST_CASE("makemv: multicharacter delimiter") {
    auto rows = run_spl("| makemv delim=\"::\" f", {ev({{"f", "a::b::c"}})});
    CHECK(rows[0].get("f").mv_values() == Strings{"a", "b", "c"});
}

TEST_CASE("makemv tokenizer=\"([^,]+),?\" (documented example): the first capture group of each match") {
    auto rows = run_spl("| makemv tokenizer=\"([^,]+),?\" my_multival", {ev({{"my_multival", "x,y,z"}})});
    CHECK(rows[0].get("my_multival").mv_values() == Strings{"x", "y", "z"});
}

TEST_CASE("makemv: missing field and internal fields are left alone; setsv keeps one value") {
    auto rows = run_spl("| makemv f", {ev({{"g", "a b"}})});
    CHECK_FALSE(rows[0].has("f"));
    rows = run_spl("| makemv _raw", {ev({{"_raw", "a b"}})});
    CHECK(rows[0].get("_raw").to_string() == "a b");
    rows = run_spl("| makemv setsv=true f", {ev({{"f", "a b"}})});
    CHECK(rows[0].get("f").mv_size() == 1);
}
