// Generating commands run with no input (issue 14): makeresults (Splunk Search Reference:
// count= default 1, only _time unless annotate=true, which adds splunk_server; the search's time;
// first command only), inputlookup, and the errors for rest and for a search that reads events
// with no input.
#include "../../support/row_text.hpp"
#include "../../support/scratch_dir.hpp"

#include "minispl/core/diagnostic.hpp"
#include "minispl/runner/search_runner.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

using namespace minispl;

namespace {

SearchJob job(const std::string& spl) {
    SearchJob j;
    j.spl = spl;
    j.now = 1700000000.75;  // a fixed "now": makeresults' _time is the search's time
    return j;
}

std::string error_rule(const SearchJob& j) {
    try {
        run_search(j);
    } catch (const SplError& e) {
        return e.diagnostic().rule;
    }
    return "";
}

}  // namespace

TEST_CASE("makeresults: one result with only _time, the search's time in whole seconds") {
    auto out = run_search(job("| makeresults"));
    REQUIRE(out.rows.size() == 1);
    CHECK(test::row_text(out.rows[0], ";") == "_time=1700000000;");
}

TEST_CASE("makeresults count=N: N results, all at the same time; later commands see them") {
    auto out = run_search(job("| makeresults count=4 | streamstats count as n | eval m=n*2 | stats sum(m) as s, "
                              "dc(_time) as t"));
    REQUIRE(out.rows.size() == 1);
    CHECK(test::row_text(out.rows[0], ";") == "s=20;t=1;");
    CHECK(run_search(job("| makeresults count=0")).rows.empty());
}

TEST_CASE("makeresults annotate=true: splunk_server is this machine; the other annotated fields are null") {
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    auto out = run_search(job("| makeresults annotate=true"));
    REQUIRE(out.rows.size() == 1);
    CHECK(test::row_text(out.rows[0], ";") == "_time=1700000000;splunk_server=" + std::string(host) + ";");
    CHECK(run_search(job("| makeresults annotate=f")).rows[0].size() == 1);
}

TEST_CASE("makeresults: bad options, a count over maxresultrows, and not first are errors") {
    CHECK(error_rule(job("| makeresults count=-1")) == "makeresults");
    CHECK(error_rule(job("| makeresults count=abc")) == "makeresults");
    CHECK(error_rule(job("| makeresults count=50001")) == "makeresults");
    CHECK(run_search(job("| makeresults count=50000")).rows.size() == 50000);
    CHECK(error_rule(job("| makeresults annotate=maybe")) == "makeresults");
    CHECK(error_rule(job("| makeresults colour=red")) == "makeresults");
    CHECK(error_rule(job("| makeresults splunk_server=idx1")) == "makeresults");
    CHECK(error_rule(job("| makeresults format=csv data=\"a\n1\"")) == "makeresults");
    CHECK(error_rule(job("| makeresults | makeresults")) == "command-position");
    // As a subsearch's first command it is fine.
    auto out = run_search(job("| makeresults | eval a=1 | append [| makeresults count=2 | eval a=2] | stats count by a"));
    REQUIRE(out.rows.size() == 2);
    CHECK(test::row_text(out.rows[1], ";") == "a=2;count=2;");
}

TEST_CASE("inputlookup runs with no input; a search that reads events says it has none") {
    auto dir = test::scratch_dir() / "gen_lookups";
    std::filesystem::create_directories(dir);
    test::write_scratch_file("gen_lookups/t.csv", "a,b\n1,2\n3,4\n");
    SearchJob j = job("| inputlookup t.csv | eval c=a+b | table c");
    j.lookup_dirs = {dir};
    auto out = run_search(j);
    REQUIRE(out.rows.size() == 2);
    CHECK(test::row_text(out.rows[1], ";") == "c=7;");

    CHECK(error_rule(job("index=main | stats count")) == "no-input");
    CHECK(error_rule(job("| tstats count from datamodel=Endpoint.Processes")) == "no-input");
    CHECK(error_rule(job("| makeresults | append [search index=main]")) == "no-input");
}

TEST_CASE("rest and other server-side generators: unsupported, with the reason") {
    try {
        run_search(job("| rest /services/server/info"));
        FAIL("rest ran");
    } catch (const SplError& e) {
        CHECK(e.diagnostic().rule == "unsupported");
        CHECK(e.diagnostic().message.find("REST API") != std::string::npos);
        CHECK(e.diagnostic().offset == 2);
    }
    CHECK(error_rule(job("| loadjob savedsearch=\"a:b:c\"")) == "unsupported");
}
