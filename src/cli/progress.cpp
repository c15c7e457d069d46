#include "progress.hpp"

#include <cstdio>
#include <unistd.h>

namespace minispl::cli {

bool stderr_is_terminal() { return isatty(fileno(stderr)) != 0; }

ProgressBar::ProgressBar(std::string label, bool enabled)
    : label_(std::move(label)), enabled_(enabled), start_(std::chrono::steady_clock::now()), last_(start_) {}

void ProgressBar::update(uint64_t done, uint64_t total) {
    if (!enabled_ || total == 0) return;
    auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(100) && done < total) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double frac = std::min(1.0, double(done) / double(total));
    constexpr int width = 30;
    int filled = int(frac * width);
    std::string bar(filled, '#');
    bar.append(width - filled, '.');
    double mbs = secs > 0 ? double(done) / 1e6 / secs : 0;
    std::fprintf(stderr, "\r[%s] %3d%%  %7.1f MB/s  %s\x1b[K", bar.c_str(), int(frac * 100), mbs, label_.c_str());
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressBar::clear() {
    if (!drawn_) return;
    std::fprintf(stderr, "\r\x1b[K");
    std::fflush(stderr);
    drawn_ = false;
}

}  // namespace minispl::cli
