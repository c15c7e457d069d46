// Syntax errors: rule "syntax", a message, and the offset the mutation tests expect.
#include "minispl/parse/parser.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace minispl;

namespace {
//! Offset of the syntax error parse_search reports for `text` (-1: no error).
long error_at(const std::string& text) {
    try {
        (void)parse_search(text);
    } catch (const SplError& e) {
        CHECK(e.diagnostic().rule == "syntax");
        CHECK(!std::string(e.what()).empty());
        return e.diagnostic().offset;
    }
    return -1;
}
}  // namespace

TEST_CASE("error: dropped closing quote points at the opening quote") {
    CHECK(error_at(R"(a="x" b="y | c="z")") == 8);
    CHECK(error_at(R"(x | rex field=a "(?<u>\w+) | table u)") == 16);
    CHECK(error_at(R"(x | where a="b | eval c="d")") == 12);
    CHECK(error_at(R"(x | eval a=if(b="q,1,0) | table a)") == 16);
}

TEST_CASE("error: dropped ) or ] points at the unmatched opener") {
    CHECK(error_at("x | eval a=if(b,c") == 13);
    CHECK(error_at("x | search (a OR b | table x") == 11);
    CHECK(error_at("x | join a [ search b | table c") == 11);
    CHECK(error_at("x | eval a=(1+2 | table a") == 11);
    CHECK(error_at("x | table a)") == 11);
}

TEST_CASE("error: empty pipe stage points at the second |") {
    CHECK(error_at("a | | b") == 4);
    CHECK(error_at("| tstats count || table x") == 16);
    CHECK(error_at("a |") == 3);
}

TEST_CASE("error: stats without an aggregation points right after stats") {
    CHECK(error_at("x | stats by x") == 9);
    CHECK(error_at("x | stats") == 9);
    CHECK(error_at("x | eventstats  by a | table a") == 14);
}

TEST_CASE("error: dangling by points at by") {
    CHECK(error_at("x | stats count by") == 16);
    CHECK(error_at("x | stats count by | table a") == 16);
}

TEST_CASE("error: bad span value points at the value") {
    CHECK(error_at("| tstats count where a=1 by _time span=5x") == 39);
    CHECK(error_at("| tstats count by _time span=") == 29);
    CHECK(error_at("x | bin _time span=m5") == 19);
    CHECK(error_at("x | bucket _time span=5m | stats count by _time") == -1);
}

TEST_CASE("misspelled command names are not syntax errors") {
    auto p = parse_search("x | statz count | tabel a");
    CHECK(p->commands[1].name == "statz");
    CHECK(std::holds_alternative<ast::GenericCmd>(p->commands[1].body));
    // Whether a name is a command is the command table's (tests/unit/compile/command_spec_test.cpp).
}

TEST_CASE("deep nesting is a clear error, not a stack overflow") {
    CHECK(error_at(std::string(10000, '(')) >= 0);
    CHECK(error_at("x | eval a=" + std::string(10000, '(') + "1" + std::string(10000, ')')) >= 0);
    CHECK(error_at("x | eval a='\"' " + std::string(10000, '(') + "\"") >= 0);
    CHECK(error_at("x | eval a=" + std::string(20000, '-') + "1") == -1);
    std::string chain = "x | where a";
    for (int i = 0; i < 900; ++i) chain += " OR a";
    CHECK(error_at(chain) == -1);
}

TEST_CASE("error: <> is not SPL's not-equal; the error points at it and names !=") {
    CHECK(error_at("x | where a<>b") == 11);
    CHECK(error_at("x | eval c=if(a <> \"b\", 1, 0)") == 16);
    try {
        (void)parse_search("x | where a<>b");
        FAIL("no error");
    } catch (const SplError& e) {
        CHECK(std::string(e.what()).find("!=") != std::string::npos);
    }
    CHECK(error_at("x | where a!=b AND c<d AND e>f") == -1);
}
