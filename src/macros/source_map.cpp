#include "minispl/macros/expander.hpp"

#include <algorithm>

namespace minispl {

namespace {

// The segment holding expanded offset `off`, or the last one starting at or before it.
const SourceMap::Segment* segment_at(const std::vector<SourceMap::Segment>& segs, uint32_t off) {
    if (segs.empty()) return nullptr;
    auto it = std::upper_bound(segs.begin(), segs.end(), off,
                               [](uint32_t o, const SourceMap::Segment& s) { return o < s.out_begin; });
    if (it == segs.begin()) return &*it;
    return &*std::prev(it);
}

}  // namespace

uint32_t SourceMap::to_source(uint32_t off) const {
    const Segment* s = segment_at(segments_, off);
    if (!s) return off;
    if (off < s->out_begin) return s->src_begin;
    if (s->from_macro) return off < s->out_end ? s->src_begin : s->src_end;
    return s->src_begin + std::min(off - s->out_begin, s->src_end - s->src_begin);
}

std::pair<uint32_t, uint32_t> SourceMap::to_source_range(uint32_t begin, uint32_t end) const {
    uint32_t b = to_source(begin);
    if (end <= begin) return {b, b};
    const Segment* s = segment_at(segments_, end - 1);
    if (!s) return {begin, end};
    uint32_t e;
    if (s->from_macro || end - 1 < s->out_begin)
        e = s->src_end;
    else
        e = s->src_begin + std::min(end - s->out_begin, s->src_end - s->src_begin);
    return {b, std::max(b, e)};
}

std::string SourceMap::macro_at(uint32_t off) const {
    const Segment* s = segment_at(segments_, off);
    if (!s || !s->from_macro || off < s->out_begin || off >= s->out_end) return {};
    return s->macro;
}

}  // namespace minispl
