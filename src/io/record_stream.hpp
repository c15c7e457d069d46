#pragma once
// Internal: the bounded, growing buffer a streamed format splits its records out of.
#include "minispl/io/byte_source.hpp"
#include "minispl/io/event_reader.hpp"
#include "minispl/io/record_format.hpp"

#include <string>
#include <vector>

namespace minispl::detail {

//! The plain bytes of a stream, read a chunk at a time after the sniffed head; always keeps
//! kRecordPadding spare bytes after what it holds, so a record in it can be parsed in place.
class StreamBuffer {
public:
    static constexpr size_t kChunk = 1 << 20;
    StreamBuffer(ByteSource& src, std::string head, ReadStats& stats);

    char* data() { return buf_.data(); }
    std::string_view text() const { return {buf_.data(), filled_}; }
    size_t filled() const { return filled_; }
    bool eof() const { return eof_; }
    //! Reads more after filled(), up to the buffer's end minus the padding.
    void fill();
    //! Keeps [keep, filled()) (moved to the front, also at the end of the input) and reads more
    //! after it, growing the buffer when what is kept fills half of it; false when nothing more
    //! could be read (the end of the input).
    bool refill(size_t keep);
    const std::string& name() const { return src_.name(); }

private:
    ByteSource& src_;
    ReadStats& stats_;
    std::vector<char> buf_;
    size_t filled_ = 0;
    bool eof_ = false;
};

//! The first plain bytes of `src`: at least one chunk, more while they are only spaces.
std::string read_head(ByteSource& src);

//! Skips a UTF-8 BOM at 0 and spaces (space, tab, CR, LF) from `i`.
size_t skip_space_and_bom(std::string_view s, size_t i = 0);
inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace minispl::detail
