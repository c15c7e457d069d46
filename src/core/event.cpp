#include "minispl/core/event.hpp"

#include <cstring>

namespace minispl {

namespace {

// Hot: every field reference of every event. CloudTrail names share long prefixes
// (requestParameters., userIdentity.), so size and last byte reject most candidates before memcmp.
template <class Fields>
auto* find_field(Fields& fields, std::string_view name) {
    const size_t n = name.size();
    using Ptr = decltype(&fields.front().second);
    if (n == 0) {
        for (auto& f : fields)
            if (f.first.empty()) return static_cast<Ptr>(&f.second);
        return static_cast<Ptr>(nullptr);
    }
    const char last = name[n - 1];
    for (auto& f : fields) {
        const std::string& k = f.first;
        if (k.size() == n && k[n - 1] == last && std::memcmp(k.data(), name.data(), n) == 0) return &f.second;
    }
    return static_cast<Ptr>(nullptr);
}

}  // namespace

const Value* Event::find(std::string_view name) const { return find_field(fields_, name); }

Value* Event::find(std::string_view name) { return find_field(fields_, name); }

const Value& Event::get(std::string_view name) const {
    static const Value null_value;
    const Value* v = find(name);
    return v ? *v : null_value;
}

void Event::set(std::string_view name, Value v) {
    if (v.is_null()) {
        erase(name);
        return;
    }
    if (Value* existing = find(name)) {
        *existing = std::move(v);
        return;
    }
    fields_.emplace_back(std::string(name), std::move(v));
}

void Event::erase(std::string_view name) {
    for (auto it = fields_.begin(); it != fields_.end(); ++it)
        if (it->first == name) {
            fields_.erase(it);
            return;
        }
}

void Event::rename(std::string_view from, std::string_view to) {
    if (from == to) return;
    Value* v = find(from);
    if (!v) return;
    Value moved = std::move(*v);
    erase(from);
    set(to, std::move(moved));
}

double Event::time() const {
    const Value* t = find("_time");
    if (!t) return 0;
    auto n = t->as_number();
    return n ? *n : 0;
}

}  // namespace minispl
