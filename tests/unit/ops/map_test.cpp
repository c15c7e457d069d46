// map (Splunk Search Reference, map): $field$ tokens, maxsearches.
#include "spl_pipeline.hpp"

#include "minispl/ops/map.hpp"

#include <doctest/doctest.h>

using namespace minispl;
using namespace minispl::test;

namespace {
struct Recorder {
    std::vector<std::string> searches;
    SearchTextRunner runner() {
        return [this](const std::string& spl) {
            searches.push_back(spl);
            return std::vector<Event>{ev({{"ran", spl}})};
        };
    }
};
std::unique_ptr<MapOperator> make(std::string_view spl, Recorder& r) {
    static std::vector<ast::PipelinePtr> keep;  // the AST outlives the operator in these tests
    keep.push_back(parse_search(spl));
    return std::make_unique<MapOperator>(std::get<ast::MapCmd>(keep.back()->commands.at(0).body), r.runner(), OpContext{});
}
}  // namespace

TEST_CASE("map: each row's $field$ values go into the search; outputs are concatenated") {
    Recorder r;
    auto rows = run_op(make("| map search=\"search EventCode=4624 TargetLogonId=$TargetLogonId$\"", r),
                       {ev({{"TargetLogonId", "0x1"}}), ev({{"TargetLogonId", "0x2"}})});
    CHECK(r.searches == Strings{"search EventCode=4624 TargetLogonId=0x1", "search EventCode=4624 TargetLogonId=0x2"});
    CHECK(rows.size() == 2);
}

TEST_CASE("map: maxsearches defaults to 10; a missing field becomes empty; $$ is a dollar") {
    Recorder r;
    std::vector<Event> in;
    for (int i = 0; i < 12; ++i) in.push_back(ev({{"n", i}}));
    run_op(make("| map search=\"search n=$n$ m=$missing$ $$\"", r), std::move(in));
    REQUIRE(r.searches.size() == 10);
    CHECK(r.searches[3] == "search n=3 m= $");
    Recorder r2;
    run_op(make("| map maxsearches=2 search=\"search n=$n$\"", r2), {ev({{"n", 1}}), ev({{"n", 2}}), ev({{"n", 3}})});
    CHECK(r2.searches.size() == 2);
}

TEST_CASE("map without search= is an error") {
    Recorder r;
    CHECK_THROWS_AS(make("| map maxsearches=2", r), SplError);
}
