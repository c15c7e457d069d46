#include "record_stream.hpp"

#include <algorithm>
#include <cstring>

namespace minispl::detail {

StreamBuffer::StreamBuffer(ByteSource& src, std::string head, ReadStats& stats) : src_(src), stats_(stats) {
    buf_.resize(std::max(kChunk, head.size() + kChunk / 2) + kRecordPadding);
    stats_.peak_buffer = std::max<uint64_t>(stats_.peak_buffer, buf_.size());
    std::memcpy(buf_.data(), head.data(), head.size());
    filled_ = head.size();
    stats_.bytes += head.size();
    fill();
}

void StreamBuffer::fill() {
    while (!eof_ && filled_ + kRecordPadding < buf_.size()) {
        size_t n = src_.read(buf_.data() + filled_, buf_.size() - kRecordPadding - filled_);
        if (n == 0) {
            eof_ = true;
            break;
        }
        filled_ += n;
        stats_.bytes += n;
    }
    // the padding after the text: spaces, so a parser reading past a record sees no stray bytes
    std::memset(buf_.data() + filled_, ' ', std::min(kRecordPadding, buf_.size() - filled_));
}

bool StreamBuffer::refill(size_t keep) {
    size_t rest = filled_ - keep;
    if (keep > 0) std::memmove(buf_.data(), buf_.data() + keep, rest);
    filled_ = rest;
    if (eof_) {
        std::memset(buf_.data() + filled_, ' ', std::min(kRecordPadding, buf_.size() - filled_));
        return false;
    }
    if (filled_ + kRecordPadding + kChunk / 2 > buf_.size()) {
        buf_.resize(std::max(buf_.size() * 2, filled_ + kChunk + kRecordPadding));
        stats_.peak_buffer = std::max<uint64_t>(stats_.peak_buffer, buf_.size());
    }
    size_t before = filled_;
    fill();
    return filled_ > before;
}

std::string read_head(ByteSource& src) {
    std::string head;
    for (;;) {
        size_t at = head.size();
        head.resize(at + StreamBuffer::kChunk);
        size_t got = 0;
        while (at + got < head.size()) {
            size_t n = src.read(head.data() + at + got, head.size() - at - got);
            if (n == 0) break;
            got += n;
        }
        head.resize(at + got);
        if (got == 0 || skip_space_and_bom(head) < head.size()) return head;
    }
}

size_t skip_space_and_bom(std::string_view s, size_t i) {
    if (i == 0 && s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
    while (i < s.size() && is_space(s[i])) ++i;
    return i;
}

}  // namespace minispl::detail
