// The one lookup engine (lookup command and sourcetype lookups): WILDCARD, CIDR, case rules,
// max_matches, min_matches/default_match, OUTPUT/OUTPUTNEW, sourcetype defaults, CSV reading.
#include "minispl/sourcetypes/lookup_matcher.hpp"
#include "minispl/sourcetypes/sourcetype.hpp"

#include "minispl/core/diagnostic.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <random>

using namespace minispl;
namespace fs = std::filesystem;

namespace {

struct Csv {
    fs::path file;
    explicit Csv(const std::string& text) {
        file = fs::temp_directory_path() / ("minispl_lkm_" + std::to_string(std::random_device{}()) + ".csv");
        std::ofstream(file, std::ios::binary) << text;
    }
    ~Csv() {
        std::error_code ec;
        fs::remove(file, ec);
    }
};

LookupRules rules(std::initializer_list<std::pair<const char*, const char*>> settings) {
    LookupRules r;
    for (const auto& [k, v] : settings) CHECK(r.set(k, v, "test"));
    return r;
}

//! Matcher on input column 0 → event field `in`, output column 1 → field `out`.
LookupMatcher matcher(const Csv& csv, LookupRules r, bool output_new = false,
                      std::vector<std::pair<std::string, std::string>> defaults = {}) {
    auto table = load_lookup_file(csv.file, std::move(r));
    return LookupMatcher(table, {{0, "in"}}, {{1, "out"}}, output_new, std::move(defaults));
}

Event with(const std::string& in) {
    Event e;
    e.set("in", Value::string(in));
    return e;
}

std::vector<std::string> out(LookupMatcher& m, Event e) {
    m.apply(e);
    const Value* v = e.find("out");
    return v ? v->mv_values() : std::vector<std::string>{};
}

}  // namespace

TEST_CASE("exact match: case-sensitive by default; case_sensitive_match=false folds case") {
    Csv csv("key,value\nAdmin,1\nadmin,2\n");
    auto exact = matcher(csv, {});
    CHECK(out(exact, with("admin")) == std::vector<std::string>{"2"});
    CHECK(out(exact, with("ADMIN")).empty());
    auto caseless = matcher(csv, rules({{"case_sensitive_match", "false"}}));
    CHECK(out(caseless, with("ADMIN")) == std::vector<std::string>{"1", "2"});
}

TEST_CASE("WILDCARD(col): `*` patterns in the cell, with the case rule too") {
    Csv csv("path,kind\n*\\System32\\*.exe,system\nC:\\Temp\\*,temp\n");
    auto m = matcher(csv, rules({{"match_type", "WILDCARD(path)"}}));
    CHECK(out(m, with("C:\\Windows\\System32\\cmd.exe")) == std::vector<std::string>{"system"});
    CHECK(out(m, with("c:\\windows\\system32\\cmd.exe")).empty());
    auto caseless = matcher(csv, rules({{"match_type", "WILDCARD(path)"}, {"case_sensitive_match", "false"}}));
    CHECK(out(caseless, with("c:\\windows\\system32\\cmd.exe")) == std::vector<std::string>{"system"});
    auto plain = matcher(csv, {});  // without match_type the `*` is literal
    CHECK(out(plain, with("C:\\Temp\\x")).empty());
}

TEST_CASE("CIDR(col): the cell is a network (IPv4, IPv6) or one address") {
    Csv csv("net,zone\n10.0.0.0/8,internal\n192.168.1.5,printer\n2001:db8::/32,doc\n");
    auto m = matcher(csv, rules({{"match_type", "CIDR(net)"}}));
    CHECK(out(m, with("10.1.2.3")) == std::vector<std::string>{"internal"});
    CHECK(out(m, with("11.1.2.3")).empty());
    CHECK(out(m, with("192.168.1.5")) == std::vector<std::string>{"printer"});
    CHECK(out(m, with("2001:db8:1::7")) == std::vector<std::string>{"doc"});
    CHECK(out(m, with("not an ip")).empty());
    auto exact = matcher(csv, {});
    CHECK(out(exact, with("10.1.2.3")).empty());
}

TEST_CASE("max_matches: the first N rows in file order (default 100); several give a multivalue") {
    Csv csv("key,value\na,1\na,2\na,3\n");
    auto all = matcher(csv, {});
    CHECK(out(all, with("a")) == std::vector<std::string>{"1", "2", "3"});
    auto one = matcher(csv, rules({{"max_matches", "1"}}));
    CHECK(out(one, with("a")) == std::vector<std::string>{"1"});
    auto two = matcher(csv, rules({{"max_matches", "2"}}));
    CHECK(out(two, with("a")) == std::vector<std::string>{"1", "2"});
    LookupRules r;
    CHECK_THROWS_AS(r.set("max_matches", "0", "t"), SplError);
    CHECK_THROWS_AS(r.set("max_matches", "1001", "t"), SplError);
    CHECK_THROWS_AS(r.set("match_type", "FUZZY(x)", "t"), SplError);
    CHECK_THROWS_AS(r.set("case_sensitive_match", "maybe", "t"), SplError);
    CHECK(!r.set("filename", "x.csv", "t"));
}

TEST_CASE("OUTPUT overwrites and clears on no match; OUTPUTNEW only fills absent fields") {
    Csv csv("key,value\na,1\n");
    auto output = matcher(csv, {});
    Event e = with("a");
    e.set("out", Value::string("old"));
    CHECK(out(output, e) == std::vector<std::string>{"1"});
    Event miss = with("b");
    miss.set("out", Value::string("old"));
    CHECK(out(output, miss).empty());
    auto output_new = matcher(csv, {}, true);
    CHECK(out(output_new, e) == std::vector<std::string>{"old"});
    CHECK(out(output_new, with("a")) == std::vector<std::string>{"1"});
}

TEST_CASE("min_matches/default_match fill up; a sourcetype default applies only when no row matched") {
    Csv csv("key,value\na,1\n");
    auto m = matcher(csv, rules({{"min_matches", "1"}, {"default_match", "unknown"}}));
    CHECK(out(m, with("z")) == std::vector<std::string>{"unknown"});
    CHECK(out(m, with("a")) == std::vector<std::string>{"1"});
    auto d = matcher(csv, {}, false, {{"out", "none"}});
    CHECK(out(d, with("z")) == std::vector<std::string>{"none"});
    CHECK(out(d, with("a")) == std::vector<std::string>{"1"});
}

TEST_CASE("a multivalue input matches on any value; an absent input matches nothing") {
    Csv csv("key,value\na,1\nb,2\n");
    auto m = matcher(csv, {});
    Event e;
    e.set("in", Value::multi({"x", "b"}));
    CHECK(out(m, e) == std::vector<std::string>{"2"});
    CHECK(out(m, Event{}).empty());
}

TEST_CASE("CSV: a byte order mark and spaces around header names do not become part of the column") {
    Csv csv("\xEF\xBB\xBFkey , value\na,1\n");
    auto table = load_lookup_file(csv.file, {});
    CHECK(table->columns == std::vector<std::string>{"key", "value"});
    CHECK(table->rows.size() == 1);
}

TEST_CASE("sourcetype lookups use the same rules: match_type, cidr, max_matches (default 1 there), case_sensitive_match") {
    const auto dir = fs::temp_directory_path() / ("minispl_lkm_st_" + std::to_string(std::random_device{}()));
    fs::create_directories(dir);
    std::ofstream(dir / "zones.csv") << "net,zone\n10.0.0.0/8,internal\n10.1.0.0/16,lab\n";
    std::ofstream(dir / "users.csv") << "user,role\nADMIN*,admin\n";
    std::ofstream(dir / "st.yml") << "name: t\nlookups:\n"
                                     "  - {file: zones.csv, inputs: [net AS ip], outputs: [zone], cidr: [net], max_matches: 10}\n"
                                     "  - {name: first, file: zones.csv, inputs: [net AS ip], outputs: [zone AS zone1],"
                                     " match_type: CIDR(net)}\n"
                                     "  - {file: users.csv, inputs: [user], outputs: [role], wildcard: [user],"
                                     " case_sensitive_match: 'false'}\n";
    Sourcetype st = Sourcetype::load(dir / "st.yml");
    Event e;
    e.set("ip", Value::string("10.1.2.3"));
    e.set("user", Value::string("admin_bob"));
    st.apply(e);
    CHECK(e.find("zone")->mv_values() == std::vector<std::string>{"internal", "lab"});
    CHECK(e.find("zone1")->to_string() == "internal");
    CHECK(e.find("role")->to_string() == "admin");
    std::ofstream(dir / "bad.yml") << "name: b\nlookups:\n  - {file: zones.csv, inputs: [net], outputs: [zone], max_matches: 0}\n";
    CHECK_THROWS_AS(Sourcetype::load(dir / "bad.yml"), SplError);
    std::ofstream(dir / "bad2.yml") << "name: b\nlookups:\n  - {file: zones.csv, inputs: [net], outputs: [zone], colour: 1}\n";
    CHECK_THROWS_AS(Sourcetype::load(dir / "bad2.yml"), SplError);
    std::error_code ec;
    fs::remove_all(dir, ec);
}
