// libFuzzer target for the XmlWinEventLog reader: the input is an XML events text. Read in one
// piece (in place, as the parallel path does) and streamed from a file (as gzip/stdin are), it
// must never crash or hang, and both must agree on how many events and bad records it holds.
#include "minispl/io/event_reader.hpp"
#include "minispl/io/json_lines_piece.hpp"
#include "minispl/io/record_format.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace minispl;
    const std::string text(reinterpret_cast<const char*>(data), size);
    const RecordFormat& fmt = xml_event_format();
    std::string buf = text + std::string(kRecordPadding, ' ');
    PieceStats piece;
    fmt.parser()->parse_piece(std::string_view(buf.data(), text.size()), kRecordPadding, true, nullptr, nullptr,
                              [](Event&) {}, piece);

    static const std::string path = "/tmp/fuzz_xml_reader_" + std::to_string(::getpid()) + ".xml";
    std::ofstream(path, std::ios::binary) << text;
    ReadStats streamed;
    read_flat_events(path, [](Event&, uint64_t) {}, streamed, {}, nullptr, "XmlWinEventLog");
    // The streaming reader sees the same text unless it starts like another format (JSON, EVTX).
    if (detect_format(text, "XmlWinEventLog") == &fmt &&
        (streamed.events != piece.events || streamed.bad_records != piece.bad_records))
        std::abort();
    return 0;
}
