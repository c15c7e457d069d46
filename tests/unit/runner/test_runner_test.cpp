// `minispl test`: contentctl's verdict, rule selection, the fixture rule pack end to end, reports.
#include "minispl/runner/test_runner.hpp"

#include "minispl/core/parallel_for.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

using namespace minispl;
namespace fs = std::filesystem;

namespace {

const fs::path kPack = fs::path(MINISPL_SOURCE_DIR) / "tests/fixtures/runner";

Event row(std::initializer_list<std::pair<const char*, const char*>> fields) {
    Event e;
    for (auto& [k, v] : fields) e.set(k, Value::string(v));
    return e;
}

RuleObservable obs(const char* field, const char* roles_text) {
    RuleObservable o;
    o.field = field;
    o.roles_text = roles_text;
    return o;
}

std::map<std::string, TestVerdict> by_rule(const std::vector<TestVerdict>& vs) {
    std::map<std::string, TestVerdict> m;
    for (const auto& v : vs) m[v.rule_name + (v.tests_in_rule > 1 ? "/" + v.test_name : "")] = v;
    return m;
}

TestOptions fixture_options() {
    TestOptions o;
    o.paths = {kPack / "detections"};
    o.attack_data_dir = kPack / "no_attack_data_mirror";
    o.threads = 2;
    return o;
}

}  // namespace

TEST_CASE("judge_results: contentctl's rule") {
    std::vector<RuleObservable> o = {obs("user", "Victim"), obs("src", "Attacker")};

    SUBCASE("no results fails") {
        auto j = judge_results({}, o);
        CHECK_FALSE(j.passed);
        CHECK(j.reason == "no results");
    }
    SUBCASE("risk and threat objects filled in passes") {
        auto j = judge_results({row({{"user", "alice"}, {"src", "1.2.3.4"}})}, o);
        CHECK(j.passed);
        CHECK(j.reason == "1 result");
    }
    SUBCASE("a risk object field absent fails") {
        auto j = judge_results({row({{"src", "1.2.3.4"}})}, o);
        CHECK_FALSE(j.passed);
        CHECK(j.reason == "risk object field user missing or null in results");
    }
    SUBCASE("a risk object field holding the string null fails") {
        auto j = judge_results({row({{"user", "null"}, {"src", "1.2.3.4"}})}, o);
        CHECK_FALSE(j.passed);
        CHECK(j.reason.find("user") != std::string::npos);
    }
    SUBCASE("a threat object empty in every result fails") {
        auto j = judge_results({row({{"user", "a"}}), row({{"user", "b"}, {"src", "null"}})}, o);
        CHECK_FALSE(j.passed);
        CHECK(j.reason == "threat object field src missing or null in all results");
    }
    SUBCASE("a threat object filled in one later result passes") {
        auto j = judge_results({row({{"user", "a"}}), row({{"user", "b"}, {"src", "1.1.1.1"}})}, o);
        CHECK(j.passed);
        CHECK(j.reason == "2 results");
    }
    SUBCASE("the first complete result passes at once, later results are not checked") {
        auto j = judge_results({row({{"user", "a"}, {"src", "x"}}), row({{"src", "y"}})}, o);
        CHECK(j.passed);
    }
    SUBCASE("a risk object missing in a result before the first complete one fails") {
        auto j = judge_results({row({{"src", "y"}}), row({{"user", "a"}, {"src", "x"}})}, o);
        CHECK_FALSE(j.passed);
    }
    SUBCASE("observables with neither role are not checked") {
        auto j = judge_results({row({{"user", "a"}, {"src", "x"}})}, {obs("user", "Victim"), obs("dest", "Other")});
        CHECK(j.passed);
    }
    SUBCASE("rba risk_objects / threat_objects") {
        std::vector<RuleObservable> rba = {obs("user", "risk"), obs("process", "threat")};
        CHECK(judge_results({row({{"user", "a"}, {"process", "p"}})}, rba).passed);
        CHECK_FALSE(judge_results({row({{"process", "p"}})}, rba).passed);
        CHECK_FALSE(judge_results({row({{"user", "a"}})}, rba).passed);
    }
    SUBCASE("a multivalue risk object is filled in") {
        Event e;
        e.set("user", Value::multi({"a", "null"}));
        CHECK(judge_results({e}, {obs("user", "Victim")}).passed);
    }
    SUBCASE("no observables: one result is enough") {
        CHECK(judge_results({row({{"x", "1"}})}, {}).passed);
    }
}

TEST_CASE("collect_test_files skips definitions and deprecated folders unless named") {
    auto files = collect_test_files({kPack});
    for (const auto& f : files) {
        CHECK(f.string().find("/macros/") == std::string::npos);
        CHECK(f.string().find("deprecated") == std::string::npos);
    }
    CHECK(files.size() == 13);
    CHECK(std::is_sorted(files.begin(), files.end()));
    CHECK(collect_test_files({kPack / "detections/deprecated"}).size() == 1);
    CHECK(collect_test_files({kPack / "detections/deprecated/fx_old.yml"}).size() == 1);
    CHECK_THROWS_AS(collect_test_files({kPack / "nope"}), SplError);
}

TEST_CASE("verdict and summary lines") {
    TestVerdict v;
    v.rule_name = "Some Rule";
    v.status = TestStatus::Failed;
    v.reason = "no results";
    CHECK(verdict_line(v) == "FAIL Some Rule \u2014 no results");
    v.status = TestStatus::DatasetMissing;
    v.tests_in_rule = 2;
    v.test_name = "Second";
    v.reason = "dataset missing: x.json";
    CHECK(verdict_line(v) == "SKIP Some Rule [Second] \u2014 dataset missing: x.json");
    TestSummary s;
    s.passed = 3;
    s.failed = 1;
    s.not_runnable = 2;
    s.dataset_missing = 5;
    CHECK(summary_line(s) == "3 passed, 1 failed, 7 skipped");
    CHECK(test_exit_code(s, false) == 1);
    s.failed = 0;
    CHECK(test_exit_code(s, false) == 0);
    CHECK(test_exit_code(s, true) == 1);
    s.not_runnable = s.dataset_missing = 0;
    CHECK(test_exit_code(s, true) == 0);
}

TEST_CASE("run_tests with a replaced engine: inputs are tagged, now moves for update_timestamp") {
    TestOptions o = fixture_options();
    o.filter = "fx_recent";
    std::vector<SearchJob> seen;
    bool macros_loaded = false;
    o.execute = [&](const SearchJob& job) {
        seen.push_back(job);
        // The job's macro table belongs to the run: look at it while the run is alive.
        macros_loaded = job.macros != nullptr && job.macros->find("fx_events", 0) != nullptr;
        SearchOutcome out;
        out.rows.push_back(row({{"user", "alice"}, {"src", "10.0.0.1"}}));
        out.read.events = 5;
        return out;
    };
    auto vs = run_tests(o);
    REQUIRE(vs.size() == 1);
    REQUIRE(seen.size() == 1);
    CHECK(vs[0].status == TestStatus::Passed);
    CHECK(vs[0].events == 5);
    const SearchJob& job = seen[0];
    CHECK(job.filter_macro == "fx_recent_filter");
    REQUIRE(job.inputs.size() == 1);
    CHECK(job.inputs[0].file == kPack / "data/logins.json");
    CHECK(job.inputs[0].sourcetype == "fx:login");
    CHECK(job.inputs[0].source == "fx_source");
    CHECK(macros_loaded);
    // Newest event: 2020-03-02T09:30:00Z = 1583141400; now is one second after it.
    CHECK(job.now == doctest::Approx(1583141401));
}

TEST_CASE("run_tests: rules at once times reading threads stays within the hardware threads; one registry") {
    TestOptions o = fixture_options();
    o.threads = 64;  // more than the machine has
    std::mutex mu;
    std::set<unsigned> threads;
    std::set<const SourcetypeRegistry*> registries;
    o.execute = [&](const SearchJob& job) {
        std::lock_guard lk(mu);
        threads.insert(job.threads);
        registries.insert(job.sourcetypes);
        return SearchOutcome{};
    };
    auto vs = run_tests(o);
    REQUIRE(!threads.empty());
    const unsigned hw = hardware_threads();
    const size_t rules = std::min<size_t>(64, collect_test_files(o.paths).size());
    for (unsigned t : threads) {
        CHECK(t >= 1);
        CHECK(t * std::min<size_t>(rules, 64) <= std::max<size_t>(hw, rules));
    }
    CHECK(registries.size() == 1);
    CHECK(*registries.begin() == &default_sourcetypes());

    o.threads = 1;  // one rule at a time: its search may use every hardware thread
    threads.clear();
    run_tests(o);
    CHECK(threads == std::set<unsigned>{hw});
}

TEST_CASE("run_tests: each test's outputlookup goes to a directory of its own, removed afterwards") {
    TestOptions o = fixture_options();
    o.filter = "fx_*";
    std::mutex mu;
    std::set<fs::path> dirs;
    o.execute = [&](const SearchJob& job) {
        // what outputlookup does with the job's directory
        fs::create_directories(job.lookup_output_dir);
        std::ofstream(job.lookup_output_dir / "table.csv") << "a\n1\n";
        std::lock_guard lk(mu);
        dirs.insert(job.lookup_output_dir);
        return SearchOutcome{};
    };
    auto vs = run_tests(o);
    REQUIRE(dirs.size() >= 2);
    for (const auto& d : dirs) {
        CAPTURE(d);
        CHECK(d.string().find(kPack.string()) == std::string::npos);  // never in the rule pack
        CHECK_FALSE(fs::exists(d));                                   // gone when the test is over
    }
    CHECK_FALSE(fs::exists(kPack / "lookups" / "table.csv"));
}

TEST_CASE("run_tests: an engine error becomes not runnable, never an exception") {
    TestOptions o = fixture_options();
    o.filter = "Fx Pass";  // matched on the rule name
    o.execute = [](const SearchJob&) -> SearchOutcome { throw SplError("eval", "boom"); };
    auto vs = run_tests(o);
    REQUIRE(vs.size() == 1);
    CHECK(vs[0].status == TestStatus::NotRunnable);
    CHECK(vs[0].reason == "search error: eval: boom");
}

TEST_CASE("run_tests on the fixture rule pack") {
    TestOptions o = fixture_options();
    std::vector<std::string> order;
    o.on_rule = [&](const std::vector<TestVerdict>& vs) {
        for (const auto& v : vs) order.push_back(v.file.filename().string());
    };
    auto vs = run_tests(o);
    auto m = by_rule(vs);
    CHECK(vs.size() == 13);  // 12 rules with tests, one of them with two; no-tests and deprecated left out
    CHECK(m.count("Fx No Tests") == 0);
    CHECK(m.count("Fx Old") == 0);
    CHECK(std::is_sorted(order.begin(), order.end()));

    CHECK(m["Fx Pass"].status == TestStatus::Passed);
    CHECK(m["Fx Pass"].reason == "2 results");
    CHECK(m["Fx Source Tag"].status == TestStatus::Passed);
    CHECK(m["Fx Recent"].status == TestStatus::Passed);
    CHECK(m["Fx Two Tests/True Positive Test"].status == TestStatus::Passed);

    CHECK(m["Fx No Results"].status == TestStatus::Failed);
    CHECK(m["Fx No Results"].reason == "no results");
    CHECK(m["Fx Missing Risk"].status == TestStatus::Failed);
    CHECK(m["Fx Missing Risk"].reason == "risk object field user missing or null in results");
    CHECK(m["Fx Null Risk"].status == TestStatus::Failed);
    CHECK(m["Fx Stale"].status == TestStatus::Failed);  // 2020 events are not in the last day

    CHECK(m["Fx Mstats"].status == TestStatus::NotRunnable);
    CHECK(m["Fx Mstats"].reason == "metrics/summary indexes not available (mstats)");
    CHECK(m["Fx Unknown Command"].status == TestStatus::NotRunnable);
    CHECK(m["Fx Unknown Command"].reason == "unsupported command anomalydetection");
    CHECK(m["Fx Missing Lookup"].status == TestStatus::NotRunnable);
    CHECK(m["Fx Missing Lookup"].reason == "missing lookup no_such_table");

    CHECK(m["Fx Missing Dataset"].status == TestStatus::DatasetMissing);
    CHECK(m["Fx Missing Dataset"].reason ==
          "dataset missing: " + (kPack / "no_attack_data_mirror/datasets/fixture/nope.json").string());
    CHECK(m["Fx Two Tests/Second Test"].status == TestStatus::DatasetMissing);

    TestSummary s = summarize_tests(vs);
    CHECK(summary_line(s) == "4 passed, 4 failed, 5 skipped");

    SUBCASE("deprecated rules run when their folder is named") {
        TestOptions d = fixture_options();
        d.paths = {kPack / "detections/deprecated"};
        auto dv = run_tests(d);
        REQUIRE(dv.size() == 1);
        CHECK(dv[0].status == TestStatus::Passed);
    }
    SUBCASE("one thread gives the same verdicts") {
        TestOptions one = fixture_options();
        one.threads = 1;
        auto v1 = run_tests(one);
        REQUIRE(v1.size() == vs.size());
        for (size_t i = 0; i < vs.size(); ++i) {
            CHECK(v1[i].file == vs[i].file);
            CHECK(v1[i].status == vs[i].status);
            CHECK(v1[i].reason == vs[i].reason);
        }
    }
}

TEST_CASE("reports: JUnit XML and JSON") {
    TestVerdict pass;
    pass.file = "/x/a_rule.yml";
    pass.rule_name = "A <Rule>";
    pass.test_name = "True Positive Test";
    pass.status = TestStatus::Passed;
    pass.reason = "1 result";
    TestVerdict fail = pass;
    fail.status = TestStatus::Failed;
    fail.reason = "risk object field \"user\" & more";
    TestVerdict skip = pass;
    skip.status = TestStatus::DatasetMissing;
    skip.reason = "dataset missing: /d/x.json";
    skip.missing_datasets = {"/d/x.json"};

    std::ostringstream x;
    write_junit(x, {pass, fail, skip});
    std::string xml = x.str();
    CHECK(xml.find("<testsuites tests=\"3\" failures=\"1\" skipped=\"1\"") != std::string::npos);
    CHECK(xml.find("name=\"A &lt;Rule&gt; / True Positive Test\"") != std::string::npos);
    CHECK(xml.find("<failure message=\"risk object field &quot;user&quot; &amp; more\"") != std::string::npos);
    CHECK(xml.find("<skipped message=\"dataset_missing: dataset missing: /d/x.json\"/>") != std::string::npos);

    std::ostringstream j;
    write_test_json(j, {pass, fail, skip});
    std::string js = j.str();
    CHECK(js.find("\"passed\": 1") != std::string::npos);
    CHECK(js.find("\"skipped\": 1") != std::string::npos);
    CHECK(js.find("\"status\": \"dataset_missing\"") != std::string::npos);
    CHECK(js.find("\"missing_datasets\": [\n        \"/d/x.json\"") != std::string::npos);
}

TEST_CASE("run_search without a lookup output directory never writes into the lookup directories") {
    // The rule pack (../shared/security_content/lookups in the corpus tests) is read-only input:
    // outputlookup's table goes to a scratch directory of the run, removed when it ends.
    const fs::path pack = fs::temp_directory_path() / ("minispl_pack_" + std::to_string(::getpid()));
    fs::create_directories(pack);
    std::ofstream(pack / "baseline.csv") << "a\n1\n";
    auto scratch_dirs = [] {
        size_t n = 0;
        const std::string prefix = "minispl-lookups-" + std::to_string(::getpid()) + "-";
        for (auto& e : fs::directory_iterator(fs::temp_directory_path()))
            n += e.path().filename().string().rfind(prefix, 0) == 0;
        return n;
    };
    const size_t before = scratch_dirs();
    SearchJob job;
    job.spl = "| inputlookup baseline.csv | eval a=a+1 | outputlookup baseline.csv | outputlookup other.csv";
    job.lookup_dirs = {pack};
    auto out = run_search(job);
    REQUIRE(out.rows.size() == 1);
    CHECK(out.rows[0].get("a").to_string() == "2");
    std::ifstream in(pack / "baseline.csv");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text == "a\n1\n");
    CHECK(std::distance(fs::directory_iterator(pack), fs::directory_iterator{}) == 1);
    CHECK(scratch_dirs() == before);
    fs::remove_all(pack);
}
