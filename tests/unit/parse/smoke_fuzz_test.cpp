// A plain (non-libFuzzer) fuzz smoke test for CI: random and mutated searches must either parse
// or throw SplError — never crash, hang or throw anything else.
#include "minispl/parse/parser.hpp"

#include <doctest/doctest.h>
#include <random>
#include <string>
#include <vector>

using namespace minispl;

TEST_CASE("fuzz smoke: mutated searches only return or throw SplError") {
    const std::vector<std::string> seeds = {
        R"(| tstats `x` count min(_time) as firstTime from datamodel=Endpoint.Processes where (Processes.process_name="7z.exe" OR Processes.process="*\\C$\\*") by Processes.dest span=1h | rename "Processes".* AS * | sort count, - ut_shannon)",
        R"(x EventCode=4624 NOT user IN ("a", b*) | eval a=if(match(b,"(?i)x|y"),1,0), c='d.e' . "f" | where a>1 AND NOT c like "%x%" | stats dc(eval(a=1)) as n by "q r")",
        R"(x | appendpipe [| map search="search `m` x=$y$" | stats values(eval(if(a=="%%1",b,null))) as v] | foreach * [ eval <<FIELD>> = if(<<FIELD>>="null",null(),<<FIELD>>)] | replace "::ffff:*" with * in src)",
        R"(x | rex field=_raw "\[(?<p>HTTPS|HTTP):(?<s>[^\:]+)\]" max_match=0 | regex process="^a\d" | lookup t a AS b OUTPUT c | join type=left k [ mstats avg(tcp.*) as tcp.* where i=1 by k span=10s ] | fillnull value=0 a, b | bin _time span=5m | dedup 2 a sortby -b | head 5)",
    };
    const std::string alphabet = "()[]|\"'`=!<>,.* -+/%\\abcNOTANDORbyasspan5m$<<>>{}\n";
    std::mt19937 rng(12345);
    int parsed = 0, rejected = 0;
    for (int round = 0; round < 4000; ++round) {
        std::string s = seeds[round % seeds.size()];
        const int edits = 1 + static_cast<int>(rng() % 4);
        for (int e = 0; e < edits && !s.empty(); ++e) {
            const size_t pos = rng() % s.size();
            switch (rng() % 4) {
                case 0: s.erase(pos, 1 + rng() % 3); break;
                case 1: s.insert(pos, 1, alphabet[rng() % alphabet.size()]); break;
                case 2: s[pos] = alphabet[rng() % alphabet.size()]; break;
                default: s.insert(pos, s.substr(rng() % s.size(), rng() % 20)); break;
            }
        }
        if (round % 10 == 0) {  // pure noise too
            s.clear();
            for (int i = 0, n = static_cast<int>(rng() % 80); i < n; ++i) s += alphabet[rng() % alphabet.size()];
        }
        try {
            auto p = parse_search(s);
            REQUIRE(p);
            (void)dump_ast(*p);
            ++parsed;
        } catch (const SplError& err) {
            CHECK(err.diagnostic().offset <= s.size());
            ++rejected;
        }
    }
    CHECK(parsed + rejected == 4000);
    MESSAGE("parsed " << parsed << ", rejected " << rejected);
}
