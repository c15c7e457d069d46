// source:: stanzas for inputs whose source is not declared: an XmlWinEventLog file names each
// event's channel itself (source = XmlWinEventLog:<Channel>), so the stanzas that apply are
// resolved per event. The raw prefilter must not drop events for a value only such a stanza
// derives (the literal is nowhere in the raw text).
#include "minispl/runner/search_runner.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <random>

using namespace minispl;
namespace fs = std::filesystem;

namespace {

std::string event(const std::string& channel, int code, int record) {
    return "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='P'/>"
           "<EventID>" + std::to_string(code) + "</EventID><TimeCreated SystemTime='2024-01-02T03:04:05.1234567Z'/>"
           "<EventRecordID>" + std::to_string(record) + "</EventRecordID><Channel>" + channel +
           "</Channel><Computer>host" + std::to_string(record) + "</Computer></System><EventData>"
           "<Data Name='N'>" + std::to_string(record) + "</Data></EventData></Event>\n";
}

struct Knowledge {
    fs::path dir = fs::temp_directory_path() / ("minispl_src_feed_" + std::to_string(std::random_device{}()));
    Knowledge() {
        fs::create_directories(dir);
        std::ofstream(dir / "generic.yml") << "name: XmlWinEventLog\n";
        std::ofstream(dir / "security.yml") << "source: XmlWinEventLog:Security\n"
                                               "calculated:\n  - kind: '\"secevent\"'\n";
        std::ofstream(dir / "events.xml") << event("Security", 4688, 1) << event("System", 7045, 2)
                                          << event("Security", 4624, 3);
        ::setenv("MINISPL_SOURCETYPES", dir.c_str(), 1);
    }
    ~Knowledge() {
        ::unsetenv("MINISPL_SOURCETYPES");
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    SearchJob job(const std::string& spl, bool projection, std::string source = {}) const {
        SearchJob j;
        j.spl = spl;
        j.inputs.push_back(InputSpec{dir / "events.xml", "XmlWinEventLog", std::move(source)});
        j.field_projection = projection;
        j.threads = 1;
        return j;
    }
};

}  // namespace

TEST_CASE("an undeclared source: each event gets the source:: stanzas of its own channel") {
    Knowledge k;
    for (bool projection : {true, false}) {
        CAPTURE(projection);
        auto sec = run_search(k.job("kind=secevent | stats count by source", projection));
        REQUIRE(sec.rows.size() == 1);
        CHECK(sec.rows[0].get("source").to_string() == "XmlWinEventLog:Security");
        CHECK(sec.rows[0].get("count").to_string() == "2");
        auto none = run_search(k.job("source=XmlWinEventLog:System kind=* | stats count", projection));
        REQUIRE(none.rows.size() == 1);
        CHECK(none.rows[0].get("count").to_string() == "0");
        // A declared source decides for the whole input, as contentctl's replay stamps it.
        auto declared = run_search(k.job("kind=secevent | stats count", projection, "XmlWinEventLog:Security"));
        REQUIRE(declared.rows.size() == 1);
        CHECK(declared.rows[0].get("count").to_string() == "3");
    }
}
