// Eval and search expression parsing: shapes, precedence, literals.
#include "minispl/parse/parser.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using ast::Expr;
using ast::SearchExpr;

TEST_CASE("eval: NOT > AND > OR precedence, lowercase keywords") {
    auto e = parse_eval_expression("a=1 or b=2 and not c=3");
    REQUIRE(e->kind == Expr::Kind::Binary);
    CHECK(e->op == ast::BinaryOp::Or);
    const Expr& rhs = *e->args[1];
    CHECK(rhs.op == ast::BinaryOp::And);
    CHECK(rhs.args[1]->kind == Expr::Kind::Not);
    CHECK(rhs.args[1]->args[0]->op == ast::BinaryOp::Eq);
}

TEST_CASE("eval: arithmetic precedence and spans") {
    auto e = parse_eval_expression("x + 2 * 3");
    CHECK(e->op == ast::BinaryOp::Add);
    CHECK(e->args[1]->op == ast::BinaryOp::Mul);
    CHECK(e->span.begin == 0);
    CHECK(e->span.end == 9);
    CHECK(e->args[1]->span.begin == 4);
}

TEST_CASE("eval: literals, calls, fields") {
    auto e = parse_eval_expression("IF(match('userIdentity.userName', \"a\\\"b\"), 0x1F, 'x y')");
    REQUIRE(e->kind == Expr::Kind::Call);
    CHECK(e->text == "if");
    CHECK(e->args[0]->args[0]->kind == Expr::Kind::Field);
    CHECK(e->args[0]->args[0]->text == "userIdentity.userName");
    // bare, the dot is the concatenation operator
    auto cat = parse_eval_expression("userIdentity.userName");
    REQUIRE(cat->kind == Expr::Kind::Binary);
    CHECK(cat->op == ast::BinaryOp::Concat);
    CHECK(cat->args[0]->text == "userIdentity");
    CHECK(cat->args[1]->text == "userName");
    CHECK(e->args[0]->args[1]->text == "a\"b");
    CHECK(e->args[1]->number == 31);
    CHECK(e->args[2]->kind == Expr::Kind::Field);
    CHECK(e->args[2]->text == "x y");
    CHECK(parse_eval_expression("1.5")->number == 1.5);
    CHECK(parse_eval_expression("true")->kind == Expr::Kind::Bool);
    CHECK(parse_eval_expression("-x")->kind == Expr::Kind::Negate);
    CHECK(parse_eval_expression("\"a\" . b")->op == ast::BinaryOp::Concat);
}

TEST_CASE("eval: LIKE and IN operator forms") {
    auto l = parse_eval_expression("RelativeTargetName like \"%\\\\Scripts\\\\%\"");
    CHECK(l->op == ast::BinaryOp::Like);
    CHECK(l->args[1]->text == "%\\Scripts\\%");
    auto in = parse_eval_expression("NOT new_values IN (old_values,\"{0}\",policy_guid)");
    REQUIRE(in->kind == Expr::Kind::Not);
    CHECK(in->args[0]->kind == Expr::Kind::In);
    CHECK(in->args[0]->args.size() == 4);
}

TEST_CASE("eval: foreach templates and tokens") {
    auto e = parse_eval_expression("'<<MATCHSTR>>' > ('avg_<<MATCHSTR>>' + 3 * <<FIELD>>)");
    CHECK(e->op == ast::BinaryOp::Gt);
    CHECK(e->args[0]->text == "<<MATCHSTR>>");
    CHECK(e->args[1]->args[1]->args[1]->text == "<<FIELD>>");
}

TEST_CASE("search: OR binds tighter than AND, NOT highest") {
    auto s = parse_search_expression("a=1 b=2 OR c=3 NOT d=4");
    REQUIRE(s->kind == SearchExpr::Kind::And);
    REQUIRE(s->children.size() == 3);
    CHECK(s->children[0]->kind == SearchExpr::Kind::Compare);
    CHECK(s->children[1]->kind == SearchExpr::Kind::Or);
    CHECK(s->children[2]->kind == SearchExpr::Kind::Not);
    auto t = parse_search_expression("a AND (b OR c)");
    CHECK(t->kind == SearchExpr::Kind::And);
    CHECK(t->children[1]->kind == SearchExpr::Kind::Or);
}

TEST_CASE("search: compare forms, quoting, IN, TERM, wildcards") {
    auto s = parse_search_expression("sourcetype = \"OktaIM2:log\" \"Search Name\"!=x* user.groups{}=a "
                                     "obj/last-applied=*\\\"privileged\\\":true* f IN (a, \"b c\", d*) TERM(sudoedit) earliest=-7d@d bare");
    REQUIRE(s->children.size() == 8);
    CHECK(s->children[0]->field == "sourcetype");
    CHECK(s->children[0]->values[0].text == "OktaIM2:log");
    CHECK(s->children[0]->values[0].quoted);
    CHECK(s->children[1]->field == "Search Name");
    CHECK(s->children[1]->op == ast::CompareOp::Ne);
    CHECK(s->children[2]->field == "user.groups{}");
    CHECK(s->children[3]->values[0].text == "*\"privileged\":true*");
    CHECK(s->children[4]->kind == SearchExpr::Kind::In);
    CHECK(s->children[4]->values.size() == 3);
    CHECK(s->children[5]->kind == SearchExpr::Kind::TermFn);
    CHECK(s->children[5]->values[0].text == "sudoedit");
    CHECK(s->children[6]->values[0].text == "-7d@d");
    CHECK(s->children[7]->kind == SearchExpr::Kind::Term);
}

TEST_CASE("search: subsearch and quoted brackets") {
    auto s = parse_search_expression("x=\"[a|b]\" NOT [| inputlookup t | fields + mac]");
    REQUIRE(s->children.size() == 2);
    CHECK(s->children[0]->values[0].text == "[a|b]");
    CHECK(s->children[1]->children[0]->kind == SearchExpr::Kind::Subsearch);
    CHECK(s->children[1]->children[0]->subsearch->commands[0].name == "inputlookup");
}
