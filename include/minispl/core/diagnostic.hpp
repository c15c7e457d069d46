#pragma once
// Errors and warnings with positions, shared by every stage.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace minispl {

//! A position in a text: byte offset plus 1-based line and column.
struct Position {
    uint32_t offset = 0;
    uint32_t line = 1;
    uint32_t column = 1;
};

enum class Severity { Error, Warning, Info };
const char* severity_name(Severity s);

//! One finding: a rule id (e.g. "syntax", "unknown-macro"), a message, and where.
//! `offset` is into the text the stage worked on; later stages map it back to the YAML file.
struct Diagnostic {
    std::string rule;
    Severity severity = Severity::Error;
    std::string message;
    uint32_t offset = 0;     //!< start, in the text the stage saw
    uint32_t length = 1;     //!< how many bytes the caret should cover
    std::string file;        //!< filled in when mapped to a file
    Position pos;            //!< filled in when mapped to a file
};

//! Thrown by a stage that cannot go on; carries the diagnostic.
class SplError : public std::runtime_error {
public:
    explicit SplError(Diagnostic d) : std::runtime_error(d.message), diag_(std::move(d)) {}
    SplError(std::string rule, std::string message, uint32_t offset = 0, uint32_t length = 1);
    const Diagnostic& diagnostic() const { return diag_; }
    Diagnostic& diagnostic() { return diag_; }

private:
    Diagnostic diag_;
};

//! Line and column (1-based, columns in bytes) of an offset in a text.
Position position_of(const std::string& text, uint32_t offset);

}  // namespace minispl
