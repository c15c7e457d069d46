#include "minispl/core/event.hpp"

namespace minispl {

const Value* Event::find(std::string_view name) const {
    for (const auto& f : fields_)
        if (f.first == name) return &f.second;
    return nullptr;
}

Value* Event::find(std::string_view name) {
    for (auto& f : fields_)
        if (f.first == name) return &f.second;
    return nullptr;
}

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
