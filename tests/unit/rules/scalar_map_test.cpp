#include "minispl/rules/detection.hpp"

#include <doctest/doctest.h>

using namespace minispl;

namespace {

//! Loads `doc`, maps key `k`, checks every byte: copied bytes sit on the same character in the
//! file; folded ones on a line break; escape-produced ones on their backslash.
ScalarMap check(const std::string& doc, const std::string& expected_value, const char* k = "s") {
    YAML::Node n = YAML::Load(doc)[k];
    std::string v = n.Scalar();
    CHECK(v == expected_value);
    ScalarMap m(doc, n.Mark(), v);
    CHECK(m.exact());
    for (uint32_t i = 0; i < v.size(); ++i) {
        Position p = m.position(i);
        CAPTURE(i);
        REQUIRE(p.offset < doc.size());
        char f = doc[p.offset];
        char c = v[i];
        // (a byte from \t, \x41, \u00e9 ... sits on the escape's backslash)
        bool ok = f == c || ((c == ' ' || c == '\n') && (f == '\n' || f == '\r')) || f == '\\';
        CHECK(ok);
        // line/column agree with the offset
        CHECK(p.line == position_of(doc, p.offset).line);
        CHECK(p.column == position_of(doc, p.offset).column);
    }
    return m;
}

}  // namespace

TEST_CASE("plain scalar, single line and folded over lines") {
    auto m = check("a: 1\ns: hello world\n", "hello world");
    CHECK(m.position(0).line == 2);
    CHECK(m.position(0).column == 4);
    CHECK(m.position(11).column == 15);  // end
    check("s: one\n  two   \n\n  three\n", "one two\nthree");
    CHECK(m.file_line(2) == "s: hello world");
    CHECK(m.file_line(99).empty());
}

TEST_CASE("single-quoted: '' escape, folding, blank lines, trailing blanks dropped") {
    auto m = check("s: 'it''s\n   a   \n\n  b'\n", "it's a\nb");
    CHECK(m.position(2).column == 7);   // the first ' of ''
    CHECK(m.position(3).column == 9);   // s
    CHECK(m.position(4).line == 1);     // the folded break
    CHECK(m.position(5).line == 2);     // a at 2:4
    CHECK(m.position(5).column == 4);
    CHECK(m.position(7).line == 4);     // b
    CHECK(m.position(7).column == 3);
    CHECK(m.position(8).column == 4);   // end: the closing quote
    check("s: '  lead and trail  '\n", "  lead and trail  ");
    check("s: ''\n", "");
    check("s: 'x\n\n\n  y'\n", "x\n\ny");
    check("s: 'a `m` | b ''q'' \"dq\"'\n", "a `m` | b 'q' \"dq\"");
}

TEST_CASE("double-quoted: escapes, folding, line continuation") {
    auto m = check("s: \"a\\\"b\\\\c\\td\\n\"\n", "a\"b\\c\td\n");
    CHECK(m.position(1).column == 7);  // " sits on the escaped quote, not the backslash
    check("s: \"x\\u00e9\\x41\\/y\"\n", "x\xC3\xA9" "A/y");
    check("s: \"one\n  two\\\n  three \\\n  four\"\n", "one twothree four");
    check("s: \"a\n\n  b\"\n", "a\nb");
    check("s: \"tab\\\tx\\ y\"\n", "tab\tx y");
}

TEST_CASE("literal block scalars | and |-, with keep and indentation indicators") {
    check("s: |\n  line one\n    indented\n\n  last\nt: 1\n", "line one\n  indented\n\nlast\n");
    check("s: |-\n  a `m`\n  | b\nt: 1\n", "a `m`\n| b");
    check("s: |+\n  a\n\nt: 1\n", "a\n\n");
    check("s: |2\n   three\n  two\n", " three\ntwo\n");
}

TEST_CASE("folded block scalars > and >-") {
    check("s: >\n  one\n  two\n\n  three\n    more\n  four\n", "one two\nthree\n  more\nfour\n");
    check("s: >-\n  a\n  b  \n  c\n", "a b   c");
    check("s: >-  # comment\n  x | y\n\n\n  z\n", "x | y\n\nz");
}

TEST_CASE("nested mapping keys and CRLF line ends") {
    auto m = check("t: 1\r\ns: 'a\r\n    b'\r\n", "a b");
    CHECK(m.position(1).offset == 11);  // the \r of \r\n
    CHECK(m.file_line(2) == "s: 'a");
}
