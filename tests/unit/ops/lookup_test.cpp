// lookup, inputlookup, outputlookup over a temporary lookups directory (security_content layout).
#include "extraction_pipeline.hpp"

#include "minispl/sourcetypes/lookup_table.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>

using namespace minispl;
using namespace minispl::test;
namespace fs = std::filesystem;

namespace {

//! A fresh lookups directory with a few tables, removed afterwards.
struct LookupDir {
    fs::path dir;
    OpContext ctx;
    LookupDir() {
        dir = fs::temp_directory_path() / ("minispl_lookup_test_" + std::to_string(std::random_device{}()));
        fs::create_directories(dir);
        write("products.csv",
              "product_id,product_name,price\r\nDB-SG-G01,Mediocre Kingdoms,24.99\r\nDC-SG-G02,\"Dream, Crusher\",39.99\r\n"
              "FS-SG-G03,\"Final \"\"Sequel\"\"\",24.99\r\nDB-SG-G01,Second Edition,\r\n");
        write("lolbas.yml",
              "name: lolbas\nfilename: lolbas_file_path.csv\ncase_sensitive_match: 'false'\n"
              "match_type: WILDCARD(lolbas_file_path), WILDCARD(other)\nmin_matches: 1\ndefault_match: 'false'\n");
        write("lolbas_file_path.csv", "lolbas_file_name,lolbas_file_path,is_lolbas\ncertutil.exe,*\\system32\\certutil.exe,TRUE\n");
        write("kv.yml", "name: kv\nfields_list: _key, user, count\n");
        ctx.lookup_dirs = {dir};
    }
    ~LookupDir() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    void write(const std::string& name, const std::string& text) { std::ofstream(dir / name, std::ios::binary) << text; }
    std::string read(const std::string& name) {
        std::ifstream in(dir / name, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
};

}  // namespace

TEST_CASE("parse_csv: RFC 4180 quotes, doubled quotes, commas and newlines inside quotes, CRLF") {
    auto r = parse_csv("a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\n\"multi\nline\",\n");
    REQUIRE(r.size() == 3);
    CHECK(r[1] == Strings{"x,1", "say \"hi\""});
    CHECK(r[2] == Strings{"multi\nline", ""});
}

TEST_CASE("lookup: OUTPUT fields AS names; a table found as <name>.csv") {
    LookupDir d;
    auto rows = run_x("| lookup products product_id AS productID OUTPUT product_name AS name price",
                      {ev({{"productID", "DC-SG-G02"}})}, d.ctx);
    CHECK(rows[0].get("name").to_string() == "Dream, Crusher");
    CHECK(rows[0].get("price").to_string() == "39.99");
}

TEST_CASE("lookup: several matching rows give multivalues (empty cells skipped); no output clause = all other columns") {
    LookupDir d;
    auto rows = run_x("| lookup products.csv product_id", {ev({{"product_id", "DB-SG-G01"}})}, d.ctx);
    CHECK(rows[0].get("product_name").mv_values() == Strings{"Mediocre Kingdoms", "Second Edition"});
    CHECK(rows[0].get("price").to_string() == "24.99");
}

TEST_CASE("lookup: OUTPUT overwrites and clears on no match; OUTPUTNEW only fills absent fields") {
    LookupDir d;
    std::vector<Event> in = {ev({{"product_id", "FS-SG-G03"}, {"price", "old"}}), ev({{"product_id", "nope"}, {"price", "old"}})};
    auto rows = run_x("| lookup products product_id OUTPUT price", in, d.ctx);
    CHECK(column(rows, "price") == Strings{"24.99", ""});
    CHECK_FALSE(rows[1].has("price"));
    rows = run_x("| lookup products product_id OUTPUTNEW price product_name", in, d.ctx);
    CHECK(column(rows, "price") == Strings{"old", "old"});
    CHECK(column(rows, "product_name") == Strings{"Final \"Sequel\"", ""});
}

TEST_CASE("lookup: matching is case-sensitive by default; the input may be a multivalue") {
    LookupDir d;
    auto rows = run_x("| lookup products product_id OUTPUT price", {ev({{"product_id", "dc-sg-g02"}}),
                                                                     ev({{"product_id", mv("x", "DC-SG-G02")}})}, d.ctx);
    CHECK(column(rows, "price") == Strings{"", "39.99"});
}

TEST_CASE("lookup: a definition's WILDCARD() columns, case_sensitive_match false, min_matches/default_match") {
    LookupDir d;
    std::vector<Event> in = {ev({{"lolbas_file_name", "CertUtil.exe"}, {"lolbas_file_path", "C:\\Windows\\System32\\certutil.exe"}}),
                             ev({{"lolbas_file_name", "x.exe"}, {"lolbas_file_path", "C:\\x.exe"}})};
    auto rows = run_x("| lookup lolbas lolbas_file_name lolbas_file_path OUTPUT is_lolbas", in, d.ctx);
    CHECK(column(rows, "is_lolbas") == Strings{"TRUE", "false"});
}

TEST_CASE("lookup: a missing table is lookup-missing at the table name; a missing column is an error") {
    LookupDir d;
    try {
        compile_x("| lookup nosuch a OUTPUT b", d.ctx);
        FAIL("expected an error");
    } catch (const SplError& e) {
        CHECK(e.diagnostic().rule == "lookup-missing");
        CHECK(e.diagnostic().offset == 9);
        CHECK(std::string(e.what()).find("lookup table 'nosuch' not found in " + d.dir.string()) != std::string::npos);
    }
    CHECK_THROWS_AS(compile_x("| lookup products nosuchcol", d.ctx), SplError);
}

TEST_CASE("lookup: a KV store definition (fields_list, no file) is an empty table") {
    LookupDir d;
    auto rows = run_x("| lookup kv user OUTPUTNEW count", {ev({{"user", "u"}})}, d.ctx);
    CHECK_FALSE(rows[0].has("count"));
}

TEST_CASE("inputlookup: generates the rows (empty cells absent), drops input events; where filters; append=t keeps them") {
    LookupDir d;
    auto rows = run_x("| inputlookup products", {ev({{"x", "dropped"}})}, d.ctx);
    REQUIRE(rows.size() == 4);
    CHECK(column(rows, "product_id") == Strings{"DB-SG-G01", "DC-SG-G02", "FS-SG-G03", "DB-SG-G01"});
    CHECK_FALSE(rows[3].has("price"));
    rows = run_x("| inputlookup products where price=24.99 product_id=DB*", {}, d.ctx);
    CHECK(column(rows, "product_name") == Strings{"Mediocre Kingdoms"});
    rows = run_x("| inputlookup append=t products where price>30", {ev({{"x", "kept"}})}, d.ctx);
    CHECK(column(rows, "x") == Strings{"kept", ""});
    CHECK(column(rows, "product_id") == Strings{"", "DC-SG-G02"});
}

TEST_CASE("outputlookup with a lookup output dir: writes there, the lookup dirs stay as they were, reads see it") {
    LookupDir d;
    const fs::path out_dir = d.dir / "written";  // created by outputlookup
    d.ctx.lookup_output_dir = out_dir;
    const std::string before = d.read("lolbas_file_path.csv");
    run_x("| outputlookup out.csv", {ev({{"a", "1"}})}, d.ctx);
    CHECK_FALSE(fs::exists(d.dir / "out.csv"));
    CHECK(fs::exists(out_dir / "out.csv"));
    // a definition's table is written under its filename, and read back before the pack's copy
    run_x("| outputlookup lolbas", {ev({{"lolbas_file_name", "x.exe"}, {"lolbas_file_path", "*\\x.exe"}, {"is_lolbas", "TRUE"}})},
          d.ctx);
    CHECK(d.read("lolbas_file_path.csv") == before);
    CHECK(fs::exists(out_dir / "lolbas_file_path.csv"));
    auto rows = run_x("| inputlookup lolbas", {}, d.ctx);
    CHECK(column(rows, "lolbas_file_name") == Strings{"x.exe"});
    rows = run_x("| inputlookup out.csv", {}, d.ctx);
    CHECK(column(rows, "a") == Strings{"1"});
    // tables it did not write still come from the lookup dirs
    rows = run_x("| inputlookup products", {}, d.ctx);
    CHECK(rows.size() == 4);
}

TEST_CASE("outputlookup: writes a CSV into the first lookup dir, passes results on; append=t adds rows") {
    LookupDir d;
    auto rows = run_x("| outputlookup out.csv", {ev({{"a", "1"}, {"b", "x,y"}}), ev({{"a", "2"}, {"m", mv("p", "q")}})}, d.ctx);
    CHECK(rows.size() == 2);
    CHECK(d.read("out.csv") == "a,b,m\n1,\"x,y\",\n2,,\"p\nq\"\n");
    run_x("| outputlookup append=t createinapp=t out", {ev({{"c", "3"}})}, d.ctx);
    CHECK(d.read("out.csv") == "a,b,m,c\n1,\"x,y\",,\n2,,\"p\nq\",\n,,,3\n");
    rows = run_x("| inputlookup out.csv", {}, d.ctx);
    CHECK(column(rows, "c") == Strings{"", "", "3"});
}
