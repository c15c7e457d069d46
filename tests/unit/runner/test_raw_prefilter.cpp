// The raw-text prefilter: what it derives, and that it never drops an event that would match.
#include "cloud_rule_jobs.hpp"
#include "minispl/compile/raw_prefilter.hpp"
#include "minispl/parse/parser.hpp"
#include "minispl/rules/detection.hpp"
#include "minispl/runner/rule_job.hpp"
#include "minispl/runner/search_runner.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <sstream>

using namespace minispl;
namespace fs = std::filesystem;

namespace {

std::vector<std::vector<std::string>> clauses_of(const std::string& spl) {
    auto p = parse_search(spl);
    auto json_field = [](std::string_view f) { return f != "sourcetype" && f != "src_ip" && f[0] != '_'; };
    return RawPrefilter::derive(*p, json_field).clauses();
}

std::string rows_text(const std::vector<Event>& rows) {
    std::vector<std::string> lines;
    for (const Event& e : rows) {
        std::string s;
        for (const auto& [k, v] : e.fields()) s += k + "=" + v.to_string() + "\x1f";
        lines.push_back(s);
    }
    std::sort(lines.begin(), lines.end());
    std::string all;
    for (auto& l : lines) all += l + "\n";
    return all;
}

}  // namespace

TEST_CASE("contains_icase") {
    CHECK(contains_icase("{\"eventName\":\"CreateSnapshot\"}", "createsnapshot"));
    CHECK(contains_icase("xxCREATESNAPSHOT", "createsnapshot"));
    CHECK_FALSE(contains_icase("CreateSnapsho", "createsnapshot"));
    CHECK(contains_icase("a@b", "a@b"));
    CHECK_FALSE(contains_icase("a`b", "a@b"));  // folding bit 0x20 finds candidates only
    std::string long_text(1000, 'x');
    long_text += "JobCreated";
    CHECK(contains_icase(long_text, "jobcreated"));
    CHECK_FALSE(contains_icase(long_text.substr(0, 1005), "jobcreated"));
    for (size_t at = 0; at < 40; ++at) {  // every alignment around the 16-byte blocks
        std::string t(40, '.');
        t.replace(at, 0, "AbC");
        CHECK(contains_icase(t, "abc"));
    }
}

TEST_CASE("find_icase: the first case-insensitive hit at or after from, as a byte-by-byte search finds it") {
    // Haystacks over a few letters in both cases, with folding look-alikes (@ and `, [ and {),
    // so that the rare-byte candidates are many and most are false; every `from`.
    std::mt19937 rng(11);
    const std::string alphabet = "sSnNaApPhHoOtT@`[{x.";
    auto lower_of = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
    auto naive = [&](const std::string& hay, const std::string& needle, size_t from) -> size_t {
        for (size_t i = from; i + needle.size() <= hay.size(); ++i) {
            size_t k = 0;
            while (k < needle.size() && lower_of(hay[i + k]) == needle[k]) ++k;
            if (k == needle.size()) return i;
        }
        return std::string::npos;
    };
    for (int round = 0; round < 300; ++round) {
        std::string hay(std::uniform_int_distribution<size_t>(0, 300)(rng), ' ');
        for (char& c : hay) c = alphabet[rng() % alphabet.size()];
        std::string needle(std::uniform_int_distribution<size_t>(1, 9)(rng), ' ');
        for (char& c : needle) c = lower_of(alphabet[rng() % alphabet.size()]);
        if (round % 3 == 0 && hay.size() > 20) needle = "snapshot";
        if (round % 5 == 0 && hay.size() >= needle.size()) {  // plant a hit, in mixed case
            size_t at = rng() % (hay.size() - needle.size() + 1);
            for (size_t k = 0; k < needle.size(); ++k) hay[at + k] = (rng() % 2) ? needle[k] : char(std::toupper(needle[k]));
        }
        for (size_t from = 0; from <= hay.size() + 1; ++from) {
            CAPTURE(hay);
            CAPTURE(needle);
            CAPTURE(from);
            REQUIRE(find_icase(hay, needle, from) == (from > hay.size() ? std::string::npos : naive(hay, needle, from)));
        }
    }
}

TEST_CASE("derive: literals from the leading search only, conservatively") {
    using C = std::vector<std::vector<std::string>>;
    CHECK(clauses_of("sourcetype=aws:cloudtrail eventName=JobCreated | stats count") == C{{"jobcreated"}});
    // the literals' common part is needed too, and checked first
    CHECK(clauses_of("eventName IN (\"CreateSnapshot\", \"DeleteSnapshot\") src_ip!=x") ==
          C{{"tesnapshot"}, {"createsnapshot", "deletesnapshot"}});
    CHECK(clauses_of("eventName IN (abcd, xyz)") == C{{"abcd", "xyz"}});
    CHECK(clauses_of("eventName=Create* OR eventName=*Delete*") == C{{"create", "delete"}});
    CHECK(clauses_of("eventName=a OR src_ip=b").empty());          // src_ip: not a JSON field here
    CHECK(clauses_of("NOT eventName=JobCreated").empty());
    CHECK(clauses_of("eventName!=JobCreated").empty());
    CHECK(clauses_of("userAgent=\"a/b\"").empty());                  // '/' may be escaped in JSON
    CHECK(clauses_of("eventName=\"caf\xc3\xa9\"").empty());          // non-ASCII may be \u-escaped
    CHECK(clauses_of("eventName=*").empty());
    CHECK(clauses_of("earliest=-1d latest=now Earliest=-2d").empty());  // time bounds, not fields
    CHECK(clauses_of("| makeresults | search eventName=x").empty());
    CHECK(clauses_of("* | search eventName=x").empty());
    CHECK(clauses_of("\"bare phrase\" eventSource=s3*") == C{{"bare phrase"}, {"s3"}});
}

// Property: for every cloud rule of the corpus (and the seed rules), its leading search and the
// whole rule give the same rows with and without the prefilter, over generated data with planted
// attacks.
TEST_CASE("prefilter never drops a matching event: corpus cloud rules over generated CloudTrail") {
    size_t rules = 0, with_prefilter = 0, compared = 0;
    for (const test::CloudRuleJob& rule : test::cloud_rule_jobs()) {
        ++rules;
        // the leading search alone (counts every event it keeps), then the whole rule
        std::vector<std::string> spls;
        if (rule.leading_search) spls.push_back(*rule.leading_search + " | stats count");
        spls.push_back(rule.job.spl);
        for (const std::string& spl : spls) {
            SearchJob j = rule.job;
            j.spl = spl;
            std::string with, without;
            try {
                j.raw_prefilter = false;
                without = rows_text(run_search(j).rows);
            } catch (const std::exception& e) {
                without = std::string("error: ") + e.what();
            }
            try {
                j.raw_prefilter = true;
                SearchOutcome out = run_search(j);
                with = rows_text(out.rows);
                if (out.read.skipped) ++with_prefilter;
            } catch (const std::exception& e) {
                with = std::string("error: ") + e.what();
            }
            INFO(rule.file.string() << "\n" << spl);
            CHECK(with == without);
            ++compared;
        }
    }
    MESSAGE(rules << " rules, " << compared << " searches compared, " << with_prefilter << " searches prefiltered");
    CHECK(rules >= 2);
    CHECK(with_prefilter >= 2);  // the seed rules at least are prefiltered
}
