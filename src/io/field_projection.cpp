// FieldProjection: the wanted names and their proper prefixes in two small open-addressing tables.
#include "minispl/io/field_projection.hpp"

#include <algorithm>
#include <cstring>

namespace minispl {
namespace {

uint64_t load_upto8(const char* p, size_t n) {
    uint64_t v = 0;
    if (n) std::memcpy(&v, p, n);
    return v;
}

// Length plus the first and the last eight bytes: names share long prefixes
// (`requestParameters.…`) and differ at their ends, so both ends matter; the rest is left to the
// memcmp that confirms a hit. Not a general-purpose hash, only for these short keys.
size_t hash_key(std::string_view s) {
    const size_t n = s.size();
    uint64_t a, b;
    if (n >= 8) {
        a = load_upto8(s.data(), 8);
        b = load_upto8(s.data() + n - 8, 8);
    } else {
        a = load_upto8(s.data(), n);
        b = 0;
    }
    uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full) ^ (n * 0x165667B19E3779F9ull);
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 32;
    return static_cast<size_t>(h);
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
        if (s.length == key.size() && std::memcmp(arena.data() + s.offset, key.data(), key.size()) == 0) return true;
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
    p.wanted_.build(p.arena_, wanted);
    p.prefixes_.build(p.arena_, prefixes);
    return p;
}

}  // namespace minispl
