// The floor for a search that must read every event: simdjson On-Demand alone, on as many
// threads as minispl uses, reading the fields of the api_calls_by_region benchmark rule
// (eventType, eventSource, eventName, awsRegion, sourceIPAddress) from each line and counting
// groups, with no engine around it. minispl cannot beat this on that rule; BENCHMARKS.md puts the
// two side by side.
//
//   cmake --build build --target json_floor && build/tools/bench/json_floor FILE [threads]
#include <simdjson.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/mman.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace od = simdjson::ondemand;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: json_floor FILE [threads]\n");
        return 2;
    }
    const int threads = argc > 2 ? std::atoi(argv[2]) : 2;
    int fd = open(argv[1], O_RDONLY);
    struct stat st {};
    if (fd < 0 || fstat(fd, &st) != 0) {
        std::perror(argv[1]);
        return 1;
    }
    const size_t n = static_cast<size_t>(st.st_size);
    const auto t0 = std::chrono::steady_clock::now();
    const char* base = static_cast<const char*>(mmap(nullptr, n + 4096, PROT_READ, MAP_PRIVATE, fd, 0));
    std::vector<size_t> cuts{0};
    for (int i = 1; i < threads; ++i) {
        size_t c = n * i / threads;
        while (c < n && base[c - 1] != '\n') ++c;
        cuts.push_back(c);
    }
    cuts.push_back(n);
    std::vector<size_t> events(threads);
    std::vector<std::unordered_map<std::string, std::unordered_set<std::string>>> groups(threads);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            od::parser parser;
            std::string key;
            for (const char* s = base + cuts[t]; s < base + cuts[t + 1];) {
                const char* nl = static_cast<const char*>(std::memchr(s, '\n', base + cuts[t + 1] - s));
                if (!nl) nl = base + cuts[t + 1];
                const size_t len = static_cast<size_t>(nl - s);
                od::document doc;
                od::object obj;
                // The last line of the file may lack padding: it is the floor, not a reader.
                if (!parser.iterate(simdjson::padded_string_view(s, len, len + 64)).get(doc) && !doc.get_object().get(obj)) {
                    std::string_view type, source, name, region, ip;
                    for (auto f : obj) {
                        std::string_view k = f.unescaped_key().value_unsafe();
                        std::string_view* dst = k == "eventType" ? &type : k == "eventSource" ? &source
                                              : k == "eventName" ? &name : k == "awsRegion" ? &region
                                              : k == "sourceIPAddress" ? &ip : nullptr;
                        if (dst && f.value().get_string().get(*dst) != simdjson::SUCCESS) *dst = {};
                    }
                    if (type == "AwsApiCall") {
                        key.assign(source).append(1, '\x1f').append(name).append(1, '\x1f').append(region);
                        groups[t][key].emplace(ip);
                    }
                    ++events[t];
                }
                s = nl + 1;
            }
        });
    for (auto& th : pool) th.join();
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    size_t total = 0;
    for (size_t e : events) total += e;
    std::printf("%zu events, %d threads: %.3f s, %.0f MB/s\n", total, threads, secs, double(n) / 1e6 / secs);
}
