#include "minispl/rules/detection.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace minispl;

namespace {

const std::filesystem::path kFix = std::filesystem::path(MINISPL_SOURCE_DIR) / "tests/fixtures/rules";
const std::filesystem::path kPack = kFix / "pack";

SplError load_error(const std::filesystem::path& f) {
    try {
        load_detection(f);
    } catch (const SplError& e) {
        return e;
    }
    FAIL("no error for " << f);
    return SplError("none", "none");
}

}  // namespace

TEST_CASE("old format: tags.message, tags.observable, tests with attack_data") {
    Detection d = load_detection(kPack / "detections/endpoint/old_format.yml");
    CHECK(d.name == "Old Format Rule - v1.2/Test");
    CHECK(d.id == "11111111-2222-3333-4444-555555555555");
    CHECK(d.type == "TTP");
    CHECK(d.status == "production");
    CHECK(d.description == "A rule in the tags.observable format.");
    CHECK(d.search == "`sysmon` EventCode=1 process_name='cmd.exe' | stats count by dest user\n| "
                      "`old_format_rule___v1_2_test_filter`");
    CHECK(d.message == "cmd.exe ran on $dest$ as $user$");
    CHECK_FALSE(d.deprecated);
    CHECK(d.filter_macro_name() == "old_format_rule___v1_2_test_filter");
    CHECK(d.yaml["version"].as<int>() == 1);
    CHECK(d.file_text.starts_with("name: Old Format Rule"));
    REQUIRE(d.observables.size() == 3);
    CHECK(d.observables[0].field == "dest");
    CHECK(d.observables[0].type == "Endpoint");
    CHECK(d.observables[0].role == "risk");
    CHECK(d.observables[0].roles_text == "Victim");
    CHECK(d.observables[1].roles_text == "Victim,Attacker");
    CHECK(d.observables[1].role == "risk");
    CHECK(d.observables[2].field == "parent_process_name");
    CHECK(d.observables[2].role == "threat");  // an attacker process is a threat object
    REQUIRE(d.tests.size() == 1);
    CHECK(d.tests[0].name == "True Positive Test");
    REQUIRE(d.tests[0].attack_data.size() == 2);
    CHECK(d.tests[0].attack_data[0].data == "https://example.com/attack_data/sysmon.log");
    CHECK(d.tests[0].attack_data[0].source == "XmlWinEventLog:Microsoft-Windows-Sysmon/Operational");
    CHECK(d.tests[0].attack_data[0].sourcetype == "xmlwineventlog");
    CHECK_FALSE(d.tests[0].attack_data[0].update_timestamp);
    CHECK(d.tests[0].attack_data[1].update_timestamp);
    // the search map: `process_name=''cmd.exe''` → the '' escape maps to its first quote
    uint32_t q = static_cast<uint32_t>(d.search.find('\''));
    Position p = d.search_map.position(q);
    CHECK(p.line == 7);
    CHECK(d.file_text[p.offset] == '\'');
    CHECK(d.file_text[p.offset + 1] == '\'');
    uint32_t stats = static_cast<uint32_t>(d.search.find("| stats"));
    CHECK(d.search_map.position(stats).line == 8);
    CHECK(d.search_map.position(stats).column == 3);
    uint32_t filter = static_cast<uint32_t>(d.search.find("`old_format"));
    CHECK(d.search_map.position(filter).line == 10);
    CHECK(d.search_map.position(filter).column == 5);
    CHECK(d.search_map.file_line(10) == "  | `old_format_rule___v1_2_test_filter`'");
}

TEST_CASE("rba format: rba.message, risk_objects and threat_objects; literal block search") {
    Detection d = load_detection(kPack / "detections/endpoint/rba_format.yml");
    CHECK(d.message == "Connection from $src_ip$ to $dest$");
    CHECK(d.description == "A rule in the rba format.");
    CHECK(d.search == "`sysmon` EventCode=3\n| stats count by dest src_ip\n| `rba_format_rule_filter`");
    REQUIRE(d.observables.size() == 2);
    CHECK(d.observables[0].field == "dest");
    CHECK(d.observables[0].type == "system");
    CHECK(d.observables[0].role == "risk");
    CHECK(d.observables[1].field == "src_ip");
    CHECK(d.observables[1].role == "threat");
    REQUIRE(d.tests.size() == 1);
    CHECK(d.tests[0].test_type == "unit");
    CHECK(d.search_map.exact());
    uint32_t by = static_cast<uint32_t>(d.search.find("src_ip"));
    CHECK(d.search_map.position(by).line == 9);
    CHECK(d.search_map.position(by).column == 25);
}

TEST_CASE("finding format: finding.title, finding.entity and top-level threat_objects; double-quoted search") {
    Detection d = load_detection(kPack / "detections/endpoint/finding_format.yml");
    CHECK(d.message == "Many risk events for $risk_object$");
    CHECK(d.search == "| from datamodel Risk.All_Risk | search source=\"x\\y\"\t| `finding_format_rule_filter`");
    REQUIRE(d.observables.size() == 2);
    CHECK(d.observables[0].field == "risk_object");
    CHECK(d.observables[0].role == "risk");
    CHECK(d.observables[1].field == "file_hash");
    CHECK(d.observables[1].role == "threat");
    CHECK(d.search_map.exact());
    uint32_t bq = static_cast<uint32_t>(d.search.find('`'));
    CHECK(d.search_map.position(bq).line == 7);
    CHECK(d.search_map.position(bq).column == 5);
}

TEST_CASE("deprecated: under a deprecated/ folder or status: deprecated") {
    CHECK(load_detection(kPack / "detections/deprecated/old_rule.yml").deprecated);
    CHECK(load_detection(kPack / "detections/endpoint/status_deprecated.yaml").deprecated);
}

TEST_CASE("malformed YAML is a yaml error naming file, line and column") {
    // yaml-cpp itself accepts a quoted scalar left open at the end of the file; we do not
    SplError e = load_error(kFix / "bad/malformed.yml");
    CHECK(e.diagnostic().rule == "yaml");
    CHECK(e.diagnostic().file == (kFix / "bad/malformed.yml").string());
    CHECK(e.diagnostic().pos.line == 2);
    CHECK(e.diagnostic().pos.column == 9);
    CHECK(e.diagnostic().message.find("malformed.yml:2:9: ") != std::string::npos);
    SplError f = load_error(kFix / "bad/unclosed_flow.yml");
    CHECK(f.diagnostic().rule == "yaml");
    CHECK(f.diagnostic().pos.line >= 2);
    SplError e2 = load_error(kFix / "bad/bad_indent.yml");
    CHECK(e2.diagnostic().rule == "yaml");
    CHECK(e2.diagnostic().pos.line == 3);
}

TEST_CASE("missing name or search, or a non-mapping document, is a schema error") {
    SplError a = load_error(kFix / "bad/no_search.yml");
    CHECK(a.diagnostic().rule == "schema");
    CHECK(a.diagnostic().message.find("search") != std::string::npos);
    CHECK(a.diagnostic().file == (kFix / "bad/no_search.yml").string());
    SplError b = load_error(kFix / "bad/no_name.yml");
    CHECK(b.diagnostic().rule == "schema");
    CHECK(b.diagnostic().message.find("name") != std::string::npos);
    CHECK(load_error(kFix / "bad/list.yml").diagnostic().rule == "schema");
    CHECK(load_error(kFix / "bad/does_not_exist.yml").diagnostic().rule == "io");
}

TEST_CASE("filter_macro_name: lower case, ' ', '-', '.', '/' become '_'") {
    Detection d;
    d.name = "Windows AD Short-Lived Domain Account.ServicePrincipalName/X";
    CHECK(d.filter_macro_name() == "windows_ad_short_lived_domain_account_serviceprincipalname_x_filter");
    d.name = "O365 Mailbox Folder - Read Permission";
    CHECK(d.filter_macro_name() == "o365_mailbox_folder___read_permission_filter");
}

TEST_CASE("find_rule_files: recursive, *.yml and *.yaml, sorted; files given by name kept") {
    auto files = find_rule_files({kPack / "detections"});
    REQUIRE(files.size() == 5);
    CHECK(std::is_sorted(files.begin(), files.end()));
    CHECK(files[0].filename() == "old_rule.yml");
    CHECK(files.back().filename() == "status_deprecated.yaml");
    auto two = find_rule_files({kPack / "detections/endpoint/rba_format.yml", kPack / "detections/deprecated",
                                kPack / "detections/deprecated/old_rule.yml"});
    CHECK(two.size() == 2);
    CHECK_THROWS_AS(find_rule_files({kFix / "nope"}), SplError);
}

TEST_CASE("rule_pack_root: the ancestor with macros/, or the parent of detections/") {
    auto root = rule_pack_root(kPack / "detections/endpoint/rba_format.yml");
    CHECK(std::filesystem::equivalent(root, kPack));
    auto root2 = rule_pack_root(std::filesystem::path(MINISPL_SHARED_DIR) /
                                "security_content/detections/endpoint/windows_adfind_exe.yml");
    CHECK(std::filesystem::equivalent(root2, std::filesystem::path(MINISPL_SHARED_DIR) / "security_content"));
    // a rule outside any pack: no root
    auto tmp = std::filesystem::temp_directory_path() / "minispl_rules_test_nopack";
    std::filesystem::create_directories(tmp);
    { std::ofstream(tmp / "r.yml") << "name: r\nsearch: x\n"; }
    CHECK(rule_pack_root(tmp / "r.yml").empty());
    std::filesystem::remove_all(tmp);
}

TEST_CASE("a rule that yaml-cpp decodes as UTF-16/32 (NUL bytes): the error position stays inside the file") {
    // Found by fuzz_rule_yaml: marks past the end of the bytes gave x.yml:1:4313 for a 3,306-byte file.
    std::string text("+\0\0name: X\nsearch: \"a\\", 22);
    text += std::string(200, 'z') + "\n";
    try {
        minispl::parse_detection(text, "x.yml");
        FAIL("loaded");
    } catch (const minispl::SplError& e) {
        CHECK(e.diagnostic().pos.offset <= text.size());
        CHECK(e.diagnostic().pos.line >= 1);
    }
}
