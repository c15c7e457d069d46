// The corpus-facts quirks concerning macros, on the real detection files.
#include "minispl/macros/expander.hpp"
#include "minispl/rules/detection.hpp"

#include <doctest/doctest.h>

using namespace minispl;

namespace {

const std::filesystem::path kCorpus = std::filesystem::path(MINISPL_SHARED_DIR) / "security_content";

const MacroTable& corpus_macros() {
    static MacroTable t = [] {
        MacroTable m;
        m.load_directory(kCorpus / "macros");
        return m;
    }();
    return t;
}

struct Loaded {
    Detection d;
    Expansion e;
};

Loaded expand_rule(const std::string& rel) {
    Loaded l{load_detection(kCorpus / "detections" / rel), {}};
    ExpandOptions o;
    o.filter_macro = l.d.filter_macro_name();
    l.e = expand_macros(l.d.search, corpus_macros(), o);
    return l;
}

int errors(const Expansion& e) {
    int n = 0;
    for (auto& d : e.diagnostics) n += d.severity != Severity::Info;
    return n;
}

}  // namespace

TEST_CASE("quirk: | search `x_filter` → search search * (3 detections)") {
    for (const char* rel : {"web/detect_f5_tmui_rce_cve_2020_5902.yml", "network/detect_zerologon_via_zeek.yml",
                            "cloud/detect_new_open_gcp_storage_buckets.yml"}) {
        CAPTURE(rel);
        auto l = expand_rule(rel);
        CHECK(l.e.text.find("| search search *") != std::string::npos);
        CHECK(errors(l.e) == 0);
    }
}

TEST_CASE("quirk: a macro inside quotes is left alone (first_time_seen_child_process_of_zoom)") {
    auto l = expand_rule("endpoint/first_time_seen_child_process_of_zoom.yml");
    CHECK(l.e.text.find("\"`previously_seen_zoom_child_processes_window`\"") != std::string::npos);
    CHECK(errors(l.e) == 0);
}

TEST_CASE("quirk: a literal backtick in a string; the filter is not the last stage") {
    auto l = expand_rule("endpoint/malicious_powershell_process_with_obfuscation_techniques.yml");
    CHECK(l.e.text.find("split(process,\"`\")") != std::string::npos);
    CHECK(l.e.text.find("rename Processes.* AS *") != std::string::npos);
    CHECK(l.e.text.find("| search * | search num_obfuscation > 10") != std::string::npos);
    CHECK(errors(l.e) == 0);
}

TEST_CASE("quirk: drop_dm_object_name(\"X\") keeps the quotes: rename \"X\".* AS *") {
    auto l = expand_rule("application/detect_distributed_password_spray_attempts.yml");
    CHECK(l.e.text.find("rename \"Authentication\".* AS *") != std::string::npos);
    CHECK(errors(l.e) == 0);
}

TEST_CASE("quirk: ``` comments are removed, including those holding whole pipelines") {
    auto l = expand_rule("application/detect_distributed_password_spray_attempts.yml");
    CHECK(l.d.search.find("```fill out time buckets") != std::string::npos);
    CHECK(l.e.text.find("fill out time buckets") == std::string::npos);
    CHECK(l.e.text.find("```") == std::string::npos);
    auto acl = expand_rule("application/windows_ad_dangerous_deny_acl_modification.yml");
    CHECK(acl.d.search.find("| lookup") != std::string::npos);
    CHECK(acl.e.text.find("```") == std::string::npos);
    CHECK(errors(acl.e) == 0);
    // every byte after a comment still maps to the same character of the rule text
    for (uint32_t i = 0; i < acl.e.text.size(); ++i)
        if (acl.e.map.macro_at(i).empty()) REQUIRE(acl.d.search[acl.e.map.to_source(i)] == acl.e.text[i]);
}

TEST_CASE("quirk: a macro inside a quoted map search= string is expanded only when map runs") {
    auto l = expand_rule("application/windows_ad_suspicious_gpo_modification.yml");
    CHECK(l.e.text.find("search=\"search `wineventlog_security` EventCode=5136") != std::string::npos);
    auto p = expand_rule("endpoint/potential_password_in_username.yml");
    CHECK(p.e.text.find("`drop_dm_object_name(\\\"Authentication\\\")`") != std::string::npos);
    CHECK(errors(p.e) == 0);
    // and the string, expanded on its own (as map does), resolves
    auto inner = expand_macros("| tstats `security_content_summariesonly` count | `drop_dm_object_name(\"Authentication\")` "
                               "| `potential_password_in_username_false_positive_reduction`",
                               corpus_macros());
    CHECK(inner.diagnostics.empty());
    CHECK(inner.text.find("rename \"Authentication\".* AS * | search *") != std::string::npos);
}

TEST_CASE("nested macros: security_content_summariesonly → *_config") {
    auto l = expand_rule("endpoint/malicious_powershell_process_with_obfuscation_techniques.yml");
    CHECK(l.e.text.starts_with("| tstats summariesonly=false allow_old_summaries=true fillnull_value=null count"));
    CHECK(l.e.macros_used[0] == "security_content_summariesonly");
    CHECK(std::find(l.e.macros_used.begin(), l.e.macros_used.end(), "summariesonly_config") != l.e.macros_used.end());
    CHECK(std::find(l.e.macros_used.begin(), l.e.macros_used.end(), "security_content_ctime(1)") !=
          l.e.macros_used.end());
}

TEST_CASE("get_asset(1) is external: unknown-macro at the call in the original text") {
    auto l = expand_rule("network/excessive_dns_failures.yml");
    REQUIRE(errors(l.e) == 1);
    const Diagnostic* d = nullptr;
    for (auto& x : l.e.diagnostics)
        if (x.rule == "unknown-macro") d = &x;
    REQUIRE(d);
    CHECK(l.d.search.substr(d->offset, d->length) == "`get_asset(src)`");
    // mapped to the file through the scalar map
    Position p = l.d.search_map.position(d->offset);
    CHECK(l.d.file_text.compare(p.offset, 16, "`get_asset(src)`") == 0);
}
