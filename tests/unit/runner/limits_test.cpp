// limits.conf bounds (issue 14, docs/limits.md): Splunk's defaults, each reached one reported
// (a notice where the search goes on, an error where it stops), changeable by name.
#include "../../support/scratch_dir.hpp"

#include "minispl/core/diagnostic.hpp"
#include "minispl/core/limits.hpp"
#include "minispl/runner/search_runner.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <algorithm>

using namespace minispl;

namespace {

//! `n` JSON lines {"_time":T+i,"user":"u<i>","k":"k<i mod keys>"} in a scratch file.
std::filesystem::path events(const std::string& name, int n, int keys = 1) {
    std::string text;
    for (int i = 0; i < n; ++i)
        text += fmt::format("{{\"_time\":{},\"user\":\"u{}\",\"k\":\"k{}\"}}\n", 1700000000 + i, i, i % keys);
    return test::write_scratch_file(name, text);
}

SearchJob job(const std::string& spl, const std::filesystem::path& file = {}) {
    SearchJob j;
    j.spl = spl;
    j.now = 1800000000;
    if (!file.empty()) j.inputs.push_back(InputSpec{file});
    return j;
}

std::string count_of(const SearchOutcome& out) {
    REQUIRE(out.rows.size() == 1);
    return out.rows[0].get("count").to_string();
}

bool has_notice(const SearchOutcome& out, const std::string& part) {
    return std::any_of(out.notices.begin(), out.notices.end(),
                       [&](const std::string& n) { return n.find(part) != std::string::npos; });
}

std::string error_text(const SearchJob& j) {
    try {
        run_search(j);
    } catch (const SplError& e) {
        return e.diagnostic().rule + ": " + e.diagnostic().message;
    }
    return "";
}

}  // namespace

TEST_CASE("Limits: Splunk's defaults; set by name; bad names and values are errors") {
    Limits l;
    CHECK(l.subsearch_maxout == 10000);
    CHECK(l.join_maxout == 50000);
    CHECK(l.append_maxout == 50000);
    CHECK(l.map_maxsearches == 10);
    CHECK(l.transaction_maxopentxn == 5000);
    CHECK(l.transaction_maxopenevents == 100000);
    CHECK(l.rex_match_limit == 100000);
    CHECK(l.rex_depth_limit == 1000);
    l.set("subsearch.maxout=20");
    CHECK(l.subsearch_maxout == 20);
    CHECK_THROWS_AS(l.set("subsearch.maxout=0"), SplError);
    CHECK_THROWS_AS(l.set("subsearch.maxout=ten"), SplError);
    CHECK_THROWS_AS(l.set("no.such=1"), SplError);
    CHECK_THROWS_AS(l.set("subsearch.maxout"), SplError);
    CHECK(l.memory_limit_mb() > 0);  // 0: 3/4 of RAM
    CHECK(Limits::table().size() == 10);
}

TEST_CASE("subsearch: at most maxout (10,000) rows, with a notice; the limit can be raised") {
    auto f = events("limits_sub.json", 10050);
    auto spl = "search [search * | fields user] | stats count";
    auto out = run_search(job(spl, f));
    CHECK(count_of(out) == "10000");
    CHECK(has_notice(out, "subsearch: 10050 rows, only the first 10000 kept"));
    SearchJob raised = job(spl, f);
    raised.limits.set("subsearch.maxout=20000");
    out = run_search(raised);
    CHECK(count_of(out) == "10050");
    CHECK(out.notices.empty());
}

TEST_CASE("join and append: right-side rows capped (join.maxout, append maxout=), with a notice") {
    auto f = events("limits_join.json", 30);
    SearchJob j = job("search * | head 1 | append [search * ] | stats count", f);
    j.limits.set("append.maxout=5");
    auto out = run_search(j);
    CHECK(count_of(out) == "6");
    CHECK(has_notice(out, "append subsearch: 30 rows, only the first 5 kept"));
    out = run_search(job("search * | head 1 | append maxout=7 [search * ] | stats count", f));
    CHECK(count_of(out) == "8");
    SearchJob jn = job("search * | join type=left k [search * | eval other=1] | stats count(other) as count", f);
    jn.limits.set("join.maxout=1");
    out = run_search(jn);
    CHECK(has_notice(out, "join subsearch: 30 rows, only the first 1 kept"));
}

TEST_CASE("map: rows past maxsearches run no search, and a notice says how many") {
    auto out = run_search(job("| makeresults count=12 | map search=\"| makeresults\" | stats count"));
    CHECK(count_of(out) == "10");
    CHECK(has_notice(out, "map: 2 rows ran no search: maxsearches=10"));
    SearchJob j = job("| makeresults count=12 | map search=\"| makeresults\" | stats count");
    j.limits.set("map.maxsearches=12");
    CHECK(run_search(j).notices.empty());
}

TEST_CASE("transaction: past maxopentxn the least recently used open transaction is evicted") {
    // Keys k0..k9 round-robin: with a pool of 3, every transaction is evicted before its key returns.
    auto f = events("limits_txn.json", 30, 10);
    CHECK(count_of(run_search(job("search * | transaction k | stats count", f))) == "10");
    auto out = run_search(job("search * | transaction k maxopentxn=3 | stats count", f));
    CHECK(count_of(out) == "3");  // only the last three, closed at the end of input
    CHECK(has_notice(out, "27 open transactions evicted"));
    SearchJob kept = job("search * | transaction k keepevicted=true | where closed_txn=0 | stats count", f);
    kept.limits.set("transaction.maxopentxn=3");
    CHECK(count_of(run_search(kept)) == "27");
    SearchJob events_cap = job("search * | transaction k | stats count", f);
    events_cap.limits.set("transaction.maxopenevents=4");
    CHECK(has_notice(run_search(events_cap), "evicted"));
}

TEST_CASE("regular expressions: a catastrophic pattern on a 50 MB value is an error naming the limit") {
    std::string v(50u << 20, 'a');
    auto f = test::write_scratch_file("limits_regex.json", "{\"v\":\"" + v + "!\"}\n");
    std::string e = error_text(job("search * | regex v=\"(a+)+b\" | stats count", f));
    CHECK(e.rfind("limit: a regular expression has exceeded the configured match_limit=100000", 0) == 0);
    e = error_text(job("search * | eval m=if(match(v, \"^(a|aa)+$\"), 1, 0) | stats count", f));
    CHECK(e.rfind("limit: a regular expression", 0) == 0);
    // An ordinary pattern over the same value still matches.
    CHECK(count_of(run_search(job("search * | regex v=\"a!$\" | stats count", f))) == "1");
}

TEST_CASE("memory: a search over the limit stops with an error, not the OOM killer") {
    auto f = events("limits_mem.json", 100);
    SearchJob j = job("search * | stats count by user", f);
    j.limits.set("memory_mb=1");
    CHECK(error_text(j).find("over the limit of 1 MB (--limit memory_mb=N") != std::string::npos);
}

TEST_CASE("max_event_bytes: a larger record is skipped as a bad record naming its size") {
    auto f = events("limits_size.json", 10);
    SearchJob j = job("search * | stats count", f);
    j.limits.set("max_event_bytes=20");
    auto out = run_search(j);
    CHECK(count_of(out) == "0");
    CHECK(out.read.bad_records == 10);
    REQUIRE(!out.read.problems.empty());
    CHECK(out.read.problems[0].message.find("over the maximum event size of 20 bytes") != std::string::npos);
    SearchJob normal = job("search * | stats count", f);
    CHECK(count_of(run_search(normal)) == "10");  // the limit is per run, not left behind
}
