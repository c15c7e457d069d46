#pragma once
// Reading a file or stdin as a byte stream, gunzipping transparently.
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

namespace minispl {

//! Sequential reader over a file ("-" = stdin) that inflates gzip data (detected by its magic
//! bytes, multi-member files included) so callers always see the plain bytes.
class ByteSource {
public:
    //! Throws SplError("input", "cannot open FILE: reason").
    explicit ByteSource(const std::filesystem::path& file);
    ~ByteSource();
    ByteSource(const ByteSource&) = delete;
    ByteSource& operator=(const ByteSource&) = delete;

    //! Reads up to `n` plain bytes into `out`; returns 0 at the end. Throws SplError("input") on a
    //! read error or corrupt gzip data.
    size_t read(char* out, size_t n);
    bool gzip() const { return gzip_; }
    const std::string& name() const { return name_; }
    //! Bytes read from the file itself (compressed size for gzip).
    uint64_t raw_bytes() const { return raw_bytes_; }

private:
    size_t read_raw(char* out, size_t n);

    std::string name_;
    std::FILE* fp_ = nullptr;
    bool owns_ = false;
    bool gzip_ = false;
    bool gz_done_ = false;
    uint64_t raw_bytes_ = 0;
    struct Inflater;
    std::unique_ptr<Inflater> inf_;
    // bytes peeked while sniffing the magic, handed out before the rest of the file
    std::string pending_;
    size_t pending_pos_ = 0;
};

}  // namespace minispl
