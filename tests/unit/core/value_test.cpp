#include "minispl/core/event.hpp"
#include "minispl/core/value.hpp"

#include <doctest/doctest.h>

using namespace minispl;

TEST_CASE("numbers are read from strings only when the whole text is a number") {
    CHECK(Value::string("42").as_number() == 42);
    CHECK(Value::string(" 4.5 ").as_number() == 4.5);
    CHECK(Value::string("0x1F").as_number() == 31);
    CHECK_FALSE(Value::string("42abc").as_number());
    CHECK_FALSE(Value::string("inf").as_number());
    CHECK_FALSE(Value::string("").as_number());
    CHECK_FALSE(Value().as_number());
}

TEST_CASE("numbers print as Splunk prints them") {
    CHECK(format_number(3) == "3");
    CHECK(format_number(-0.0) == "0");
    CHECK(format_number(2.5) == "2.5");
    CHECK(format_number(1.0 / 3) == "0.3333333333333333");
    CHECK(format_number(1e20) == "1e+20");
}

TEST_CASE("a multivalue of one element is a single value, of none is null") {
    CHECK(Value::multi({"a"}).is_string());
    CHECK(Value::multi({}).is_null());
    Value m = Value::multi({"a", "b"});
    CHECK(m.mv_size() == 2);
    CHECK(m.mv_at(1) == "b");
}

TEST_CASE("assigning null removes a field; field names are case-sensitive") {
    Event e;
    e.set("a", Value::string("1"));
    e.set("A", Value::string("2"));
    CHECK(e.get("a").str() == "1");
    CHECK(e.get("A").str() == "2");
    e.set("a", Value());
    CHECK_FALSE(e.has("a"));
    CHECK(e.size() == 1);
}
