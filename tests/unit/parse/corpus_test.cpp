// The whole security_content corpus (detections/**, deprecated included) must parse without a
// syntax error after macro expansion, and fast. Skipped (with a message) when ../shared is absent.
#include "corpus_support.hpp"
#include "minispl/parse/parser.hpp"

#include <chrono>
#include <cstdio>
#include <doctest/doctest.h>

namespace fs = std::filesystem;

TEST_CASE("corpus: every detection search parses") {
    const fs::path root = fs::path(MINISPL_SHARED_DIR) / "security_content";
    if (!fs::exists(root / "detections")) {
        MESSAGE("security_content not found under " << root << ": corpus test not run");
        return;
    }
    corpus::Macros macros;
    macros.load(root / "macros");
    std::vector<std::pair<std::string, std::string>> searches;
    for (auto& e : fs::recursive_directory_iterator(root / "detections"))
        if (e.path().extension() == ".yml") {
            const std::string s = corpus::yaml_scalar(corpus::slurp(e.path()), "search");
            if (!s.empty()) searches.emplace_back(e.path().string(), macros.expand(s));
        }
    CHECK(searches.size() >= 1700);

    int errors = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (auto& [file, text] : searches) {
        try {
            (void)minispl::parse_search(text);
        } catch (const minispl::SplError& err) {
            if (++errors <= 40) {
                const auto off = err.diagnostic().offset;
                const size_t from = off > 60 ? off - 60 : 0;
                std::fprintf(stderr, "%s: %s at %u\n   ...%s<HERE>%s...\n", file.c_str(), err.what(), off,
                             text.substr(from, off - from).c_str(), text.substr(off, 60).c_str());
            }
        }
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "corpus: %zu searches, %d syntax errors, parsed in %.3f s\n", searches.size(), errors, secs);
    CHECK(errors == 0);  // speed: tools/bench/lint_corpus.sh, not a timed test
}
