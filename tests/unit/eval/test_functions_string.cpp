// len, lower, upper, trim/ltrim/rtrim, replace, substr, urldecode, tostring, tonumber, printf, spath.
#include "helpers.hpp"

using namespace evaltest;

TEST_CASE("len counts characters; lower/upper") {
    CHECK(ev("len(\"hello\")") == N(5));
    CHECK(ev("len(\"h\xc3\xa9llo\")") == N(5));  // UTF-8 é is one character
    CHECK(evs("lower(\"MiXeD\")") == "mixed");
    CHECK(evs("upper(\"MiXeD\")") == "MIXED");
    Event e = event({{"mv", MV({"A", "B"})}});
    CHECK(ev("lower(mv)", e) == MV({"a", "b"}));  // element-wise on a multivalue
}

TEST_CASE("trim / ltrim / rtrim: spaces and tabs by default, or the given characters") {
    CHECK(evs("trim(\"  x y \t\")") == "x y");
    CHECK(evs("ltrim(\"  x \")") == "x ");
    CHECK(evs("rtrim(\"  x \")") == "  x");
    CHECK(evs("trim(\"\\\"quoted\\\"\", \"\\\"\")") == "quoted");
    CHECK(evs("trim(\"xxabcxx\", \"x\")") == "abc");
    CHECK(evs("ltrim(\"$$abc\", \"$\")") == "abc");
    CHECK(evs("rtrim(\"abc;,\", \",;\")") == "abc");
}

TEST_CASE("replace: PCRE, every match, \\1 back-references") {
    Event e = event({{"d", S("1/22/2024")}, {"u", S("CORP\\alice")}});
    CHECK(evs("replace(d, \"^(\\d{1,2})/(\\d{1,2})/\", \"\\2/\\1/\")", e) == "22/1/2024");
    CHECK(evs("replace(u, \".*\\\\\\\\\", \"\")", e) == "alice");
    CHECK(evs("replace(\"aaa\", \"a\", \"b\")") == "bbb");
    CHECK(evs("replace(\"abc\", \"x*\", \"-\")") == "-a-b-c-");
    CHECK(is_null("replace(missing, \"a\", \"b\")", e));
}

TEST_CASE("substr: 1-based, negative start counts from the end") {
    CHECK(evs("substr(\"splunk\", 1, 3)") == "spl");
    CHECK(evs("substr(\"splunk\", 3)") == "lunk");
    CHECK(evs("substr(\"splunk\", -3)") == "unk");
    CHECK(evs("substr(\"splunk\", -3, 2)") == "un");
    CHECK(evs("substr(\"splunk\", 5, 10)") == "nk");
    CHECK(evs("substr(\"splunk\", 10)") == "");
}

TEST_CASE("urldecode") {
    CHECK(evs("urldecode(\"http%3A%2F%2Fexample.com%2Fa%20b\")") == "http://example.com/a b");
    CHECK(evs("urldecode(\"a+b%2\")") == "a b%2");
}

TEST_CASE("tostring: numbers, booleans, hex, commas, duration") {
    CHECK(evs("tostring(5)") == "5");
    CHECK(evs("tostring(1=1)") == "True");
    CHECK(evs("tostring(1=2)") == "False");
    CHECK(evs("tostring(15, \"hex\")") == "0xF");
    CHECK(evs("tostring(255, \"hex\")") == "0xFF");
    CHECK(evs("tostring(12345, \"commas\")") == "12,345");
    CHECK(evs("tostring(1234567.891, \"commas\")") == "1,234,567.89");  // two decimals
    CHECK(evs("tostring(615, \"duration\")") == "00:10:15");
    CHECK(evs("tostring(90061, \"duration\")") == "1+01:01:01");
    CHECK(is_null("tostring(missing)"));
}

TEST_CASE("tonumber: decimal, hex with base, null when not a number") {
    CHECK(ev("tonumber(\"42\")") == N(42));
    CHECK(ev("tonumber(\"0x1F\")") == N(31));
    CHECK(ev("tonumber(\"ff\", 16)") == N(255));
    CHECK(ev("tonumber(\"0xff\", 16)") == N(255));
    CHECK(ev("tonumber(\"101\", 2)") == N(5));
    CHECK(is_null("tonumber(\"abc\")"));
    CHECK(is_null("tonumber(\"12\", 2)"));
}

TEST_CASE("printf: C-style formats") {
    CHECK(evs("printf(\"%s-%d\", \"a\", 5)") == "a-5");
    CHECK(evs("printf(\"%05.2f|%x|%%\", 3.14159, 255)") == "03.14|ff|%");
    CHECK(evs("printf(\"%-4s|\", \"ab\")") == "ab  |");
}

TEST_CASE("spath(json, path)") {
    Event e = event({{"j", S("{\"a\":{\"b\":\"x\",\"n\":5},\"arr\":[{\"k\":1},{\"k\":2}],\"s\":[\"p\",\"q\"]}")}});
    CHECK(evs("spath(j, \"a.b\")", e) == "x");
    CHECK(evs("spath(j, \"a.n\")", e) == "5");
    CHECK(ev("spath(j, \"arr{}.k\")", e) == MV({"1", "2"}));
    CHECK(evs("spath(j, \"s{2}\")", e) == "q");
    CHECK(evs("spath(j, \"a\")", e) == "{\"b\":\"x\",\"n\":5}");
    CHECK(is_null("spath(j, \"nope\")", e));
}

TEST_CASE("md5 / sha1 / sha256: lower-case hex digests") {
    CHECK(evs("md5(\"abc\")") == "900150983cd24fb0d6963f7d28e17f72");
    CHECK(evs("sha1(\"abc\")") == "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK(evs("sha256(\"abc\")") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(evs("md5(\"\")") == "d41d8cd98f00b204e9800998ecf8427e");
    CHECK(evs("sha256(\"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq\")") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(is_null("md5(missing)"));
}
