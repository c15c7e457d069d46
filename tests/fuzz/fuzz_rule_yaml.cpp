// libFuzzer target for the rule loader (a detection YAML is untrusted input): any bytes load as a
// Detection or throw SplError naming a position inside the text; never a crash or a hang.
#include "minispl/core/diagnostic.hpp"
#include "minispl/rules/detection.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    try {
        minispl::Detection d = minispl::parse_detection(text, "fuzz.yml");
        // The search's source map stays inside the file.
        for (uint32_t off = 0; off <= d.search.size(); off += 5)
            if (d.search_map.position(off).offset > text.size()) std::abort();
        (void)d.filter_macro_name();
    } catch (const minispl::SplError& e) {
        if (e.diagnostic().pos.offset > text.size()) std::abort();
    }
    return 0;
}
