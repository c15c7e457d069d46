// Subsearches run by the search runner read the job's inputs unless they start with a
// generating command: `[| search ...]` is a search over the events (Splunk: `search` is the
// implied generating command, a leading pipe before it changes nothing).
#include "minispl/runner/search_runner.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace minispl;
namespace fs = std::filesystem;

namespace {

fs::path write_events() {
    fs::path p = fs::temp_directory_path() / "minispl_subsearch_input_test.json";
    std::ofstream(p) << R"({"kind":"a","k":"x","v":"1"})" "\n"
                     << R"({"kind":"b","k":"x","w":"2"})" "\n";
    return p;
}

SearchJob job(const std::string& spl) {
    SearchJob j;
    j.spl = spl;
    j.inputs.push_back(InputSpec{write_events()});
    return j;
}

}  // namespace

TEST_CASE("subsearch `[| search ...]` reads the events like `[search ...]`") {
    for (const char* sub : {"[| search kind=b | table k w]", "[search kind=b | table k w]"}) {
        CAPTURE(sub);
        auto out = run_search(job(std::string("kind=a | table k v | join k ") + sub));
        REQUIRE(out.rows.size() == 1);
        CHECK(out.rows[0].get("w").to_string() == "2");
    }
}

TEST_CASE("subsearch `[| search ...]` in append reads the events") {
    auto out = run_search(job("kind=a | table k | append [| search kind=b | stats count]"));
    REQUIRE(out.rows.size() == 2);
    CHECK(out.rows[1].get("count").to_string() == "1");
}
