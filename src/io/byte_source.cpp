#include "minispl/io/byte_source.hpp"

#include "minispl/core/diagnostic.hpp"

#include <cerrno>
#include <cstring>
#include <vector>
#include <zlib.h>

namespace minispl {

struct ByteSource::Inflater {
    z_stream zs{};
    std::vector<unsigned char> in = std::vector<unsigned char>(1 << 18);
    bool at_eof = false;
    ~Inflater() { inflateEnd(&zs); }
};

ByteSource::ByteSource(const std::filesystem::path& file) : name_(file.string()) {
    if (name_ == "-") {
        fp_ = stdin;
        name_ = "<stdin>";
    } else {
        std::error_code ec;
        if (std::filesystem::is_directory(file, ec))
            throw SplError("input", "cannot open " + name_ + ": Is a directory");
        fp_ = std::fopen(name_.c_str(), "rb");
        if (!fp_) throw SplError("input", "cannot open " + name_ + ": " + std::strerror(errno));
        owns_ = true;
    }
    // Sniff the gzip magic bytes (1f 8b).
    char magic[2];
    size_t got = 0;
    while (got < 2) {
        size_t n = std::fread(magic + got, 1, 2 - got, fp_);
        if (n == 0) break;
        got += n;
    }
    raw_bytes_ += got;
    pending_.assign(magic, got);
    if (got == 2 && (unsigned char)magic[0] == 0x1f && (unsigned char)magic[1] == 0x8b) {
        gzip_ = true;
        inf_ = std::make_unique<Inflater>();
        if (inflateInit2(&inf_->zs, 15 + 16) != Z_OK) throw SplError("input", name_ + ": zlib init failed");
    }
}

ByteSource::~ByteSource() {
    if (owns_ && fp_) std::fclose(fp_);
}

size_t ByteSource::read_raw(char* out, size_t n) {
    size_t done = 0;
    if (pending_pos_ < pending_.size()) {
        size_t k = std::min(n, pending_.size() - pending_pos_);
        std::memcpy(out, pending_.data() + pending_pos_, k);
        pending_pos_ += k;
        done = k;
    }
    if (done < n) {
        size_t k = std::fread(out + done, 1, n - done, fp_);
        if (k == 0 && std::ferror(fp_)) throw SplError("input", "cannot read " + name_ + ": " + std::strerror(errno));
        raw_bytes_ += k;
        done += k;
    }
    return done;
}

size_t ByteSource::read(char* out, size_t n) {
    if (!gzip_) return read_raw(out, n);
    if (gz_done_ || n == 0) return 0;
    z_stream& zs = inf_->zs;
    zs.next_out = reinterpret_cast<Bytef*>(out);
    zs.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    while (zs.avail_out > 0) {
        if (zs.avail_in == 0 && !inf_->at_eof) {
            size_t k = read_raw(reinterpret_cast<char*>(inf_->in.data()), inf_->in.size());
            if (k == 0) inf_->at_eof = true;
            zs.next_in = inf_->in.data();
            zs.avail_in = static_cast<uInt>(k);
        }
        if (zs.avail_in == 0 && inf_->at_eof) {
            // Input ended: fine between members, an error inside one.
            if (zs.total_in != 0 || zs.total_out != 0)
                throw SplError("input", name_ + ": truncated gzip data");
            gz_done_ = true;
            break;
        }
        int rc = inflate(&zs, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            // Another member may follow (concatenated gzip files).
            inflateReset(&zs);
            if (zs.avail_in == 0) {
                size_t k = read_raw(reinterpret_cast<char*>(inf_->in.data()), inf_->in.size());
                if (k == 0) {
                    inf_->at_eof = true;
                    gz_done_ = true;
                    break;
                }
                zs.next_in = inf_->in.data();
                zs.avail_in = static_cast<uInt>(k);
            }
            continue;
        }
        if (rc == Z_BUF_ERROR && zs.avail_in == 0) continue;
        if (rc != Z_OK)
            throw SplError("input", name_ + ": corrupt gzip data" + (zs.msg ? std::string(" (") + zs.msg + ")" : ""));
    }
    return n - zs.avail_out;
}

}  // namespace minispl
