#include "minispl/core/diagnostic.hpp"

namespace minispl {

const char* severity_name(Severity s) {
    switch (s) {
        case Severity::Error: return "error";
        case Severity::Warning: return "warning";
        case Severity::Info: return "info";
    }
    return "error";
}

SplError::SplError(std::string rule, std::string message, uint32_t offset, uint32_t length)
    : std::runtime_error(message) {
    diag_.rule = std::move(rule);
    diag_.message = std::move(message);
    diag_.offset = offset;
    diag_.length = length;
}

Position position_of(const std::string& text, uint32_t offset) {
    Position p;
    p.offset = offset;
    for (uint32_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++p.line;
            p.column = 1;
        } else {
            ++p.column;
        }
    }
    return p;
}

}  // namespace minispl
