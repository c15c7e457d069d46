#include "minispl/io/piece_file.hpp"

#include "minispl/core/diagnostic.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace minispl {

std::unique_ptr<PieceFile> PieceFile::open(const std::filesystem::path& file) {
    if (file == "-") return nullptr;
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
        ::close(fd);
        return nullptr;
    }
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    std::unique_ptr<PieceFile> f(new PieceFile());
    f->name_ = file.string();
    f->fd_ = fd;
    f->size_ = static_cast<uint64_t>(st.st_size);
    return f;
}

PieceFile::~PieceFile() {
    if (fd_ >= 0) ::close(fd_);
}

size_t PieceFile::read(uint64_t begin, uint64_t end, std::string& buf, size_t padding) const {
    const size_t n = static_cast<size_t>(end - begin);
    buf.resize(n + padding);
    size_t got = 0;
    while (got < n) {
        ssize_t r = ::pread(fd_, buf.data() + got, n - got, static_cast<off_t>(begin + got));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) throw SplError("input", "cannot read " + name_ + ": " + (r < 0 ? std::strerror(errno) : "file shrank while reading"));
        got += static_cast<size_t>(r);
    }
    std::memset(buf.data() + n, ' ', padding);
    return n;
}

std::string PieceFile::head() const {
    std::string buf;
    read(0, std::min<uint64_t>(size_, 1 << 16), buf, 0);
    return buf;
}

std::vector<uint64_t> PieceFile::split_at_lines(uint64_t target) const { return split_at_lines(target, {}); }

std::vector<uint64_t> PieceFile::split_at_lines(uint64_t target,
                                                const std::function<bool(std::string_view)>& starts) const {
    std::vector<uint64_t> cuts{0};
    std::string after;
    std::string window;
    constexpr uint64_t kWindow = 1 << 16;
    uint64_t pos = target;
    while (pos < size_) {
        // The piece ends after the first newline at or after `pos` (a long line may need several windows).
        uint64_t cut = size_;
        // A small first window: lines are usually far shorter, and this runs before the workers start.
        for (uint64_t at = pos, w = 4096; at < size_; at += w, w = kWindow) {
            size_t n = read(at, std::min(size_, at + w), window, 0);
            const char* nl = static_cast<const char*>(std::memchr(window.data(), '\n', n));
            while (nl && starts) {
                const uint64_t c = at + static_cast<uint64_t>(nl - window.data()) + 1;
                if (c >= size_) break;
                read(c, std::min(size_, c + 64), after, 0);
                if (starts(after)) break;
                const size_t off = static_cast<size_t>(nl - window.data()) + 1;
                nl = static_cast<const char*>(std::memchr(window.data() + off, '\n', n - off));
            }
            if (nl) {
                cut = at + static_cast<uint64_t>(nl - window.data()) + 1;
                break;
            }
        }
        if (cut >= size_) break;
        cuts.push_back(cut);
        pos = cut + target;
    }
    cuts.push_back(size_);
    return cuts;
}

}  // namespace minispl
