// libFuzzer target for the macro expander: the input is a few macro definitions and a search,
// separated by NUL bytes. Expansion must end (no hang on cycles), never crash, keep the source map
// inside both texts, and its output must parse or throw SplError.
#include "minispl/macros/expander.hpp"
#include "minispl/parse/parser.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    std::vector<std::string_view> parts;
    for (size_t b = 0;;) {
        size_t e = in.find('\0', b);
        parts.push_back(in.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
        if (e == std::string_view::npos) break;
        b = e + 1;
    }
    minispl::MacroTable table;
    // Definitions m0, m1, ... (and m0(1) with argument x) so fuzzed searches can call and nest them.
    for (size_t i = 0; i + 1 < parts.size() && i < 4; ++i) {
        minispl::Macro m;
        m.name = "m" + std::to_string(i);
        m.definition = std::string(parts[i]);
        table.add(m);
        m.arguments = {"x"};
        table.add(m);
    }
    const std::string_view search = parts.back();
    minispl::ExpandOptions opts;
    opts.filter_macro = "rule_filter";
    minispl::Expansion x = minispl::expand_macros(search, table, opts);
    for (const auto& seg : x.map.segments()) {
        if (seg.out_end > x.text.size() || seg.src_end > search.size() || seg.out_begin > seg.out_end) std::abort();
    }
    for (uint32_t off = 0; off < x.text.size(); off += 7)
        if (x.map.to_source(off) > search.size()) std::abort();
    try {
        (void)minispl::parse_search(x.text);
    } catch (const minispl::SplError&) {
    }
    return 0;
}
