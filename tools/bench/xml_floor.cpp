// The floor for a Windows search that must parse every event: how fast the least work any engine
// has to do on one XmlWinEventLog file (one <Event> per line, Splunk's form) can go on this
// machine, with no engine around it. Each step adds to the one before, on as many threads as
// minispl uses, reading the file the way minispl does (pread, 1 MiB at a time, whole lines):
//
//   read      read the file and find the lines
//   pugixml   + parse each line in place with pugixml, minispl's XML parser, with the options
//               minispl uses (parse_minimal | parse_cdata | parse_ws_pcdata_single: no entity
//               decoding), and check the root is <Event>
//   walk      + visit every element and attribute, and take EventID, Channel and each <Data Name>
//               value as views: what the add-on's extraction has to look at
//   groups    + count events by (Channel, EventID): the eventcode_count benchmark rule
//
// BENCHMARKS.md puts these beside minispl's and DuckDB's figures on the same file.
//
//   cmake --build build --target xml_floor && build/xml_floor FILE [threads]
#include <pugixml.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

constexpr unsigned kParse = pugi::parse_minimal | pugi::parse_cdata | pugi::parse_ws_pcdata_single;

enum class Mode { Read, Parse, Walk, Groups };

struct Counts {
    size_t lines = 0, events = 0, values = 0;
    std::map<std::string, size_t> groups;
};

std::string_view text_of(pugi::xml_node e) {
    pugi::xml_node c = e.first_child();
    return c && (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) ? c.value() : std::string_view{};
}

//! Every element and attribute of the event; EventID and Channel returned, Data values counted.
//! (EventID and Channel of <System> only: UserData may hold elements of the same names.)
void walk(pugi::xml_node e, std::string_view& code, std::string_view& channel, size_t& values) {
    const bool system = std::string_view(e.name()) == "System";
    for (pugi::xml_node c = e.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        for (pugi::xml_attribute a = c.first_attribute(); a; a = a.next_attribute()) values += a.value()[0] != 0;
        const std::string_view name = c.name();
        if (system && name == "EventID") code = text_of(c);
        else if (system && name == "Channel") channel = text_of(c);
        else if (name == "Data") values += !text_of(c).empty();
        walk(c, code, channel, values);
    }
}

//! One thread's share [from, to) of the file, read like minispl: 1 MiB preads, whole lines.
void run(int fd, uint64_t from, uint64_t to, Mode mode, Counts& c) {
    constexpr size_t kPiece = 1 << 20;
    std::string buf(kPiece, ' ');
    std::string line;
    size_t carry = 0;
    pugi::xml_document doc;
    std::string key;
    for (uint64_t off = from; off < to || carry;) {
        const size_t want = size_t(std::min<uint64_t>(buf.size() - carry, to - off));
        const ssize_t got = want ? pread(fd, buf.data() + carry, want, off_t(off)) : 0;
        if (got < 0) return;
        off += uint64_t(got);
        const size_t n = carry + size_t(got);
        const bool last = off >= to;
        char* p = buf.data();
        char* end = p + n;
        while (p < end) {
            char* nl = static_cast<char*>(std::memchr(p, '\n', size_t(end - p)));
            if (!nl && !last) break;
            if (!nl) nl = end;
            const size_t len = size_t(nl - p);
            ++c.lines;
            if (mode != Mode::Read && len) {
                // In place, as minispl's reader parses a copy of the line (pugixml writes into it).
                line.assign(p, len);
                const bool ok = doc.load_buffer_inplace(line.data(), line.size(), kParse) &&
                                std::string_view(doc.document_element().name()) == "Event";
                c.events += ok;
                if (ok && mode != Mode::Parse) {
                    std::string_view code, channel;
                    walk(doc.document_element(), code, channel, c.values);
                    if (mode == Mode::Groups && !code.empty() && !channel.empty()) {
                        key.assign(channel).append(1, '\x1f').append(code);
                        ++c.groups[key];
                    }
                }
            }
            p = nl + 1;
        }
        carry = p < end ? size_t(end - p) : 0;
        if (carry == buf.size()) buf.resize(buf.size() * 2);  // a line longer than a piece
        std::memmove(buf.data(), p, carry);
        if (last && !carry) break;
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: xml_floor FILE [threads]\n");
        return 2;
    }
    const unsigned threads = argc > 2 ? unsigned(std::atoi(argv[2])) : 2;
    const int fd = open(argv[1], O_RDONLY);
    struct stat st {};
    if (fd < 0 || fstat(fd, &st) != 0) {
        std::perror(argv[1]);
        return 1;
    }
    const uint64_t n = uint64_t(st.st_size);
    std::vector<uint64_t> cuts{0};  // thread shares end at newlines
    for (unsigned i = 1; i < threads; ++i) {
        uint64_t c = n * i / threads;
        char ch = 0;
        while (c < n && pread(fd, &ch, 1, off_t(c - 1)) == 1 && ch != '\n') ++c;
        cuts.push_back(c);
    }
    cuts.push_back(n);
    const struct {
        Mode mode;
        const char* name;
    } modes[] = {{Mode::Read, "read"}, {Mode::Parse, "pugixml"}, {Mode::Walk, "walk"}, {Mode::Groups, "groups"}};
    std::printf("%s, %u threads\n", argv[1], threads);
    for (const auto& m : modes) {
        double best = 1e9;
        Counts total;
        for (int rep = 0; rep < 3; ++rep) {
            std::vector<Counts> counts(threads);
            const auto t0 = std::chrono::steady_clock::now();
            std::vector<std::thread> pool;
            for (unsigned t = 0; t < threads; ++t) pool.emplace_back(run, fd, cuts[t], cuts[t + 1], m.mode, std::ref(counts[t]));
            for (auto& th : pool) th.join();
            best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
            total = Counts{};
            for (auto& c : counts) {
                total.lines += c.lines;
                total.events += c.events;
                total.values += c.values;
                for (auto& [k, v] : c.groups) total.groups[k] += v;
            }
        }
        std::printf("  %-8s %.3f s  %6.0f MB/s  %zu lines, %zu events, %zu values", m.name, best,
                    double(n) / 1e6 / best, total.lines, total.events, total.values);
        if (m.mode == Mode::Groups) std::printf(", %zu groups", total.groups.size());
        std::printf("\n");
    }
}
