// libFuzzer target for the EVTX reader (libevtx, then the XmlWinEventLog flattener): the input,
// after the EVTX signature, is written to a file and read. Corrupt headers, chunks and records
// must be reported as bad records, never crash or hang.
#include "minispl/io/event_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace minispl;
    static const std::string path = "/tmp/fuzz_evtx_" + std::to_string(::getpid()) + ".evtx";
    {
        std::ofstream out(path, std::ios::binary);
        out.write("ElfFile\0", 8);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    ReadStats stats;
    read_flat_events(path, [](Event&, uint64_t) {}, stats);
    return 0;
}
