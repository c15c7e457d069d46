// A rule's lookup files stay inside the lookup directories (issue 14): names that are paths,
// `..`, absolute paths, NUL bytes and symlinks that lead out are refused with SplError("unsafe-path").
#include "../../support/scratch_dir.hpp"

#include "minispl/core/diagnostic.hpp"
#include "minispl/sourcetypes/lookup_table.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <functional>

using namespace minispl;
namespace fs = std::filesystem;

namespace {

std::string rule_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const SplError& e) {
        return e.diagnostic().rule;
    }
    return "";
}

fs::path fresh_dir(const std::string& name) {
    fs::path d = test::scratch_dir() / name;
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

}  // namespace

TEST_CASE("check_lookup_name: plain file names pass; paths, dot names, empty and NUL are refused") {
    for (std::string ok : std::vector<std::string>{"x", "x.csv", "x.csv.gz", "previously_seen_users", "a..b.csv", ".hidden.csv"})
        CHECK_MESSAGE(rule_of([&] { check_lookup_name(ok, "lookup", {}); }).empty(), ok);
    for (std::string bad : std::vector<std::string>{"../x.csv", "..", ".", "/tmp/x.csv", "sub/x.csv", "..\\x.csv", "", std::string("a\0b", 3)})
        CHECK_MESSAGE(rule_of([&] { check_lookup_name(bad, "lookup", {}); }) == "unsafe-path", bad);
    try {
        check_lookup_name("../../etc/x.csv", "outputlookup", {10, 25});
    } catch (const SplError& e) {
        CHECK(e.diagnostic().message.rfind("outputlookup: ", 0) == 0);  // names the command
        CHECK(e.diagnostic().offset == 10);                            // and points at the name
        CHECK(e.diagnostic().length == 15);
    }
}

TEST_CASE("lookup_write_path: inside the output directory; refuses paths and symlinks that lead out") {
    fs::path pack = fresh_dir("lp_pack"), out = fresh_dir("lp_out"), outside = fresh_dir("lp_outside");
    CHECK(lookup_write_path("t", {pack}, out) == out / "t.csv");
    CHECK(lookup_write_path("t.csv", {pack}, {}) == pack / "t.csv");
    CHECK(rule_of([&] { lookup_write_path("../t.csv", {pack}, out); }) == "unsafe-path");
    CHECK(rule_of([&] { lookup_write_path((outside / "t.csv").string(), {pack}, out); }) == "unsafe-path");
    // A definition whose filename is a path is refused too (the pack is as untrusted as the rule).
    std::ofstream(pack / "evil.yml") << "name: evil\nfilename: ../../evil.csv\n";
    CHECK(rule_of([&] { lookup_write_path("evil", {pack}, out); }) == "unsafe-path");
    // A symlink, dangling or not, that leads out of the directory.
    fs::create_symlink(outside / "nothing_yet.csv", out / "dangling.csv");
    CHECK(rule_of([&] { lookup_write_path("dangling.csv", {pack}, out); }) == "unsafe-path");
    fs::create_symlink("../lp_outside/x.csv", out / "escape.csv");  // relative, dangling
    CHECK(rule_of([&] { lookup_write_path("escape", {pack}, out); }) == "unsafe-path");
    // One that stays inside is fine.
    std::ofstream(out / "real.csv") << "a\n1\n";
    fs::create_symlink("real.csv", out / "alias.csv");
    CHECK(lookup_write_path("alias.csv", {pack}, out) == out / "alias.csv");
    // No directory at all: nowhere to write (was: the name itself, in the working directory).
    CHECK(rule_of([&] { lookup_write_path("t.csv", {}, {}); }) == "lookup-missing");
}

TEST_CASE("load_lookup: refuses a CSV that is a symlink out of its directory, reads one inside") {
    fs::path dir = fresh_dir("lp_read"), outside = fresh_dir("lp_read_outside");
    std::ofstream(outside / "secret.csv") << "k,v\nroot,x\n";
    std::ofstream(dir / "ok.csv") << "k,v\na,1\n";
    fs::create_symlink(outside / "secret.csv", dir / "secret.csv");
    fs::create_symlink("ok.csv", dir / "ok_alias.csv");
    CHECK(rule_of([&] { load_lookup("secret.csv", {dir}, {}); }) == "unsafe-path");
    CHECK(rule_of([&] { load_lookup("secret", {dir}, {}); }) == "unsafe-path");
    CHECK(load_lookup("ok_alias.csv", {dir}, {})->rows.size() == 1);
    CHECK(rule_of([&] { load_lookup("../lp_read_outside/secret.csv", {dir}, {}); }) == "unsafe-path");
    std::ofstream(dir / "def.yml") << "name: def\nfilename: /etc/passwd\n";
    CHECK(rule_of([&] { load_lookup("def", {dir}, {}, {}, "inputlookup"); }) == "unsafe-path");
}
