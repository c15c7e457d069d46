// Property: on Windows events whose source is only known per event (an XmlWinEventLog file read
// without --source: each event names its channel), the projection and the raw prefilter the
// runner derives from every source:: and host:: stanza that may apply never change a rule's rows. Every raw-event rule of
// the corpus whose first test dataset is an XML file in ../shared/attack_data, the source left
// undeclared: the same rows, in the same order, and the same event count, with projection and
// prefilter on, and with both off (every field of every event).
#include "../../support/row_text.hpp"

#include "minispl/rules/detection.hpp"
#include "minispl/runner/rule_job.hpp"
#include "minispl/runner/search_runner.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

using namespace minispl;
namespace fs = std::filesystem;

namespace {

std::string run(SearchJob job, bool planned) {
    job.field_projection = planned;
    job.raw_prefilter = planned;
    std::string text;
    try {
        SearchOutcome out = run_search(job);
        for (const Event& e : out.rows) text += test::row_text(e) + "\n";
        // Events skipped by the prefilter are not parsed, so only kept + skipped is comparable.
        text += "events=" + std::to_string(out.read.events + out.read.skipped) +
                " bad=" + std::to_string(out.read.bad_records);
    } catch (const std::exception& e) {
        text = std::string("error: ") + e.what();
    }
    return text;
}

bool is_xml(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    char head[64] = {};
    in.read(head, sizeof head);
    return std::string_view(head, static_cast<size_t>(in.gcount())).find("<Event") != std::string_view::npos;
}

}  // namespace

TEST_CASE("per-event source: projection and prefilter never change a Windows rule's rows (corpus rules over attack_data XML)") {
    const fs::path content = fs::path(MINISPL_SHARED_DIR) / "security_content";
    const fs::path attack = fs::path(MINISPL_SHARED_DIR) / "attack_data";
    if (!fs::exists(content / "detections/endpoint") || !fs::exists(attack)) {
        MESSAGE("../shared is not here: nothing to check");
        return;
    }
    static const RulePack pack = load_rule_pack(content);
    std::vector<fs::path> files;
    for (auto& f : fs::directory_iterator(content / "detections/endpoint"))
        if (f.path().extension() == ".yml") files.push_back(f.path());
    std::sort(files.begin(), files.end());
    size_t compared = 0, with_rows = 0, errors = 0;
    for (const auto& file : files) {
        Detection rule;
        try {
            rule = load_detection(file);
        } catch (...) {
            continue;
        }
        if (rule.tests.empty() || rule.tests[0].attack_data.empty()) continue;
        if (rule.search.find("tstats") != std::string::npos) continue;  // datasets: their own test
        InputSpec input = dataset_input(rule.tests[0].attack_data[0], file, attack);
        if (!fs::exists(input.file) || fs::file_size(input.file) > (8u << 20) || !is_xml(input.file)) continue;
        input.source.clear();
        SearchJob job = rule_search_job(rule, pack);
        job.inputs = {input};
        job.now = 1.8e9;
        job.threads = 2;
        const std::string on = run(job, true), off = run(job, false);
        INFO(file.filename().string());
        CHECK(on == off);
        ++compared;
        with_rows += on.find('\n') != std::string::npos && on.rfind("error: ", 0) != 0;
        errors += on.rfind("error: ", 0) == 0;
    }
    MESSAGE(compared << " Windows rules compared, " << with_rows << " with rows, " << errors << " errors (the same either way)");
    CHECK(compared >= 100);
    CHECK(with_rows >= 30);
}
