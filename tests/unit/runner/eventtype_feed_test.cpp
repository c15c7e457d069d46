// Eventtypes and source:: stanzas through the whole feed: the projection keeps what an eventtype
// search reads (here only `source`, metadata the pipeline itself never names), with and without
// field projection; the sourcetype field of a renamed sourcetype.
#include "minispl/runner/search_runner.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <random>

using namespace minispl;
namespace fs = std::filesystem;

namespace {

struct Knowledge {
    fs::path dir = fs::temp_directory_path() / ("minispl_et_feed_" + std::to_string(std::random_device{}()));
    Knowledge() {
        fs::create_directories(dir / "eventtypes");
        std::ofstream(dir / "generic.yml") << "name: XmlWinEventLog\nrename_from: ['XmlWinEventLog:*']\n";
        std::ofstream(dir / "security.yml") << "source: XmlWinEventLog:Security\n"
                                               "calculated:\n  - signature_id: EventCode\n";
        std::ofstream(dir / "eventtypes/win.yml")
            << "eventtypes:\n"
               "  - {name: wineventlog_security, search: source=XmlWinEventLog:Security, tags: [os, windows]}\n"
               "  - {name: win_process, search: 'eventtype=wineventlog_security signature_id=4688', tags: [process]}\n";
        std::ofstream(dir / "events.json") << R"({"EventCode":"4688","n":1})" "\n"
                                           << R"({"EventCode":"4624","n":2})" "\n";
        ::setenv("MINISPL_SOURCETYPES", dir.c_str(), 1);
    }
    ~Knowledge() {
        ::unsetenv("MINISPL_SOURCETYPES");
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    SearchJob job(const std::string& spl, bool projection) const {
        SearchJob j;
        j.spl = spl;
        j.inputs.push_back(InputSpec{dir / "events.json", "XmlWinEventLog:Security", "XmlWinEventLog:Security"});
        j.field_projection = projection;
        j.threads = 1;
        return j;
    }
};

}  // namespace

TEST_CASE("tag= and eventtype= select events by eventtype definitions, projected or not") {
    Knowledge k;
    for (bool projection : {true, false}) {
        CAPTURE(projection);
        auto procs = run_search(k.job("tag=process | table n", projection));
        REQUIRE(procs.rows.size() == 1);
        CHECK(procs.rows[0].get("n").to_string() == "1");
        auto all = run_search(k.job("eventtype=wineventlog_security | stats count", projection));
        REQUIRE(all.rows.size() == 1);
        CHECK(all.rows[0].get("count").to_string() == "2");
        auto st = run_search(k.job("sourcetype=XmlWinEventLog | stats values(sourcetype) as st", projection));
        REQUIRE(st.rows.size() == 1);
        CHECK(st.rows[0].get("st").to_string() == "XmlWinEventLog");
    }
}
