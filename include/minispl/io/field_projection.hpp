#pragma once
// The set of flattened field names a search reads, queried by the JSON flattener for every key of
// every event to skip what nobody reads.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace minispl {

//! A set of flattened (Splunk) field names with O(1) "is this path wanted / on the way to a wanted name" queries.
class FieldProjection {
public:
    //! The projection keeping exactly `names` (flattened names: `a.b`, `a{}.b`, `a{}{}`, `_raw`).
    static FieldProjection of(const std::vector<std::string>& names);

    //! `path` is one of the names.
    bool wants(std::string_view path) const { return maybe(path) && wanted_.contains(arena_, path); }
    //! Some name starts with `path` + "." or `path` + "{}": the object/array at `path` must be walked.
    bool descends(std::string_view path) const { return maybe(path) && prefixes_.contains(arena_, path); }
    //! `_raw` is one of the names.
    bool wants_raw() const { return raw_; }
    //! The names, sorted, without repeats.
    const std::vector<std::string>& names() const { return names_; }

private:
    // The flattener asks both questions for every key of every event, so they must cost a hash
    // and a compare, with no allocation: open addressing (linear probing, power-of-two table at
    // most half full) over (offset, length) slices of one owned arena. Slices rather than
    // string_views keep copies and moves of the projection valid.
    struct Table {
        struct Slot {
            uint32_t offset = 0, length = UINT32_MAX;  // length UINT32_MAX: empty
        };
        std::vector<Slot> slots;
        size_t mask = 0;

        void build(const std::string& arena, const std::vector<Slot>& keys);
        bool contains(const std::string& arena, std::string_view key) const;
    };

    // Most keys of an event are wanted by nobody: a bit per (length, first byte, last byte) of the
    // names and prefixes (8 KiB, stays in L1) rejects nearly all of them before any probing.
    static size_t bit_of(std::string_view s) {
        return ((s.size() & 63) << 10) | ((static_cast<unsigned char>(s.front()) & 31) << 5) |
               (static_cast<unsigned char>(s.back()) & 31);
    }
    bool maybe(std::string_view s) const {
        if (s.empty() || s.size() > max_len_) return s.empty() && !wanted_.slots.empty();
        const size_t b = bit_of(s);
        return (bits_[b >> 6] >> (b & 63)) & 1;
    }

    std::vector<uint64_t> bits_ = std::vector<uint64_t>(1024);
    std::vector<std::string> names_;
    std::string arena_;  // every name, back to back; prefixes are slices of it too
    Table wanted_, prefixes_;
    size_t max_len_ = 0;
    bool raw_ = false;
};

}  // namespace minispl
