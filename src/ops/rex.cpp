#include "minispl/ops/rex.hpp"
#include "minispl/ops/option_util.hpp"

#include "minispl/core/diagnostic.hpp"

#include <cctype>

namespace minispl {

namespace {

using opt::lower;

// Splits a sed expression `s/a/b/flags` on its delimiter (the character after s or y);
// `\<delimiter>` stands for the delimiter itself, other escapes stay for the regex.
std::vector<std::string> split_sed(const std::string& expr, char delim) {
    std::vector<std::string> parts(1);
    for (size_t i = 2; i < expr.size(); ++i) {
        char c = expr[i];
        if (c == '\\' && i + 1 < expr.size()) {
            if (expr[i + 1] == delim) {
                parts.back() += delim;
            } else {
                parts.back() += c;
                parts.back() += expr[i + 1];
            }
            ++i;
        } else if (c == delim) {
            parts.emplace_back();
        } else {
            parts.back() += c;
        }
    }
    return parts;
}

}  // namespace

RexOperator::RexOperator(const ast::RexCmd& cmd, const OpContext&) {
    auto fail = [](const std::string& msg, const ast::Span& s) {
        throw SplError("rex", msg, s.begin, s.end > s.begin ? s.end - s.begin : 1);
    };
    for (const auto& o : cmd.options) {
        std::string key = lower(o.key);
        if (key == "field") {
            field_ = o.value;
        } else if (key == "max_match") {
            auto n = parse_number(o.value);
            if (!n || *n < 0 || *n != static_cast<int64_t>(*n)) fail("max_match= expects a whole number >= 0", o.value_span);
            max_match_ = static_cast<size_t>(*n);
        } else if (key == "offset_field") {
            offset_field_ = o.value;
        } else if (key == "mode") {
            if (lower(o.value) != "sed") fail("mode= must be sed", o.value_span);
            sed_mode_ = true;
        } else {
            fail("unknown rex option " + o.key + "= (expected field, max_match, offset_field, mode)", o.span);
        }
    }
    auto compile = [&](const std::string& pattern, uint32_t shift) {
        try {
            re_.emplace(pattern);
        } catch (SplError& e) {
            e.diagnostic().offset += cmd.regex_span.begin + shift;
            throw;
        }
    };
    if (!sed_mode_) {
        compile(cmd.regex, 0);
        groups_ = re_->named_groups();
        return;
    }
    const std::string& expr = cmd.regex;
    if (expr.size() < 2 || (expr[0] != 's' && expr[0] != 'y'))
        fail("mode=sed expects \"s/regex/replacement/[g|N]\" or \"y/from/to/\"", cmd.regex_span);
    char delim = expr[1];
    auto parts = split_sed(expr, delim);
    if (parts.size() != 3) fail("malformed sed expression: expected three '" + std::string(1, delim) + "' delimiters", cmd.regex_span);
    if (expr[0] == 'y') {
        transliterate_ = true;
        from_chars_ = parts[0];
        to_chars_ = parts[1];
        if (from_chars_.size() != to_chars_.size())
            fail("y/from/to/ needs from and to of the same length", cmd.regex_span);
        if (!parts[2].empty()) fail("y/// takes no flags", cmd.regex_span);
        return;
    }
    compile(parts[0], 2);
    replacement_ = parts[1];
    const std::string& flags = parts[2];
    if (flags == "g") {
        global_ = true;
    } else if (!flags.empty()) {
        auto n = parse_number(flags);
        if (!n || *n < 1 || *n != static_cast<int64_t>(*n)) fail("sed flags must be g or a number >= 1, not '" + flags + "'", cmd.regex_span);
        occurrence_ = static_cast<size_t>(*n);
    }
}

std::string RexOperator::sed(const std::string& text) const {
    if (transliterate_) {
        std::string out = text;
        for (auto& c : out) {
            auto p = from_chars_.find(c);
            if (p != std::string::npos) c = to_chars_[p];
        }
        return out;
    }
    std::string out;
    size_t pos = 0, search = 0, nth = 0;
    while (search <= text.size()) {
        auto m = re_->find(text, search);
        if (!m) break;
        ++nth;
        if (global_ || nth == occurrence_) {
            out.append(text, pos, m->begin - pos);
            Regex::expand(out, replacement_, *m, Regex::OtherEscapes::Drop);
            pos = m->end;
            if (!global_) break;
        }
        search = m->end == m->begin ? m->end + 1 : m->end;
    }
    out.append(text, std::min(pos, text.size()), std::string::npos);
    return out;
}

void RexOperator::extract(Event& event) const {
    const Value* v = event.find(field_);
    if (!v) return;
    std::vector<std::vector<std::string>> values(groups_.size());
    std::string offsets;
    size_t matches = 0;
    for (size_t i = 0, n = v->mv_size(); i < n; ++i) {
        std::string text = v->mv_at(i);
        size_t search = 0;
        while ((max_match_ == 0 || matches < max_match_) && search <= text.size()) {
            auto m = re_->find(text, search);
            if (!m) break;
            ++matches;
            for (size_t g = 0; g < groups_.size(); ++g) {
                const auto& got = m->groups[static_cast<size_t>(groups_[g].second)];
                if (!got) continue;
                values[g].push_back(*got);
            }
            if (!offset_field_.empty()) {
                for (const auto& [name, num] : groups_) {
                    // Recomputed from the match: Regex::Match keeps only the whole match's bounds,
                    // so the group's offset is found within it.
                    const auto& got = m->groups[static_cast<size_t>(num)];
                    if (!got) continue;
                    size_t at = text.find(*got, m->begin);
                    if (!offsets.empty()) offsets += '&';
                    offsets += name + "=" + std::to_string(at) + "-" + std::to_string(at + got->size() - 1);
                }
            }
            search = m->end == m->begin ? m->end + 1 : m->end;
        }
        if (max_match_ != 0 && matches >= max_match_) break;
    }
    for (size_t g = 0; g < groups_.size(); ++g)
        if (!values[g].empty()) event.set(groups_[g].first, Value::multi(std::move(values[g])));
    if (!offset_field_.empty() && matches) event.set(offset_field_, Value::string(offsets));
}

void RexOperator::push(Event event) {
    if (sed_mode_) {
        if (const Value* v = event.find(field_)) {
            std::vector<std::string> out;
            for (size_t i = 0, n = v->mv_size(); i < n; ++i) out.push_back(sed(v->mv_at(i)));
            event.set(field_, Value::multi(std::move(out)));
        }
    } else {
        extract(event);
    }
    emit(std::move(event));
}

}  // namespace minispl
