// Input → events. Two ways, one result (the same events in the same order):
//  - a plain file of a format read in pieces (JSON lines, XmlWinEventLog) is cut where records
//    start, each piece read with pread; worker threads prefilter, parse (only the projected
//    fields), add metadata and sourcetype fields and test the leading search, each on its own
//    piece; the calling thread takes the pieces' events in order and pushes them into the
//    pipeline (piece_scheduler.cpp). This is what uses both cores on big inputs.
//  - anything else (gzip, JSON arrays, CloudTrail Records files, EVTX, stdin) streams through one
//    reader thread doing the same per-event work, in batches, to the calling thread (stream_queue.cpp).
// What each event gets on the way is event_prep.cpp's.
#include "feed.hpp"

#include "event_prep.hpp"
#include "piece_scheduler.hpp"
#include "stream_queue.hpp"

#include "minispl/compile/compiler.hpp"
#include "minispl/io/piece_file.hpp"
#include "minispl/io/record_format.hpp"
#include "minispl/eval/search_matcher.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>
#include <thread>
#include <unistd.h>

namespace minispl {

namespace {

//! The memory limit (Limits::memory_limit_mb), checked as input is read: a search whose groups,
//! windows or sorted rows outgrow it stops with an error naming the limit, before the kernel's
//! OOM killer would end the process with nothing said.
class MemoryGuard {
public:
    explicit MemoryGuard(size_t limit_mb) : limit_mb_(limit_mb) {}
    void check() const {
        const size_t mb = resident_mb();
        if (mb > limit_mb_)
            throw SplError("limit", fmt::format("the search holds {} MB of memory, over the limit of {} MB "
                                                "(--limit memory_mb=N to change it)", mb, limit_mb_));
    }

private:
    static size_t resident_mb() {
        std::FILE* f = std::fopen("/proc/self/statm", "r");
        if (!f) return 0;
        unsigned long long size = 0, resident = 0;
        const int n = std::fscanf(f, "%llu %llu", &size, &resident);
        std::fclose(f);
        static const long page = ::sysconf(_SC_PAGESIZE);
        return n == 2 ? static_cast<size_t>(resident * static_cast<unsigned long long>(page) >> 20) : 0;
    }
    size_t limit_mb_;
};

uint64_t total_size(const std::vector<InputSpec>& inputs) {
    uint64_t total = 0;
    for (const auto& in : inputs) {
        std::error_code ec;
        auto n = std::filesystem::file_size(in.file, ec);
        if (!ec) total += n;
    }
    return total;
}

}  // namespace

void feed(const SearchJob& job, const SourcetypeRegistry& sourcetypes, const InputPlan& plan, const OpContext& ctx,
          Operator& head, ReadStats& stats) {
    const uint64_t total = total_size(job.inputs);
    std::optional<SearchMatcher> leading;
    if (plan.leading_search) leading.emplace(*std::get<ast::SearchCmd>(plan.leading_search->body).expr, ctx.eval);
    const unsigned threads = job.threads ? job.threads : std::max(1u, std::thread::hardware_concurrency());
    uint64_t done_before = 0;
    const MemoryGuard memory(ctx.limits.memory_limit_mb());
    for (const InputSpec& in : job.inputs) {
        const auto resolved = sourcetypes.resolve(in.sourcetype, input_source(in), in.host);
        const Sourcetype& st = *resolved;
        // Called between pieces/batches on this thread: where memory is checked, too.
        std::function<void(uint64_t)> progress = [&](uint64_t done) {
            memory.check();
            if (job.progress) job.progress(done_before + done, total);
        };
        const SearchMatcher* lead = leading ? &*leading : nullptr;
        if (auto file = PieceFile::open(in.file)) {
            const std::string head_bytes = file->head();
            const bool gzip = head_bytes.size() >= 2 && (unsigned char)head_bytes[0] == 0x1f &&
                              (unsigned char)head_bytes[1] == 0x8b;
            const RecordFormat* format = gzip ? nullptr : detect_format(head_bytes, in.sourcetype);
            if (format && format->reads_in_pieces()) {
                EventPrep prep(in, st, plan.usage, lead, format, &sourcetypes);
                feed_pieces(*file, in.file.string(), *format, prep, prefilter_for(plan, format, prep), threads,
                            head, stats, progress);
                done_before += file->size();
                continue;
            }
        }
        RecordReader reader(in.file, in.sourcetype);
        EventPrep prep(in, st, plan.usage, lead, reader.format(), &sourcetypes);
        const uint64_t bytes_before = stats.bytes;
        feed_streamed(reader, prep, prefilter_for(plan, reader.format(), prep), head, stats, progress);
        done_before += stats.bytes - bytes_before;
    }
    if (job.progress) job.progress(total, total);
}

}  // namespace minispl
