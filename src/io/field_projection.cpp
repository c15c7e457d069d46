// FieldProjection: the wanted names and their proper prefixes in two small open-addressing tables.
#include "minispl/io/field_projection.hpp"

#include <algorithm>
#include <cstring>

namespace minispl {
namespace {

// Length and three bytes (first, middle, last): names share long prefixes (`requestParameters.…`)
// and differ at their ends, and this is computed for every key of every event, so it reads no
// more than that (no variable-length copy); a hit is confirmed by memcmp. Not a general-purpose
// hash, only for these short keys.
size_t hash_key(std::string_view s) {
    const size_t n = s.size();
    if (n == 0) return 0;
    uint64_t h = n * 0x9E3779B97F4A7C15ull;
    h ^= static_cast<unsigned char>(s[0]) * 0xC2B2AE3D27D4EB4Full;
    h ^= static_cast<unsigned char>(s[n / 2]) * 0x165667B19E3779F9ull;
    h ^= static_cast<unsigned char>(s[n - 1]) * 0xD6E8FEB86659FD93ull;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 32;
    return static_cast<size_t>(h);
}

// Names are short: a byte loop the compiler keeps inline beats a call to memcmp here.
bool same(const char* a, std::string_view b) {
    for (size_t i = 0; i < b.size(); ++i)
        if (a[i] != b[i]) return false;
    return true;
}
}  // namespace

void FieldProjection::Table::build(const std::string& arena, const std::vector<Slot>& keys) {
    size_t cap = 8;
    while (cap < keys.size() * 2) cap *= 2;
    slots.assign(cap, Slot{});
    mask = cap - 1;
    for (const Slot& k : keys) {
        std::string_view key(arena.data() + k.offset, k.length);
        for (size_t i = hash_key(key) & mask;; i = (i + 1) & mask) {
            Slot& s = slots[i];
            if (s.length == UINT32_MAX) {
                s = k;
                break;
            }
            if (s.length == k.length && std::memcmp(arena.data() + s.offset, key.data(), key.size()) == 0) break;
        }
    }
}

bool FieldProjection::Table::contains(const std::string& arena, std::string_view key) const {
    if (slots.empty()) return false;
    for (size_t i = hash_key(key) & mask;; i = (i + 1) & mask) {
        const Slot& s = slots[i];
        if (s.length == UINT32_MAX) return false;
        if (s.length == key.size() && same(arena.data() + s.offset, key)) return true;
    }
}

FieldProjection FieldProjection::of(const std::vector<std::string>& names) {
    FieldProjection p;
    p.names_ = names;
    std::sort(p.names_.begin(), p.names_.end());
    p.names_.erase(std::unique(p.names_.begin(), p.names_.end()), p.names_.end());

    std::vector<Table::Slot> wanted, prefixes;
    for (const auto& name : p.names_) {
        const auto offset = static_cast<uint32_t>(p.arena_.size());
        p.arena_ += name;
        wanted.push_back({offset, static_cast<uint32_t>(name.size())});
        p.max_len_ = std::max(p.max_len_, name.size());
        if (name == "_raw") p.raw_ = true;
        // Every cut before a '.' or a "{}" is a path whose object/array leads to this name. A key
        // that itself contains '.' or "{}" only adds extra cuts: walking a bit more, never less.
        for (size_t i = 1; i < name.size(); ++i)
            if (name[i] == '.' || (name[i] == '{' && i + 1 < name.size() && name[i + 1] == '}'))
                prefixes.push_back({offset, static_cast<uint32_t>(i)});
    }
    for (const auto* keys : {&wanted, &prefixes})
        for (const auto& k : *keys)
            if (k.length) {
                const size_t b = bit_of(std::string_view(p.arena_.data() + k.offset, k.length));
                p.bits_[b >> 6] |= uint64_t(1) << (b & 63);
            }
    p.wanted_.build(p.arena_, wanted);
    p.prefixes_.build(p.arena_, prefixes);
    return p;
}

}  // namespace minispl
