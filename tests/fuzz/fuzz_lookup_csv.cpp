// libFuzzer target for the lookup CSV reader (a pack's lookups are as untrusted as its rules):
// any bytes parse into rows or throw SplError; quoted cells, CRLF, NUL and stray quotes included.
#include "minispl/core/diagnostic.hpp"
#include "minispl/io/csv.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    try {
        size_t cells = 0;
        for (const auto& row : minispl::parse_csv(text)) cells += row.size();
        if (cells > size + 1 && size > 0 && cells > 2 * size + 2) std::abort();  // a cell costs at least a byte or a comma
        for (const auto& row : minispl::parse_csv(text))
            for (const auto& c : row) (void)minispl::csv_escape(c);
    } catch (const minispl::SplError&) {
    }
    return 0;
}
