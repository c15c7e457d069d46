// mvindex, mvcount, mvappend, mvjoin, mvfind, mvfilter, mvdedup, mvzip, mvmap, mvsort, mvrange,
// split, min, max.
#include "helpers.hpp"

using namespace evaltest;

TEST_CASE("mvindex: 0-based, negative from the end, inclusive ranges, null out of range") {
    Event e = event({{"mv", MV({"a", "b", "c", "d"})}, {"one", S("x")}});
    CHECK(evs("mvindex(mv, 0)", e) == "a");
    CHECK(evs("mvindex(mv, -1)", e) == "d");
    CHECK(ev("mvindex(mv, 1, 2)", e) == MV({"b", "c"}));
    CHECK(ev("mvindex(mv, -2, -1)", e) == MV({"c", "d"}));
    CHECK(ev("mvindex(mv, 2, 10)", e) == MV({"c", "d"}));
    CHECK(is_null("mvindex(mv, 4)", e));
    CHECK(is_null("mvindex(mv, -5)", e));
    CHECK(evs("mvindex(one, 0)", e) == "x");
    CHECK(evs("mvindex(split(\"a.b.c\", \".\"), 1)") == "b");
    CHECK(is_null("mvindex(missing, 0)", e));
}

TEST_CASE("mvcount, mvappend, mvjoin") {
    Event e = event({{"mv", MV({"a", "b"})}, {"one", S("x")}});
    CHECK(ev("mvcount(mv)", e) == N(2));
    CHECK(ev("mvcount(one)", e) == N(1));
    CHECK(is_null("mvcount(missing)", e));
    CHECK(ev("mvappend(mv, \"c\", missing, one)", e) == MV({"a", "b", "c", "x"}));
    CHECK(evs("mvjoin(mv, \";\")", e) == "a;b");
    CHECK(evs("mvjoin(one, \";\")", e) == "x");
}

TEST_CASE("mvfind: index of the first value matching a regex") {
    Event e = event({{"mv", MV({"abc", "123", "x9"})}});
    CHECK(ev("mvfind(mv, \"\\d\")", e) == N(1));
    CHECK(ev("mvfind(mv, \"^x\")", e) == N(2));
    CHECK(is_null("mvfind(mv, \"zzz\")", e));
}

TEST_CASE("mvfilter: the expression reads the field, evaluated per value") {
    Event e = event({{"mv", MV({"a@x.com", "b@y.com", "c@x.com"})}, {"n", MV({"1", "5", "10"})}});
    CHECK(ev("mvfilter(match(mv, \"@x\\.com$\"))", e) == MV({"a@x.com", "c@x.com"}));
    CHECK(ev("mvfilter(n > 3)", e) == MV({"5", "10"}));
    CHECK(is_null("mvfilter(n > 100)", e));
    CHECK(evs("mvfilter(mv != \"b@y.com\" AND mv != \"c@x.com\")", e) == "a@x.com");
    CHECK(compile_error("mvfilter(1=1)") == "function-arity");
}

TEST_CASE("mvdedup keeps first occurrences; mvsort sorts lexicographically") {
    Event e = event({{"mv", MV({"b", "a", "b", "10", "9"})}});
    CHECK(ev("mvdedup(mv)", e) == MV({"b", "a", "10", "9"}));
    CHECK(ev("mvsort(mv)", e) == MV({"10", "9", "a", "b", "b"}));
}

TEST_CASE("mvzip and mvmap") {
    Event e = event({{"a", MV({"1", "2", "3"})}, {"b", MV({"x", "y"})}});
    CHECK(ev("mvzip(a, b)", e) == MV({"1,x", "2,y"}));
    CHECK(ev("mvzip(a, b, \"=\")", e) == MV({"1=x", "2=y"}));
    CHECK(ev("mvmap(a, a*10)", e) == MV({"10", "20", "30"}));
    CHECK(ev("mvmap(b, \"v:\" . b)", e) == MV({"v:x", "v:y"}));
}

TEST_CASE("mvrange and split") {
    CHECK(ev("mvrange(1, 4)") == MV({"1", "2", "3"}));
    CHECK(ev("mvrange(0, 10, 5)") == MV({"0", "5"}));
    CHECK(ev("split(\"a,b,,c\", \",\")") == MV({"a", "b", "", "c"}));
    CHECK(ev("split(\"abc\", \"\")") == MV({"a", "b", "c"}));
    CHECK(ev("split(\"abc\", \",\")") == S("abc"));
    CHECK(ev("mvcount(split(\"a::b\", \"::\"))") == N(2));
}

TEST_CASE("min / max: numbers numerically, strings above numbers") {
    Event e = event({{"mv", MV({"3", "10", "2"})}});
    CHECK(evs("min(3, 10, 2)") == "2");
    CHECK(evs("max(3, 10, 2)") == "10");
    CHECK(evs("max(mv)", e) == "10");
    CHECK(evs("min(mv, 1)", e) == "1");
    CHECK(evs("max(1, 3, 6, 7, \"foo\")") == "foo");
    CHECK(evs("min(1, \"foo\")") == "1");
    CHECK(evs("min(\"b\", \"a\")") == "a");
    CHECK(evs("max(missing, 4)") == "4");
}
