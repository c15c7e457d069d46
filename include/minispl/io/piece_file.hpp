#pragma once
// A plain input file read in line-aligned pieces, so that several threads can parse it at once.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace minispl {

//! A regular file read piece by piece, each thread reading its own piece with pread into its own
//! buffer. Not mmap: mapping and unmapping every piece cost as much as the copy (page-table work
//! and TLB shootdowns between the threads), a whole-file map makes resident memory grow with the
//! file, and a mapped file that shrinks while it is read kills the process (SIGBUS) where pread
//! returns a short read, reported as an error. Only plain files of a format read in pieces (JSON
//! lines, XmlWinEventLog) are read this way; gzip, arrays, CloudTrail Records files, EVTX and
//! stdin go through the streaming reader.
class PieceFile {
public:
    //! Opens `file`; nullptr when it is not a regular, non-empty file (the caller falls back to
    //! the streaming reader, which reports open errors with their reason).
    static std::unique_ptr<PieceFile> open(const std::filesystem::path& file);
    ~PieceFile();
    PieceFile(const PieceFile&) = delete;
    PieceFile& operator=(const PieceFile&) = delete;

    uint64_t size() const { return size_; }
    //! The first bytes of the file (up to 64 KiB), for layout and gzip detection.
    std::string head() const;
    //! Offsets of pieces of about `target` bytes, each ending right after a newline (the last
    //! at the end of the file): the start of every piece, then size().
    std::vector<uint64_t> split_at_lines(uint64_t target) const;
    //! The same, cutting only after a newline where `starts(text after it)` holds (a record of a
    //! multi-line format may start there); `starts` sees at least 64 bytes unless the file ends.
    std::vector<uint64_t> split_at_lines(uint64_t target, const std::function<bool(std::string_view)>& starts) const;
    //! Reads [begin, end) into `buf` followed by `padding` space bytes; returns the piece's length.
    //! Throws SplError("input") on a read error.
    size_t read(uint64_t begin, uint64_t end, std::string& buf, size_t padding) const;


private:
    PieceFile() = default;
    std::string name_;
    int fd_ = -1;
    uint64_t size_ = 0;
};

}  // namespace minispl
