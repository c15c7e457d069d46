#include "minispl/core/diagnostic.hpp"
#include "minispl/macros/expander.hpp"
#include "minispl/macros/macro_table.hpp"

#include <doctest/doctest.h>

using namespace minispl;

namespace {
const std::filesystem::path kFix = std::filesystem::path(MINISPL_SOURCE_DIR) / "tests/fixtures/rules";
}

TEST_CASE("a macro file has name, definition and optional arguments; keyed name or name(N)") {
    MacroTable t;
    size_t builtins = t.size();
    t.load_directory(kFix / "pack/macros");
    CHECK(t.size() == builtins + 1);
    REQUIRE(t.find("sysmon", 0));
    CHECK(t.find("sysmon", 0)->definition == "sourcetype=sysmon");
    CHECK(t.find("sysmon", 0)->file.filename() == "sysmon.yml");
    CHECK_FALSE(t.find("sysmon", 0)->builtin);

    // the same name with 0 and 2 arguments are two macros; `name: two(2)` is accepted too
    MacroTable u;
    u.load_directory(kFix / "macros_args");
    REQUIRE(u.find("two", 2));
    REQUIRE(u.find("two", 0));
    CHECK(u.find("two", 2)->name == "two");
    CHECK(u.find("two", 1) == nullptr);
    CHECK(u.find_any_arity("two").size() == 2);
    CHECK(u.find_any_arity("tw").empty());
    CHECK(expand_macros("`two(x, y)` | `two`", u).text == "eval x=y | eval x=0");
    auto e = expand_macros("`two(x)`", u);
    REQUIRE(e.diagnostics.size() == 1);
    CHECK(e.diagnostics[0].rule == "macro-arity");
}

TEST_CASE("drop_dm_object_name(1) is built in with argument `object`") {
    MacroTable t;
    const Macro* m = t.find("drop_dm_object_name", 1);
    REQUIRE(m);
    CHECK(m->builtin);
    CHECK(m->definition == "rename $object$.* AS *");
    CHECK(m->file.empty());
    // a pack may override it
    Macro mine;
    mine.name = "drop_dm_object_name";
    mine.arguments = {"object"};
    mine.definition = "rename $object$.* AS *, $object$ AS x";
    t.add(mine);
    CHECK_FALSE(t.find("drop_dm_object_name", 1)->builtin);
}

TEST_CASE("a malformed macro file is a yaml error naming file, line and column") {
    MacroTable t;
    try {
        t.load_directory(kFix / "macros_bad");  // broken.yml comes first
        FAIL("no error");
    } catch (const SplError& e) {
        CHECK(e.diagnostic().rule == "yaml");
        CHECK(e.diagnostic().file == (kFix / "macros_bad/broken.yml").string());
        CHECK(e.diagnostic().pos.line >= 2);
    }
    CHECK_THROWS_AS(t.load_directory(kFix / "no_such_dir"), SplError);
    // yaml-cpp accepts an unterminated quoted scalar at the end of a file; the table does not
    auto tmp = std::filesystem::temp_directory_path() / "minispl_macro_open_quote";
    std::filesystem::create_directories(tmp);
    std::filesystem::copy_file(kFix / "macros_bad/open_quote.yml", tmp / "open_quote.yml",
                               std::filesystem::copy_options::overwrite_existing);
    try {
        MacroTable u;
        u.load_directory(tmp);
        FAIL("no error");
    } catch (const SplError& e) {
        CHECK(e.diagnostic().rule == "yaml");
        CHECK(e.diagnostic().pos.line == 2);
        CHECK(e.diagnostic().pos.column == 13);
    }
    std::filesystem::remove_all(tmp);
}
