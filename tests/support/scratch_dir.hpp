#pragma once
// A scratch directory for tests that write files: one per test process (the suites of several
// build dirs may run at the same time), removed when the process exits.
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <unistd.h>

namespace minispl::test {

inline const std::filesystem::path& scratch_dir() {
    struct Scratch {
        std::filesystem::path dir =
            std::filesystem::temp_directory_path() / ("minispl_test_" + std::to_string(getpid()));
        Scratch() { std::filesystem::create_directories(dir); }
        ~Scratch() {
            std::error_code ec;
            std::filesystem::remove_all(dir, ec);
        }
    };
    static const Scratch scratch;
    return scratch.dir;
}

//! Writes `content` byte for byte to scratch_dir()/name and returns the path.
inline std::filesystem::path write_scratch_file(const std::string& name, const std::string& content) {
    std::filesystem::path p = scratch_dir() / name;
    std::ofstream(p, std::ios::binary) << content;
    return p;
}

}  // namespace minispl::test
