#pragma once
// A one-line progress bar on stderr, shown only when stderr is a terminal.
#include <chrono>
#include <cstdint>
#include <string>

namespace minispl::cli {

//! Draws `[#####.....]  45%  120.3 MB/s  label` at most ten times a second; clear() erases it.
class ProgressBar {
public:
    explicit ProgressBar(std::string label, bool enabled);
    ~ProgressBar() { clear(); }
    void update(uint64_t done, uint64_t total);
    void clear();
    bool enabled() const { return enabled_; }

private:
    std::string label_;
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_, last_;
};

//! True when stderr is a terminal and the user did not ask for quiet output.
bool stderr_is_terminal();

}  // namespace minispl::cli
