// if, case, coalesce, isnull/isnotnull, null/true/false, nullif, validate, match, cidrmatch,
// isnum/isstr/isint, typeof.
#include "helpers.hpp"

using namespace evaltest;

TEST_CASE("if: the condition must be true; null picks the else branch") {
    Event e = event({{"a", S("1")}});
    CHECK(evs("if(a=1, \"yes\", \"no\")", e) == "yes");
    CHECK(evs("if(a=2, \"yes\", \"no\")", e) == "no");
    CHECK(evs("if(missing=1, \"yes\", \"no\")", e) == "no");
    CHECK(is_null("if(a=1, null(), \"no\")", e));
    CHECK(evs("if(isnull(missing), \"absent\", missing)", e) == "absent");
}

TEST_CASE("case: first true condition wins, 1=1 as the default, null when none") {
    Event e = event({{"s", S("404")}});
    CHECK(evs("case(s=200, \"OK\", s=404, \"Not found\", 1=1, \"Other\")", e) == "Not found");
    CHECK(evs("case(s=500, \"err\", 1=1, \"Other\")", e) == "Other");
    CHECK(evs("case(s=500, \"err\", true(), \"T\")", e) == "T");
    CHECK(is_null("case(s=500, \"err\")", e));
    CHECK(evs("case(missing=1, \"a\", s>400, \"b\")", e) == "b");  // null condition is skipped
}

TEST_CASE("coalesce: first non-null argument; empty string is not null") {
    Event e = event({{"b", S("")}, {"c", S("c")}});
    CHECK(evs("coalesce(missing, c)", e) == "c");
    CHECK(ev("coalesce(missing, b, c)", e) == S(""));
    CHECK(is_null("coalesce(missing, other)", e));
    CHECK(evs("coalesce(missing, \"default\")", e) == "default");
}

TEST_CASE("isnull / isnotnull / null() / true() / false()") {
    Event e = event({{"a", S("")}});
    CHECK(where("isnull(missing)", e));
    CHECK(where("isnotnull(a)", e));  // an empty value exists
    CHECK(where("isnull(null())", e));
    CHECK(ev("true()") == Value::boolean(true));
    CHECK(ev("false()") == Value::boolean(false));
    CHECK(is_null("null()"));
}

TEST_CASE("nullif and validate") {
    Event e = event({{"a", S("x")}, {"n", S("5")}});
    CHECK(is_null("nullif(a, \"x\")", e));
    CHECK(evs("nullif(a, \"y\")", e) == "x");
    CHECK(evs("validate(isint(n), \"n not int\", n < 3, \"n too big\")", e) == "n too big");
    CHECK(is_null("validate(isint(n), \"bad\")", e));
}

TEST_CASE("match: unanchored PCRE, regex precompiled or from a field") {
    Event e = event({{"cmd", S("powershell.exe -enc AAAA")}, {"re", S("-enc\\s")}});
    CHECK(where("match(cmd, \"-enc\")", e));
    CHECK(where("match(cmd, \"^powershell\")", e));
    CHECK_FALSE(where("match(cmd, \"^-enc\")", e));
    CHECK(where("match(cmd, \"(?i)POWERSHELL\")", e));
    CHECK_FALSE(where("match(cmd, \"POWERSHELL\")", e));
    CHECK(where("match(cmd, re)", e));
    CHECK(is_null("match(missing, \"x\")", e));
    CHECK(where("match(12345, \"^\\d+$\")"));
}

TEST_CASE("cidrmatch: IPv4 and IPv6 subnets") {
    Event e = event({{"ip", S("10.1.2.3")}, {"ip6", S("2001:db8::1")}, {"ips", MV({"8.8.8.8", "192.168.0.7"})}});
    CHECK(where("cidrmatch(\"10.0.0.0/8\", ip)", e));
    CHECK_FALSE(where("cidrmatch(\"192.168.0.0/16\", ip)", e));
    CHECK(where("cidrmatch(\"10.1.2.3/32\", ip)", e));
    CHECK(where("cidrmatch(\"0.0.0.0/0\", ip)", e));
    CHECK(where("cidrmatch(\"192.168.0.0/16\", ips)", e));
    CHECK(where("cidrmatch(\"2001:db8::/32\", ip6)", e));
    CHECK_FALSE(where("cidrmatch(\"2001:db9::/32\", ip6)", e));
    CHECK_FALSE(where("cidrmatch(\"10.0.0.0/8\", \"not-an-ip\")"));
}

TEST_CASE("isnum / isint / isstr / isbool / typeof: field text that reads as a number is a number") {
    Event e = event({{"n", S("42")}, {"f", S("4.5")}, {"s", S("abc")}});
    CHECK(where("isnum(n)", e));
    CHECK(where("isnum(f)", e));
    CHECK_FALSE(where("isnum(s)", e));
    CHECK(where("isint(n)", e));
    CHECK_FALSE(where("isint(f)", e));
    CHECK(where("isstr(s)", e));
    CHECK_FALSE(where("isstr(n)", e));
    CHECK(where("isbool(1=1)", e));
    CHECK(evs("typeof(n)", e) == "Number");
    CHECK(evs("typeof(s)", e) == "String");
    CHECK(evs("typeof(1=1)", e) == "Boolean");
    CHECK(evs("typeof(missing)", e) == "Invalid");
}
