// Reports of `minispl test` for CI: JUnit XML (what CI servers display) and JSON.
#include "minispl/runner/test_runner.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ostream>

namespace minispl {

namespace {

//! Text made safe for an XML attribute or element. Control characters other than tab and line
//! breaks are not allowed in XML 1.0 at all, so they are dropped.
std::string xml_escape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (unsigned char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            case '\n': out += "&#10;"; break;
            case '\t': out += "&#9;"; break;
            default:
                if (c >= 0x20 || c == '\r') out += static_cast<char>(c);
        }
    }
    return out;
}

std::string testcase_name(const TestVerdict& v) {
    return v.test_name.empty() ? v.rule_name : fmt::format("{} / {}", v.rule_name, v.test_name);
}

}  // namespace

void write_junit(std::ostream& out, const std::vector<TestVerdict>& verdicts) {
    TestSummary s = summarize_tests(verdicts);
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << fmt::format("<testsuites tests=\"{}\" failures=\"{}\" skipped=\"{}\" errors=\"0\" time=\"{:.3f}\">\n",
                       s.total(), s.failed, s.skipped(), s.seconds);
    out << fmt::format("  <testsuite name=\"minispl test\" tests=\"{}\" failures=\"{}\" skipped=\"{}\" errors=\"0\" "
                       "time=\"{:.3f}\">\n",
                       s.total(), s.failed, s.skipped(), s.seconds);
    for (const auto& v : verdicts) {
        out << fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" time=\"{:.3f}\"",
                           xml_escape(v.file.stem().string()), xml_escape(testcase_name(v)),
                           xml_escape(v.file.string()), v.seconds);
        switch (v.status) {
            case TestStatus::Passed:
                out << "/>\n";
                break;
            case TestStatus::Failed:
                out << fmt::format(">\n      <failure message=\"{}\" type=\"failed\"/>\n    </testcase>\n",
                                   xml_escape(v.reason));
                break;
            default:
                out << fmt::format(">\n      <skipped message=\"{}: {}\"/>\n    </testcase>\n",
                                   test_status_name(v.status), xml_escape(v.reason));
        }
    }
    out << "  </testsuite>\n</testsuites>\n";
}

void write_test_json(std::ostream& out, const std::vector<TestVerdict>& verdicts) {
    TestSummary s = summarize_tests(verdicts);
    nlohmann::ordered_json j;
    j["summary"] = {{"passed", s.passed},
                    {"failed", s.failed},
                    {"skipped", s.skipped()},
                    {"not_runnable", s.not_runnable},
                    {"dataset_missing", s.dataset_missing},
                    {"seconds", s.seconds}};
    auto& tests = j["tests"] = nlohmann::ordered_json::array();
    for (const auto& v : verdicts) {
        nlohmann::ordered_json t;
        t["file"] = v.file.string();
        t["rule"] = v.rule_name;
        t["id"] = v.rule_id;
        t["test"] = v.test_name;
        t["status"] = test_status_name(v.status);
        t["reason"] = v.reason;
        t["results"] = v.results;
        t["events"] = v.events;
        t["seconds"] = v.seconds;
        t["missing_datasets"] = v.missing_datasets;
        tests.push_back(std::move(t));
    }
    // Replace invalid UTF-8 rather than throw: reasons can quote data.
    out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace minispl
