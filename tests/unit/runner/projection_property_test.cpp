// Property: field projection (only the fields a search reads are extracted, only the sourcetype
// definitions that produce them applied) and the number of reading threads never change a
// result. Every cloud rule of the corpus (and the seed rules) over generated CloudTrail with
// planted attacks: the same rows in the same order and read statistics, or the same error, with
// projection on and off and with 1 and 2 threads; and its leading search alone, counted.
#include "cloud_rule_jobs.hpp"
#include "tests/support/row_text.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace minispl;
namespace fs = std::filesystem;

namespace {

//! Rows in output order, fields in order; or the error.
struct Result {
    std::string text;
    size_t rows = 0;
    bool error = false;
};

Result run(SearchJob job, bool projection, unsigned threads) {
    job.field_projection = projection;
    job.threads = threads;
    Result r;
    try {
        SearchOutcome out = run_search(job);
        r.rows = out.rows.size();
        for (const Event& e : out.rows) r.text += test::row_text(e) + "\n";
        r.text += "events=" + std::to_string(out.read.events) + " skipped=" + std::to_string(out.read.skipped) +
                  " bad=" + std::to_string(out.read.bad_records);
    } catch (const std::exception& e) {
        r.error = true;
        r.text = std::string("error: ") + e.what();
    }
    return r;
}

//! The first line where two results differ, for a readable failure.
std::string first_difference(const std::string& a, const std::string& b) {
    size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    const size_t from = a.rfind('\n', i) == std::string::npos ? 0 : a.rfind('\n', i) + 1;
    auto line = [&](const std::string& s) { return s.substr(from, std::min<size_t>(s.find('\n', from) - from, 600)); };
    return "at byte " + std::to_string(i) + ":\n  " + line(a) + "\n  " + line(b);
}

}  // namespace

TEST_CASE("field projection and threads never change a rule's rows: corpus cloud rules over generated CloudTrail") {
    size_t rules = 0, compared = 0, with_rows = 0, leading_kept = 0, errors = 0;
    for (const test::CloudRuleJob& rule : test::cloud_rule_jobs()) {
        ++rules;
        // The whole rule (projection on and off, 1 and 2 threads), then its leading search alone
        // counted (projection on and off): the events the reading threads keep, whether or not
        // the rest of the rule runs or returns anything.
        auto compare = [&](const std::string& spl, bool threads_too) {
            SearchJob j = rule.job;
            j.spl = spl;
            const Result all_fields = run(j, false, 2);
            const Result projected = run(j, true, 2);
            INFO(rule.file.string() << "\n" << spl);
            if (projected.text != all_fields.text) {
                INFO("projection on vs off " << first_difference(projected.text, all_fields.text));
                CHECK(projected.text == all_fields.text);
            }
            if (threads_too) {
                const Result one_thread = run(j, true, 1);
                if (one_thread.text != projected.text) {
                    INFO("1 vs 2 threads " << first_difference(one_thread.text, projected.text));
                    CHECK(one_thread.text == projected.text);
                }
            }
            ++compared;
            errors += all_fields.error;
            return all_fields;
        };
        const Result whole = compare(rule.job.spl, true);
        with_rows += whole.rows > 0;
        if (rule.leading_search) {
            const Result counted = compare(*rule.leading_search + " | stats count", false);
            leading_kept += counted.text.rfind("count=0\x1f", 0) != 0 && !counted.error;
        }
    }
    MESSAGE(rules << " rules, " << compared << " searches compared (rules: projection on/off and 1/2 threads; their "
                  << "leading searches counted: projection on/off); " << with_rows << " rules returned rows, "
                  << leading_kept << " leading searches kept events, " << errors << " errors (the same either way)");
    CHECK(rules >= 2);
    CHECK(with_rows >= 2);
    CHECK(leading_kept >= 10);
}
