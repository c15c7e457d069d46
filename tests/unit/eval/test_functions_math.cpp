// abs, ceil/ceiling, floor, round, sqrt, pow, exp, ln, log, exact, pi, random.
#include "helpers.hpp"

#include <cmath>

using namespace evaltest;

TEST_CASE("rounding functions") {
    CHECK(ev("round(2.5)") == N(3));
    CHECK(ev("round(-2.5)") == N(-3));  // half away from zero
    CHECK(ev("round(3.14159, 2)") == N(3.14));
    CHECK(ev("round(2.675, 2)") == N(2.68));
    CHECK(ev("floor(2.7)") == N(2));
    CHECK(ev("ceil(2.1)") == N(3));
    CHECK(ev("ceiling(2.1)") == N(3));
    CHECK(ev("abs(-4)") == N(4));
    CHECK(evs("round(10/3, 3)") == "3.333");
}

TEST_CASE("powers and logarithms") {
    CHECK(ev("pow(2, 10)") == N(1024));
    CHECK(ev("sqrt(16)") == N(4));
    CHECK(is_null("sqrt(-1)"));
    CHECK(ev("log(100)") == N(2));
    CHECK(ev("log(8, 2)") == N(3));
    CHECK(ev("ln(exp(2))") == N(2));
    CHECK(is_null("ln(0)"));
    CHECK(ev("exact(0.1)") == N(0.1));
    CHECK(std::fabs(ev("pi()").as_number().value() - M_PI) < 1e-12);
}

TEST_CASE("math on fields that hold numbers as text; null on text") {
    Event e = event({{"x", S("-3.5")}, {"s", S("abc")}});
    CHECK(ev("abs(x)", e) == N(3.5));
    CHECK(is_null("abs(s)", e));
    CHECK(is_null("floor(missing)", e));
}

TEST_CASE("random() is a non-negative integer") {
    double r = ev("random()").as_number().value();
    CHECK(r >= 0);
    CHECK(r == std::floor(r));
}
