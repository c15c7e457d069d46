// Native Windows event log files (.evtx), read with libevtx: each record rendered as its XML
// (libevtx_record_get_utf8_xml_string), then flattened like an XmlWinEventLog event. Records
// libevtx cannot read (a corrupt chunk) are counted with their record number and skipped; so are
// the records libevtx recovers from free space, which Splunk would not index either.
#include "minispl/core/diagnostic.hpp"
#include "minispl/io/byte_source.hpp"
#include "minispl/io/json_lines_piece.hpp"
#include "minispl/io/record_format.hpp"
#include "minispl/io/win_event_xml.hpp"

#include <libevtx.h>

#include <cstdlib>
#include <optional>
#include <cstring>
#include <unistd.h>

namespace minispl {
namespace {

std::string take_error(libevtx_error_t*& error) {
    std::string text = "unknown libevtx error";
    if (error) {
        char buf[512];
        if (libevtx_error_sprint(error, buf, sizeof buf) > 0) text = buf;
        libevtx_error_free(&error);
    }
    // libevtx's messages carry the call chain after the first line
    if (size_t nl = text.find('\n'); nl != std::string::npos) text.resize(nl);
    return text;
}

//! A libevtx file handle, closed and freed on every path.
class EvtxFile {
public:
    explicit EvtxFile(const std::string& path, const std::string& name) {
        libevtx_error_t* error = nullptr;
        if (libevtx_file_initialize(&file_, &error) != 1) throw SplError("input", name + ": " + take_error(error));
        if (libevtx_file_open(file_, path.c_str(), LIBEVTX_OPEN_READ, &error) != 1) {
            libevtx_file_free(&file_, nullptr);
            throw SplError("input", "cannot read " + name + " as EVTX: " + take_error(error));
        }
    }
    ~EvtxFile() {
        libevtx_file_close(file_, nullptr);
        libevtx_file_free(&file_, nullptr);
    }
    EvtxFile(const EvtxFile&) = delete;
    EvtxFile& operator=(const EvtxFile&) = delete;
    libevtx_file_t* get() { return file_; }

private:
    libevtx_file_t* file_ = nullptr;
};

//! A gzip-compressed or piped EVTX inflated into a temporary file (libevtx reads by path);
//! removed when done.
class TempCopy {
public:
    TempCopy(ByteSource& src, const std::string& head) {
        const char* dir = std::getenv("TMPDIR");
        path_ = std::string(dir && *dir ? dir : "/tmp") + "/minispl-evtx-XXXXXX";
        int fd = ::mkstemp(path_.data());
        if (fd < 0) throw SplError("input", "cannot create a temporary file for " + src.name() + ": " + std::strerror(errno));
        auto write_all = [&](const char* p, size_t n) {
            while (n > 0) {
                ssize_t w = ::write(fd, p, n);
                if (w < 0 && errno == EINTR) continue;
                if (w <= 0) {
                    ::close(fd);
                    throw SplError("input", "cannot write a temporary copy of " + src.name() + ": " + std::strerror(errno));
                }
                p += w;
                n -= static_cast<size_t>(w);
            }
        };
        write_all(head.data(), head.size());
        std::string buf(1 << 20, '\0');
        for (size_t n; (n = src.read(buf.data(), buf.size())) > 0;) write_all(buf.data(), n);
        ::close(fd);
    }
    ~TempCopy() { ::unlink(path_.c_str()); }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

class EvtxParser : public RecordParser {
public:
    bool flatten(std::string_view record, Event& event, const FieldProjection* projection, std::string& why) override {
        return xml_.flatten(record, event, projection, why);
    }
    void parse_piece(std::string_view, size_t, bool, const LineSelector*, const FieldProjection*, const OnEvent&,
                     PieceStats&) override {
        throw SplError("input", "EVTX files are not read in pieces");
    }

private:
    WinEventXmlFlattener xml_;
};

class EvtxFormat : public RecordFormat {
public:
    std::string_view name() const override { return "evtx"; }
    // The XML libevtx renders is what the XmlWinEventLog extraction reads: the same literals are safe.
    bool literal_safe(std::string_view literal) const override { return xml_event_format().literal_safe(literal); }
    bool derives_source_and_host() const override { return true; }
    std::unique_ptr<RecordParser> parser() const override { return std::make_unique<EvtxParser>(); }

    void stream(const std::filesystem::path& file, ByteSource& src, std::string head, const OnRecord& on_record,
                ReadStats& stats) const override {
        std::optional<TempCopy> copy;
        if (src.gzip() || file == "-") copy.emplace(src, head);
        stats.bytes += head.size();
        EvtxFile evtx(copy ? copy->path() : file.string(), src.name());
        libevtx_error_t* error = nullptr;
        int count = 0;
        if (libevtx_file_get_number_of_records(evtx.get(), &count, &error) != 1)
            throw SplError("input", "cannot read " + src.name() + " as EVTX: " + take_error(error));
        std::string xml;
        for (int i = 0; i < count; ++i) {
            libevtx_record_t* record = nullptr;
            uint64_t number = static_cast<uint64_t>(i) + 1;
            auto bad = [&](const std::string& what) {
                count_bad_record(stats, src.name(), number,
                                 "EVTX record " + std::to_string(number) + ": " + what + " (corrupt chunk?)");
            };
            if (libevtx_file_get_record_by_index(evtx.get(), i, &record, &error) != 1) {
                bad(take_error(error));
                continue;
            }
            uint64_t id = 0;
            if (libevtx_record_get_identifier(record, &id, nullptr) == 1) number = id;
            size_t size = 0;
            if (libevtx_record_get_utf8_xml_string_size(record, &size, &error) != 1 || size == 0) {
                bad(take_error(error));
                libevtx_record_free(&record, nullptr);
                continue;
            }
            xml.assign(size + kRecordPadding, ' ');
            const int ok = libevtx_record_get_utf8_xml_string(record, reinterpret_cast<uint8_t*>(xml.data()), size, &error);
            libevtx_record_free(&record, nullptr);
            if (ok != 1) {
                bad(take_error(error));
                continue;
            }
            std::string_view text(xml.data(), size - 1);  // without the terminating NUL
            while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' || text.back() == '\0'))
                text.remove_suffix(1);
            on_record(text, number);
        }
        // libevtx leaves out the records of a chunk whose header it cannot read: say so
        if (libevtx_file_is_corrupted(evtx.get(), nullptr) == 1)
            count_bad_record(stats, src.name(), static_cast<uint64_t>(count) + 1,
                             "EVTX file has corrupt chunks: their records were not read (" + std::to_string(count) +
                                 " records read)");
    }
};

}  // namespace

const RecordFormat& evtx_format() {
    static const EvtxFormat f;
    return f;
}

}  // namespace minispl
