// IPv4/IPv6 parsing and network containment, shared by cidrmatch(), the search command and lookups.
#include "minispl/eval/cidr.hpp"

#include "minispl/core/value.hpp"

#include <cctype>
#include <cstdint>
#include <string>

namespace minispl {

namespace {

bool parse_ipv4(std::string_view s, uint32_t& out) {
    uint32_t v = 0;
    int parts = 0;
    size_t i = 0;
    while (parts < 4) {
        if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
        uint32_t octet = 0;
        size_t digits = 0;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
            octet = octet * 10 + static_cast<uint32_t>(s[i] - '0');
            if (++digits > 3 || octet > 255) return false;
            ++i;
        }
        v = (v << 8) | octet;
        if (++parts < 4) {
            if (i >= s.size() || s[i] != '.') return false;
            ++i;
        }
    }
    if (i != s.size()) return false;
    out = v;
    return true;
}

bool parse_ipv6(std::string_view s, uint8_t out[16]) {
    // Groups of hex separated by ':', one '::' allowed, optional trailing dotted IPv4.
    uint16_t head[8], tail[8];
    int nh = 0, nt = 0;
    bool gap = false;
    size_t i = 0;
    if (s.substr(0, 2) == "::") {
        gap = true;
        i = 2;
    }
    while (i < s.size()) {
        size_t j = i;
        while (j < s.size() && std::isxdigit(static_cast<unsigned char>(s[j]))) ++j;
        if (j < s.size() && s[j] == '.') {  // embedded IPv4
            uint32_t v4;
            if (!parse_ipv4(s.substr(i), v4)) return false;
            uint16_t* dst = gap ? tail : head;
            int& cnt = gap ? nt : nh;
            if (cnt + 2 > 8) return false;
            dst[cnt++] = static_cast<uint16_t>(v4 >> 16);
            dst[cnt++] = static_cast<uint16_t>(v4 & 0xffff);
            i = s.size();
            break;
        }
        if (j == i || j - i > 4) return false;
        uint16_t g = static_cast<uint16_t>(std::stoul(std::string(s.substr(i, j - i)), nullptr, 16));
        if (gap) {
            if (nt >= 8) return false;
            tail[nt++] = g;
        } else {
            if (nh >= 8) return false;
            head[nh++] = g;
        }
        i = j;
        if (i == s.size()) break;
        if (s[i] != ':') return false;
        if (i + 1 < s.size() && s[i + 1] == ':') {
            if (gap) return false;
            gap = true;
            i += 2;
        } else {
            ++i;
            if (i == s.size()) return false;
        }
    }
    if (nh + nt > 8 || (!gap && nh != 8)) return false;
    uint16_t groups[8] = {0};
    for (int k = 0; k < nh; ++k) groups[k] = head[k];
    for (int k = 0; k < nt; ++k) groups[8 - nt + k] = tail[k];
    for (int k = 0; k < 8; ++k) {
        out[2 * k] = static_cast<uint8_t>(groups[k] >> 8);
        out[2 * k + 1] = static_cast<uint8_t>(groups[k] & 0xff);
    }
    return true;
}

}  // namespace

bool cidr_contains(std::string_view cidr, std::string_view ip) {
    size_t slash = cidr.find('/');
    std::string_view net = cidr.substr(0, slash);
    uint32_t n4, a4;
    if (parse_ipv4(net, n4)) {
        int bits = 32;
        if (slash != std::string_view::npos) {
            auto b = parse_number(cidr.substr(slash + 1));
            if (!b || *b < 0 || *b > 32) return false;
            bits = static_cast<int>(*b);
        }
        if (!parse_ipv4(ip, a4)) return false;
        uint32_t mask = bits == 0 ? 0 : 0xffffffffu << (32 - bits);
        return (n4 & mask) == (a4 & mask);
    }
    uint8_t n6[16], a6[16];
    if (!parse_ipv6(net, n6) || !parse_ipv6(ip, a6)) return false;
    int bits = 128;
    if (slash != std::string_view::npos) {
        auto b = parse_number(cidr.substr(slash + 1));
        if (!b || *b < 0 || *b > 128) return false;
        bits = static_cast<int>(*b);
    }
    for (int k = 0; k < 16 && bits > 0; ++k, bits -= 8) {
        uint8_t mask = bits >= 8 ? 0xff : static_cast<uint8_t>(0xff << (8 - bits));
        if ((n6[k] & mask) != (a6[k] & mask)) return false;
    }
    return true;
}

bool is_cidr(std::string_view text) {
    size_t slash = text.find('/');
    if (slash == std::string_view::npos) return false;
    uint32_t v4;
    uint8_t v6[16];
    auto net = text.substr(0, slash);
    auto bits = parse_number(text.substr(slash + 1));
    if (!bits || *bits != static_cast<double>(static_cast<int>(*bits)) || *bits < 0) return false;
    if (parse_ipv4(net, v4)) return *bits <= 32;
    return parse_ipv6(net, v6) && *bits <= 128;
}

}  // namespace minispl
