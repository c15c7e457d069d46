#include "minispl/ops/makemv.hpp"

#include "minispl/ops/option_util.hpp"

namespace minispl {

MakemvOperator::MakemvOperator(const ast::FieldsCmd& cmd, const OpContext&) {
    for (const auto& o : cmd.options) {
        std::string k = opt::lower(o.key);
        if (k == "delim") delim_ = o.value;
        else if (k == "tokenizer") tokenizer_.emplace(o.value);
        else if (k == "allowempty") allow_empty_ = opt::to_bool(o, "makemv");
        else if (k == "setsv") setsv_ = opt::to_bool(o, "makemv");
        else opt::unknown(o, "makemv");
    }
    if (cmd.fields.size() != 1)
        throw SplError("makemv", "makemv takes exactly one field", cmd.fields.empty() ? 0 : cmd.fields[1].span.begin);
    if (delim_.empty() && !tokenizer_) throw SplError("makemv", "makemv: delim= must not be empty");
    field_ = cmd.fields[0].name;
}

void MakemvOperator::push(Event event) {
    const Value* v = event.find(field_);
    if (!v || field_.empty() || field_[0] == '_') {
        emit(std::move(event));
        return;
    }
    std::vector<std::string> out;
    auto keep = [&](std::string s) {
        if (!s.empty() || allow_empty_) out.push_back(std::move(s));
    };
    for (const std::string& text : v->mv_values()) {
        if (tokenizer_) {
            size_t pos = 0;
            while (pos <= text.size()) {
                auto m = tokenizer_->find(text, pos);
                if (!m) break;
                const auto& g = m->groups.size() > 1 ? m->groups[1] : m->groups[0];
                keep(g ? *g : std::string());
                pos = m->end > m->begin ? m->end : m->end + 1;  // step over an empty match
            }
        } else {
            size_t start = 0;
            for (;;) {
                size_t at = text.find(delim_, start);
                if (at == std::string::npos) {
                    keep(text.substr(start));
                    break;
                }
                keep(text.substr(start, at - start));
                start = at + delim_.size();
            }
        }
    }
    if (setsv_) {
        std::string joined;
        for (size_t i = 0; i < out.size(); ++i) joined += (i ? " " : "") + out[i];
        event.set(field_, out.empty() ? Value() : Value::string(joined));
    } else {
        event.set(field_, Value::multi(std::move(out)));
    }
    emit(std::move(event));
}

}  // namespace minispl
