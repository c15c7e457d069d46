#pragma once
// A plain input file read in line-aligned pieces, so that several threads can parse it at once.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace minispl {

//! A regular file read piece by piece: each thread maps its own piece and unmaps it when done, so
//! the text is read in place from the page cache (no copy: a pread of 1 GB costs more than
//! parsing it) and resident memory stays bounded whatever the file size (a whole-file map would
//! count every page of the file once touched). Only plain JSON-lines files are read this way; gzip, arrays, CloudTrail
//! Records files and stdin go through the streaming reader.
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
    //! Reads [begin, end) into `buf` followed by `padding` space bytes; returns the piece's length.
    //! Throws SplError("input") on a read error.
    size_t read(uint64_t begin, uint64_t end, std::string& buf, size_t padding) const;

    //! A mapped piece: its text and how many bytes after it may be read (simdjson's padding;
    //! fewer than 64 only at the end of the file).
    class Mapping {
    public:
        Mapping() = default;
        Mapping(Mapping&& o) noexcept { *this = std::move(o); }
        Mapping& operator=(Mapping&& o) noexcept;
        ~Mapping();
        std::string_view text() const { return text_; }
        size_t readable_after() const { return readable_after_; }

    private:
        friend class PieceFile;
        void* base_ = nullptr;
        size_t length_ = 0;
        std::string_view text_;
        size_t readable_after_ = 0;
    };
    //! Maps [begin, end). Throws SplError("input") when the system refuses.
    Mapping map(uint64_t begin, uint64_t end) const;

private:
    PieceFile() = default;
    std::string name_;
    int fd_ = -1;
    uint64_t size_ = 0;
};

}  // namespace minispl
