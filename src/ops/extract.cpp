#include "minispl/ops/extract.hpp"
#include "minispl/ops/option_util.hpp"

#include "minispl/core/diagnostic.hpp"

#include <cctype>
#include <vector>

namespace minispl {
namespace {
using opt::lower;
using opt::trim;
using opt::truthy;
}  // namespace

ExtractOperator::ExtractOperator(const ast::GenericCmd& cmd, const OpContext&) {
    for (const auto& a : cmd.args) {
        auto fail = [&](const std::string& rule, const std::string& m) {
            throw SplError(rule, m, a.span.begin, a.span.end > a.span.begin ? a.span.end - a.span.begin : 1);
        };
        if (a.kind != ast::GenericCmd::Arg::Kind::Option)
            fail("unsupported", "extract with a named extractor (" + a.text + ") needs transforms.conf, which minispl does not have");
        std::string key = lower(a.text);
        auto number = [&]() {
            auto n = parse_number(a.value);
            if (!n || *n < 0) fail("extract", key + "= expects a whole number >= 0");
            return static_cast<size_t>(*n);
        };
        if (key == "pairdelim") pairdelim_ = a.value;
        else if (key == "kvdelim") kvdelim_ = a.value;
        else if (key == "limit") limit_ = number();
        else if (key == "maxchars") maxchars_ = number();
        else if (key == "clean_keys") clean_keys_ = truthy(a.value);
        else if (key == "mv_add") mv_add_ = truthy(a.value);
        else if (key == "reload" || key == "segment") continue;
        else fail("extract", "unknown extract option " + a.text + "= (expected pairdelim, kvdelim, limit, maxchars, clean_keys, mv_add)");
    }
    if (kvdelim_.empty()) throw SplError("extract", "kvdelim= must not be empty");
}

void ExtractOperator::push(Event event) {
    const Value* raw = event.find("_raw");
    if (!raw) {
        emit(std::move(event));
        return;
    }
    std::string text = raw->mv_size() ? raw->mv_at(0) : std::string();
    if (text.size() > maxchars_) text.resize(maxchars_);
    std::vector<std::pair<std::string, std::vector<std::string>>> found;
    size_t start = 0;
    while (start <= text.size() && found.size() < limit_) {
        size_t end = pairdelim_.empty() ? std::string::npos : text.find_first_of(pairdelim_, start);
        // a quoted value may hold pair delimiters: extend the pair to the closing quote
        size_t kv = text.find_first_of(kvdelim_, start);
        if (kv != std::string::npos && (end == std::string::npos || kv < end) && kv + 1 < text.size() && text[kv + 1] == '"') {
            size_t close = text.find('"', kv + 2);
            if (close != std::string::npos) end = pairdelim_.empty() ? std::string::npos : text.find_first_of(pairdelim_, close);
        }
        std::string pair = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        size_t d = pair.find_first_of(kvdelim_);
        if (d != std::string::npos) {
            std::string key = trim(pair.substr(0, d)), value = trim(pair.substr(d + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
            if (clean_keys_)
                for (auto& c : key)
                    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') c = '_';
            if (!key.empty()) {
                bool added = false;
                for (auto& [k, vals] : found)
                    if (k == key) {
                        if (mv_add_) vals.push_back(value);
                        added = true;
                    }
                if (!added) found.emplace_back(key, std::vector<std::string>{value});
            }
        }
        if (end == std::string::npos) break;
        start = end + 1;
    }
    for (auto& [k, vals] : found)
        if (!event.has(k)) event.set(k, vals.size() == 1 ? Value::string(vals[0]) : Value::multi(vals));
    emit(std::move(event));
}

}  // namespace minispl
