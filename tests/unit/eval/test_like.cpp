// `x LIKE p` and like(x, p) are one implementation: every case must agree both ways.
#include "helpers.hpp"

#include "minispl/eval/like.hpp"

using namespace evaltest;

namespace {

struct LikeCase {
    const char* text;
    const char* pattern;
    bool match;
};

// \ in these strings is one backslash in the pattern.
constexpr LikeCase kCases[] = {
    {"abc", "abc", true},         {"abc", "ab", false},         {"abc", "%", true},
    {"", "%", true},              {"", "_", false},             {"", "", true},
    {"abc", "a%", true},          {"abc", "%c", true},          {"abc", "%b%", true},
    {"abc", "%d%", false},        {"abc", "a_c", true},         {"abc", "a__", true},
    {"abc", "a_", false},         {"abc", "____", false},       {"abc", "ABC", false},
    {"a%c", "a\\%c", true},       {"abc", "a\\%c", false},      {"a_c", "a\\_c", true},
    {"abc", "a\\_c", false},      {"a\\c", "a\\\\c", true},     {"a\\c", "a\\c", true},
    {"50% off", "%\\%%", true},   {"50 off", "%\\%%", false},   {"x_y_z", "%\\_z", true},
    {"\xc3\xa9t\xc3\xa9", "_t_", true},                         {"\xc3\xa9", "__", false},
    {"aaaaaaaaaaaaaaaaaaaab", "%a%a%a%a%b", true},              {"aaaaaaaaaaaaaaaaaaaa", "%a%a%a%a%b", false},
};

}  // namespace

TEST_CASE("LIKE and like(): %, _ and escapes agree with like_match, both ways") {
    for (const auto& c : kCases) {
        CAPTURE(c.text);
        CAPTURE(c.pattern);
        CHECK(minispl::like_match(c.text, c.pattern) == c.match);
        Event e = event({{"t", S(c.text)}, {"p", S(c.pattern)}});
        CHECK(where("t LIKE p", e) == c.match);
        CHECK(where("like(t, p)", e) == c.match);
        CHECK(ev("t LIKE p", e) == ev("like(t, p)", e));
    }
}

TEST_CASE("LIKE and like(): numbers, multivalues and nulls, both ways") {
    Event e = event({{"n", N(42)}, {"mv", MV({"alpha", "beta"})}, {"p", S("b%")}});
    for (const char* expr : {"n LIKE \"4_\"", "like(n, \"4_\")", "mv LIKE p", "like(mv, p)",
                             "mv LIKE \"%ph%\"", "like(mv, \"%ph%\")"}) {
        CAPTURE(expr);
        CHECK(where(expr, e));
    }
    for (const char* expr : {"n LIKE \"4\"", "like(n, \"4\")", "mv LIKE \"gamma\"", "like(mv, \"gamma\")"}) {
        CAPTURE(expr);
        CHECK_FALSE(where(expr, e));
        CHECK(ev(expr, e) == Value::boolean(false));
    }
    for (const char* expr : {"missing LIKE \"%\"", "like(missing, \"%\")", "n LIKE missing", "like(n, missing)"}) {
        CAPTURE(expr);
        CHECK(is_null(expr, e));
    }
}
