// libFuzzer target: any input must parse or throw SplError (never crash, hang or overflow).
#include "minispl/parse/parser.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        auto p = minispl::parse_search(text);
        (void)minispl::dump_ast(*p);
    } catch (const minispl::SplError&) {
    }
    try {
        (void)minispl::parse_eval_expression(text);
    } catch (const minispl::SplError&) {
    }
    return 0;
}
