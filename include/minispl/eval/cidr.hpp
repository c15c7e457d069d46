#pragma once
// IP networks as SPL compares them: cidrmatch(), search values such as `10.0.0.0/8`, and lookup
// columns with match_type CIDR(col).
#include <string_view>

namespace minispl {

//! True when `ip` (IPv4 dotted quad or IPv6 text) lies in `cidr` (`net/bits`; without `/bits` the
//! network is the single address). False when either does not parse or the families differ.
bool cidr_contains(std::string_view cidr, std::string_view ip);

//! True when `text` is a network `cidr_contains` can read with an explicit `/bits` part.
bool is_cidr(std::string_view text);

}  // namespace minispl
