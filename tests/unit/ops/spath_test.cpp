// spath: Search Reference examples (path/output/input, {} and {N}, auto mode, XML).
#include "extraction_pipeline.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

namespace {
const char* kCommits =
    R"({"commits":[{"author":{"name":"ann"},"id":1},{"author":{"name":"bob"},"id":2}],"server":{"name":"s1","port":80}})";
}

TEST_CASE("spath: output= and path= write the value at the path; a bare path names the field") {
    auto rows = run_x("| spath output=myfield path=server.name", {ev({{"_raw", kCommits}})});
    CHECK(rows[0].get("myfield").to_string() == "s1");
    rows = run_x("| spath server.port", {ev({{"_raw", kCommits}})});
    CHECK(rows[0].get("server.port").to_string() == "80");
}

TEST_CASE("spath: {} takes every element (a multivalue), {N} the Nth counting from 1") {
    auto rows = run_x("| spath output=commit_author path=commits{}.author.name", {ev({{"_raw", kCommits}})});
    CHECK(rows[0].get("commit_author").mv_values() == Strings{"ann", "bob"});
    rows = run_x("| spath output=second path=commits{2}.author.name", {ev({{"_raw", kCommits}})});
    CHECK(rows[0].get("second").to_string() == "bob");
    rows = run_x("| spath output=none path=commits{3}.author.name", {ev({{"_raw", kCommits}})});
    CHECK_FALSE(rows[0].has("none"));
}

TEST_CASE("spath: a path to an object or array gives its JSON text; {} on it gives each element") {
    Event e = ev({{"p", R"({"Statement":[{"Action":["s3:Get","s3:Put"]}],"top":1})"}});
    auto rows = run_x("| spath input=p output=st path=Statement{}", {e});
    CHECK(rows[0].get("st").to_string() == R"({"Action":["s3:Get","s3:Put"]})");
    rows = run_x("| spath input=st output=a1 path=Action | spath input=st output=a2 path=Action{}", rows);
    CHECK(rows[0].get("a1").to_string() == R"(["s3:Get","s3:Put"])");
    CHECK(rows[0].get("a2").mv_values() == Strings{"s3:Get", "s3:Put"});
}

TEST_CASE("spath: {} on an object is the object itself (security_content's requestParameters{}.x)") {
    auto rows = run_x("| spath path=requestParameters{}.bucketName output=b", {ev({{"_raw", R"({"requestParameters":{"bucketName":"bk"}})"}})});
    CHECK(rows[0].get("b").to_string() == "bk");
}

TEST_CASE("spath: path={} over a top-level array") {
    auto rows = run_x("| spath input=j output=o path={}", {ev({{"j", R"(["a","b"])"}})});
    CHECK(rows[0].get("o").mv_values() == Strings{"a", "b"});
}

TEST_CASE("spath: auto mode extracts every field with Splunk's JSON names, from input= too") {
    auto rows = run_x("| spath", {ev({{"_raw", kCommits}})});
    CHECK(rows[0].get("commits{}.author.name").mv_values() == Strings{"ann", "bob"});
    CHECK(rows[0].get("server.port").to_string() == "80");
    rows = run_x("| spath input=log", {ev({{"log", R"({"a":{"b":"c"},"n":null})"}})});
    CHECK(rows[0].get("a.b").to_string() == "c");
    CHECK_FALSE(rows[0].has("n"));
}

TEST_CASE("spath: input that is not JSON, or a missing input field, changes nothing") {
    auto rows = run_x("| spath input=x output=o path=a", {ev({{"x", "not json"}}), ev({{"y", "1"}})});
    CHECK_FALSE(rows[0].has("o"));
    CHECK(names(rows[1]) == Strings{"y"});
}

TEST_CASE("spath: XML elements joined by '.', attributes as {@attr}") {
    Event e = ev({{"x", R"(<Event><Data Name="User">bob</Data><Sys><Id>4688</Id></Sys></Event>)"}});
    auto rows = run_x("| spath input=x", {e});
    CHECK(rows[0].get("Event.Sys.Id").to_string() == "4688");
    CHECK(rows[0].get("Event.Data{@Name}").to_string() == "User");
    rows = run_x("| spath input=x output=id path=Event.Sys.Id", {e});
    CHECK(rows[0].get("id").to_string() == "4688");
}

TEST_CASE("spath: unknown option and unclosed index are errors") {
    CHECK_THROWS_AS(compile_x("| spath foo=bar"), SplError);
    CHECK_THROWS_AS(compile_x("| spath path=a{1"), SplError);
}
