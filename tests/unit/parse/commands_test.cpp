// AST shapes of each command family and the corpus quirks (corpus-facts.md section 6).
#include "minispl/parse/parser.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::ast;

namespace {
template <typename T> const T& body(const Pipeline& p, size_t i) {
    REQUIRE(i < p.commands.size());
    const T* b = std::get_if<T>(&p.commands[i].body);
    REQUIRE(b != nullptr);
    return *b;
}
}  // namespace

TEST_CASE("pipeline: implicit search, leading pipe, spans") {
    auto p = parse_search("index=main foo | stats count");
    CHECK_FALSE(p->leading_pipe);
    CHECK(p->commands[0].name == "search");
    CHECK(p->commands[0].span.begin == 0);
    CHECK(p->commands[0].span.end == 14);
    CHECK(p->commands[1].name_span.begin == 17);
    CHECK(p->commands[1].span.end == 28);
    auto q = parse_search("| tstats count ``` a | comment ``` | table x");
    CHECK(q->leading_pipe);
    CHECK(q->commands.size() == 2);
    CHECK(parse_search("search search *")->commands[0].name == "search");
}

TEST_CASE("tstats: options, from datamodel, where, by with span, uppercase keywords") {
    auto p = parse_search("| tstats summariesonly=false count min(_time) as firstTime FROM datamodel=Authentication "
                          "WHERE nodename=Authentication.Successful_Authentication BY \"Authentication.user\" _time span=1h");
    const auto& s = body<StatsCmd>(*p, 0);
    CHECK(s.options.size() == 1);
    CHECK(s.aggregations.size() == 2);
    CHECK(s.aggregations[1].function == "min");
    CHECK(s.aggregations[1].field == "_time");
    CHECK(s.aggregations[1].alias == "firstTime");
    CHECK(s.aggregations[1].written == "min(_time)");
    CHECK(s.datamodel == "Authentication");
    REQUIRE(s.where);
    CHECK(s.where->field == "nodename");
    REQUIRE(s.by.size() == 2);
    CHECK(s.by[0].name == "Authentication.user");
    REQUIRE(s.span);
    CHECK(s.span->count == 1);
    CHECK(s.span->unit == "h");
}

TEST_CASE("stats: eval aggregation, percentiles, where subsearch") {
    auto p = parse_search("x | eventstats p95(a) perc90(b) dc(eval(if(c=1,d,null()))) as n values(user.groups{}) by k");
    const auto& s = body<StatsCmd>(*p, 1);
    CHECK(s.aggregations[0].function == "p");
    CHECK(*s.aggregations[0].percentile == 95);
    CHECK(*s.aggregations[1].percentile == 90);
    CHECK(s.aggregations[2].eval);
    CHECK(s.aggregations[3].field == "user.groups{}");
    auto q = parse_search("| tstats count from datamodel=Endpoint.Processes where [|inputlookup t.csv | table p] by _time span=5m p");
    CHECK(body<StatsCmd>(*q, 0).where->kind == SearchExpr::Kind::Subsearch);
    CHECK(parse_search("| mstats avg(tcp.*) as tcp.* where i=1 AND earliest=-1h by k span=10s")->commands[0].name == "mstats");
}

TEST_CASE("eval, where, rename, convert") {
    auto p = parse_search("x | eval a=1, 'b.c' = \"x\" . a | where a=b | rename \"Processes\".* AS *, x as y "
                          "| convert timeformat=\"%Y-%m-%dT%H:%M:%S\" ctime(firstTime)");
    const auto& e = body<EvalCmd>(*p, 1);
    CHECK(e.assignments.size() == 2);
    CHECK(e.assignments[1].field == "b.c");
    CHECK(body<WhereCmd>(*p, 2).expr->args[1]->kind == Expr::Kind::Field);  // where a=b compares fields
    const auto& r = body<RenameCmd>(*p, 3);
    CHECK(r.pairs[0].from.name == "Processes.*");
    CHECK(r.pairs[0].to.name == "*");
    CHECK(r.pairs[1].to.name == "y");
    const auto& c = body<ConvertCmd>(*p, 4);
    CHECK(c.options[0].value == "%Y-%m-%dT%H:%M:%S");
    CHECK(c.conversions[0].function == "ctime");
    CHECK(c.conversions[0].field.name == "firstTime");
}

TEST_CASE("field-list commands, sort, head") {
    auto p = parse_search("x | table a, \"b c\" | fields - _raw d | dedup 2 a sortby -_time | mvexpand m "
                          "| sort count, - ut_shannon | sort -_time | head 5");
    CHECK(body<FieldsCmd>(*p, 1).fields.size() == 2);
    CHECK(body<FieldsCmd>(*p, 1).fields[1].name == "b c");
    CHECK(body<FieldsCmd>(*p, 2).remove);
    CHECK(*body<FieldsCmd>(*p, 3).count == 2);
    CHECK(body<FieldsCmd>(*p, 3).sortby[0].name == "-_time");
    const auto& s = body<SortCmd>(*p, 5);
    REQUIRE(s.keys.size() == 2);
    CHECK_FALSE(s.keys[0].descending);
    CHECK(s.keys[1].descending);
    CHECK(s.keys[1].field == "ut_shannon");
    CHECK(body<SortCmd>(*p, 6).keys[0].field == "_time");
    CHECK(*body<HeadCmd>(*p, 7).count == 5);
}

TEST_CASE("lookup, inputlookup, rex, regex, bin, fillnull") {
    auto p = parse_search("x | lookup update=true t domain as query OUTPUT Description isIOC "
                          "| inputlookup append=t prev.csv where a=1 | rex field=_raw max_match=0 \"(?<a>[|\\]])\" "
                          "| regex process!=\"^a\" | bucket _time span=5m | fillnull value=NULL a, b");
    const auto& l = body<LookupCmd>(*p, 1);
    CHECK(l.table == "t");
    CHECK(l.inputs[0].field.name == "domain");
    CHECK(l.inputs[0].as.name == "query");
    CHECK(l.output_mode == "OUTPUT");
    CHECK(l.outputs.size() == 2);
    CHECK(body<LookupTableCmd>(*p, 2).table == "prev.csv");
    CHECK(body<LookupTableCmd>(*p, 2).where);
    CHECK(body<RexCmd>(*p, 3).regex == "(?<a>[|\\]])");
    CHECK(body<RexCmd>(*p, 3).options.size() == 2);
    CHECK(body<RegexCmd>(*p, 4).negate);
    CHECK(body<RegexCmd>(*p, 4).field == "process");
    CHECK(body<BinCmd>(*p, 5).span->count == 5);
    CHECK(body<BinCmd>(*p, 5).field.name == "_time");
    CHECK(body<FillnullCmd>(*p, 6).value == "NULL");
    CHECK(body<FillnullCmd>(*p, 6).fields.size() == 2);
}

TEST_CASE("subsearch commands, foreach, map, replace, transaction, top, generic") {
    auto p = parse_search("x | join type=left key [ summary m1] | appendpipe [| timechart limit=0 span=5m count] "
                          "| foreach stdev_* [ eval a='<<MATCHSTR>>' + 1 ] | map maxsearches=70 search=\"| tstats count where s=\\\"$src$\\\"\" "
                          "| replace \"::ffff:*\" with * in src | transaction a maxspan=5m | top limit=5 a by b "
                          "| cyberchef infield=a jsonrecipe=\"[{\"op\":\"From Punycode\",\"args\":[true]}]\" | `get_asset(src)`");
    const auto& j = body<SubsearchCmd>(*p, 1);
    CHECK(j.options[0].value == "left");
    CHECK(j.fields[0].name == "key");
    CHECK(j.subsearch->commands[0].name == "summary");
    CHECK(body<SubsearchCmd>(*p, 2).subsearch->commands[0].name == "timechart");
    const auto& f = body<ForeachCmd>(*p, 3);
    CHECK(f.fields[0].name == "stdev_*");
    CHECK(f.body_text == " eval a='<<MATCHSTR>>' + 1 ");
    CHECK(f.body->commands[0].name == "eval");
    const auto& m = body<MapCmd>(*p, 4);
    CHECK(m.search == "| tstats count where s=\"$src$\"");
    const auto& r = body<ReplaceCmd>(*p, 5);
    CHECK(r.pairs[0].from.text == "::ffff:*");
    CHECK(r.pairs[0].to.text == "*");
    CHECK(r.fields[0].name == "src");
    CHECK(body<TransactionCmd>(*p, 6).options.size() == 1);
    CHECK(*body<TopCmd>(*p, 7).limit == 5);
    CHECK(body<TopCmd>(*p, 7).by[0].name == "b");
    CHECK(p->commands[8].name == "cyberchef");
    CHECK(p->commands[9].name == "`get_asset(src)`");
}

TEST_CASE("quirks: quoted | [ ] and backticks are not syntax; escaped quotes outside strings") {
    auto p = parse_search("`kube_audit` verb=create requestObject.a.kubernetes.io/last-applied-configuration=*\\\"privileged\\\":true* "
                          "| eval x=split(process,\"`\") | search message!=\"a|b[c]\"");
    CHECK(p->commands.size() == 3);
    auto d = dump_ast(*p);
    CHECK(d.find("compare message != \"a|b[c]\"") != std::string::npos);
}

TEST_CASE("option values: a quoted string inside a value does not replace the value") {
    auto p = parse_search(R"(| transaction user startswith=eval(EventCode=="1") endswith="EventCode=2" maxspan=5m)");
    const auto& t = body<TransactionCmd>(*p, 0);
    REQUIRE(t.options.size() == 3);
    CHECK(t.options[0].value == R"(eval(EventCode=="1"))");
    CHECK_FALSE(t.options[0].quoted);
    CHECK(t.options[1].value == "EventCode=2");
    CHECK(t.options[1].quoted);
    CHECK(t.options[2].value == "5m");
}
