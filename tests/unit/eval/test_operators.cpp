// Operators, literals, null handling, three-valued logic, multivalue comparisons.
#include "helpers.hpp"

using namespace evaltest;

TEST_CASE("literals: double quotes are strings, single quotes and bare words are fields") {
    Event e = event({{"name", S("bob")}, {"user.name", S("alice")}, {"x y", S("sp")}});
    CHECK(evs("\"name\"", e) == "name");
    CHECK(evs("name", e) == "bob");
    CHECK(evs("'user.name'", e) == "alice");
    CHECK(evs("'x y'", e) == "sp");
    CHECK(ev("42") == N(42));
    CHECK(ev("1.5") == N(1.5));
    CHECK(is_null("missing", e));
}

TEST_CASE("a bare a.b is the concatenation of fields a and b; the field a.b needs single quotes") {
    Event e = event({{"a", S("x")}, {"b", S("y")}, {"a.b", S("field")}});
    CHECK(evs("a.b", e) == "xy");
    CHECK(evs("'a.b'", e) == "field");
    CHECK(evs("a.\"-\".b", e) == "x-y");
    // the corpus's `match(userIdentity.userName, requestParameters.userName)`: four absent
    // fields, so null, as in Splunk; the quoted names read the JSON fields
    Event ct = event({{"userIdentity.userName", S("bob")}, {"requestParameters.userName", S("bob")}});
    CHECK(is_null("userIdentity.userName", ct));
    CHECK(is_null("match(userIdentity.userName, requestParameters.userName)", ct));
    CHECK(where("match('userIdentity.userName', 'requestParameters.userName')", ct));
}

TEST_CASE("= and == are the same test; != is its negation") {
    Event e = event({{"a", S("x")}, {"b", S("x")}, {"c", S("y")}});
    CHECK(where("a=\"x\"", e));
    CHECK(where("a==\"x\"", e));
    CHECK(where("a=b", e));  // bare word on the right is a field
    CHECK_FALSE(where("a=c", e));
    CHECK(where("a!=c", e));
    CHECK_FALSE(where("a!=b", e));
}

TEST_CASE("comparisons are numeric when both sides are numbers, else by string, case-sensitive") {
    Event e = event({{"n", S("10")}, {"m", S("9")}, {"s", S("Admin")}});
    CHECK(where("n > m", e));          // 10 > 9 numerically
    CHECK(where("n > 9", e));
    CHECK(where("\"10\" < \"9\" OR n > m", e));
    CHECK(where("\"abc\" < \"abd\""));
    CHECK(where("\"B\" < \"a\""));     // byte order: uppercase first
    CHECK_FALSE(where("s=\"admin\"", e));  // eval/where compare case-sensitively
    CHECK(where("s=\"Admin\"", e));
    CHECK(where("n=10.0", e));         // numerically equal
    CHECK(where("n>=10 AND n<=10", e));
}

TEST_CASE("arithmetic: + adds numbers or joins strings, / is float division, %") {
    Event e = event({{"a", S("7")}, {"b", S("2")}, {"s", S("foo")}});
    CHECK(ev("a+b", e) == N(9));
    CHECK(evs("\"foo\"+\"bar\"") == "foobar");
    CHECK(evs("s+\"bar\"", e) == "foobar");
    CHECK(ev("a/b", e) == N(3.5));
    CHECK(ev("a%b", e) == N(1));
    CHECK(ev("a*b-1", e) == N(13));
    CHECK(ev("-a", e) == N(-7));
    CHECK(is_null("a/0", e));
    CHECK(is_null("s*2", e));  // non-numbers in arithmetic give null
    CHECK(is_null("s+1", e));
}

TEST_CASE(". concatenates, numbers printed as Splunk prints them") {
    Event e = event({{"a", S("x")}, {"n", S("5")}});
    CHECK(evs("a.\"-\".n", e) == "x-5");
    CHECK(evs("1 . 2") == "12");
    CHECK(evs("\"v\" . 1.5") == "v1.5");
    CHECK(evs("\"v\" . (10/4)") == "v2.5");
}

TEST_CASE("any operation on null gives null") {
    Event e = event({{"a", S("1")}});
    CHECK(is_null("missing+1", e));
    CHECK(is_null("a.missing", e));
    CHECK(is_null("missing=\"x\"", e));
    CHECK(is_null("missing!=\"x\"", e));
    CHECK(is_null("-missing", e));
    CHECK(is_null("missing < 5", e));
    CHECK(is_null("lower(missing)", e));
}

TEST_CASE("where: null and non-true are false") {
    Event e = event({{"a", S("1")}, {"s", S("text")}});
    CHECK_FALSE(where("missing=\"x\"", e));
    CHECK_FALSE(where("missing!=\"x\"", e));  // where drops events lacking the field
    CHECK_FALSE(where("s", e));               // a string is not a boolean
    CHECK_FALSE(where("a", e));
    CHECK(where("true()", e));
    CHECK_FALSE(where("false()", e));
}

TEST_CASE("AND / OR / XOR / NOT with null: three-valued") {
    Event e = event({{"a", S("1")}});
    // null OR true = true; null OR false = null; null AND false = false; null AND true = null
    CHECK(ev("missing=1 OR a=1", e) == Value::boolean(true));
    CHECK(ev("a=1 OR missing=1", e) == Value::boolean(true));
    CHECK(is_null("missing=1 OR a=2", e));
    CHECK(ev("missing=1 AND a=2", e) == Value::boolean(false));
    CHECK(ev("a=2 AND missing=1", e) == Value::boolean(false));
    CHECK(is_null("missing=1 AND a=1", e));
    CHECK(is_null("NOT missing=1", e));
    CHECK_FALSE(where("NOT missing=1", e));   // unlike search, where NOT does not match absent fields
    CHECK(where("NOT a=2", e));
    CHECK(where("a=1 XOR a=2", e));
    CHECK_FALSE(where("a=1 XOR a=1", e));
    CHECK(is_null("a=1 XOR missing=1", e));
    CHECK(where("NOT isnull(a)", e));
}

TEST_CASE("precedence: NOT, then AND, then OR") {
    Event e = event({{"a", S("1")}, {"b", S("2")}});
    CHECK(where("a=1 OR a=2 AND b=3", e));     // a=1 OR (a=2 AND b=3)
    CHECK_FALSE(where("(a=1 OR a=2) AND b=3", e));
    CHECK(ev("1+2*3") == N(7));
}

TEST_CASE("LIKE operator and like(): % and _, case-sensitive") {
    Event e = event({{"p", S("C:\\Windows\\System32\\cmd.exe")}, {"u", S("Admin_1")}});
    CHECK(where("p LIKE \"%cmd.exe\"", e));
    CHECK(where("like(p, \"C:%System32%\")", e));
    CHECK_FALSE(where("like(p, \"%CMD.EXE\")", e));  // case-sensitive
    CHECK(where("like(u, \"Admin__\")", e));
    CHECK_FALSE(where("like(u, \"Admin_\")", e));    // LIKE matches the whole value
    CHECK(where("like(u, \"Admin\\_1\")", e));       // \_ is a literal underscore
    CHECK_FALSE(where("like(\"AdminX1\", \"Admin\\_1\")"));
    CHECK(is_null("like(missing, \"%\")", e));
}

TEST_CASE("IN operator and in() function") {
    Event e = event({{"c", S("200")}, {"s", S("b")}});
    CHECK(where("s IN (\"a\", \"b\")", e));
    CHECK_FALSE(where("s IN (\"a\", \"c\")", e));
    CHECK(where("c IN (404, 200)", e));      // numeric equality
    CHECK(where("in(s, \"x\", \"b\")", e));
    CHECK_FALSE(where("in(missing, \"x\")", e));
    CHECK(where("NOT s IN (\"x\")", e));
}

TEST_CASE("multivalue: a comparison is true if any value matches") {
    Event e = event({{"mv", MV({"a", "b", "c"})}, {"n", MV({"1", "20"})}});
    CHECK(where("mv=\"b\"", e));
    CHECK_FALSE(where("mv=\"z\"", e));
    CHECK(where("n > 10", e));
    CHECK(where("mv IN (\"x\", \"c\")", e));
    CHECK(where("like(mv, \"c%\")", e));
    CHECK(where("match(mv, \"^b$\")", e));
}

TEST_CASE("function names are case-insensitive") {
    Event e = event({{"a", S("1")}});
    CHECK(evs("CASE(a=1, \"one\", 1=1, \"other\")", e) == "one");
    CHECK(where("ISNOTNULL(a)", e));
    CHECK(evs("Upper(\"x\")") == "X");
}

TEST_CASE("unknown function and wrong arity are errors at construction, at the call's offset") {
    uint32_t off = 99;
    CHECK(compile_error("nosuchfn(a)", &off) == "unknown-function");
    CHECK(off == 0);
    CHECK(compile_error("a + nosuchfn(a)", &off) == "unknown-function");
    CHECK(off == 4);
    CHECK(compile_error("if(a, b)", &off) == "function-arity");
    CHECK(compile_error("lower()") == "function-arity");
    CHECK(compile_error("mvindex(a)") == "function-arity");
    CHECK(compile_error("case(a=1)") == "function-arity");
    CHECK(compile_error("searchmatch(\"x\")") == "unsupported-function");
    CHECK(compile_error("match(a, \"(unclosed\")", &off) == "regex");
    CHECK(off == 9);  // the regex literal
    CHECK(compile_error("coalesce(a, b, c, d)") == "");
    CHECK(minispl::is_eval_function("MVINDEX"));
    CHECK_FALSE(minispl::is_eval_function("nosuchfn"));
}

TEST_CASE("booleans: comparisons yield a boolean that eval may not assign") {
    auto check = [](const char* expr) {
        auto ast = minispl::parse_eval_expression(expr);
        return minispl::Evaluator(*ast).yields_boolean();
    };
    CHECK(check("a=1"));
    CHECK(check("isnull(a)"));
    CHECK(check("a=1 AND b=2"));
    CHECK_FALSE(check("if(a=1, \"y\", \"n\")"));
    CHECK_FALSE(check("a+1"));
    CHECK(ev("1=1") == Value::boolean(true));
}
