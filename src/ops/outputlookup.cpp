#include "minispl/ops/outputlookup.hpp"
#include "minispl/ops/option_util.hpp"

#include "minispl/core/diagnostic.hpp"
#include "minispl/sourcetypes/lookup_table.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>

namespace minispl {

namespace {

using opt::lower;
using opt::truthy;

void add_column(std::vector<std::string>& cols, const std::string& c) {
    if (std::find(cols.begin(), cols.end(), c) == cols.end()) cols.push_back(c);
}

}  // namespace

OutputlookupOperator::OutputlookupOperator(const ast::LookupTableCmd& cmd, const OpContext& ctx)
    : file_(lookup_write_path(cmd.table, ctx.lookup_dirs, ctx.lookup_output_dir, cmd.table_span)) {
    for (const auto& o : cmd.options) {
        std::string key = lower(o.key);
        if (key == "append") {
            append_ = truthy(o.value);
        } else if (key == "create_empty") {
            create_empty_ = truthy(o.value);
        } else if (key == "max") {
            auto n = parse_number(o.value);
            if (!n || *n < 0)
                throw SplError("outputlookup", "max= expects a whole number >= 0", o.span.begin,
                               o.span.end > o.span.begin ? o.span.end - o.span.begin : 1);
            max_ = static_cast<size_t>(*n);
        }  // createinapp, create_context, override_if_empty, key_field, output_format: no meaning here
    }
}

void OutputlookupOperator::push(Event event) {
    if (max_ == 0 || rows_.size() < max_) rows_.push_back(event);
    emit(std::move(event));
}

void OutputlookupOperator::finish() {
    std::vector<std::string> cols;
    std::vector<std::vector<std::string>> old;
    std::error_code ec;
    if (append_ && std::filesystem::is_regular_file(file_, ec)) {
        old = read_csv_file(file_);
        if (!old.empty()) cols = old[0];
    }
    for (const auto& r : rows_)
        for (const auto& f : r.fields()) add_column(cols, f.first);
    if (!rows_.empty() || create_empty_ || append_) {
        if (file_.has_parent_path()) std::filesystem::create_directories(file_.parent_path(), ec);
        std::ofstream out(file_, std::ios::binary | std::ios::trunc);
        if (!out) throw SplError("io", "outputlookup cannot write " + file_.string());
        auto line = [&](const std::vector<std::string>& cells) {
            for (size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csv_escape(cells[i]);
            out << "\n";
        };
        if (!cols.empty()) line(cols);
        for (size_t i = 1; i < old.size(); ++i) {
            auto cells = old[i];
            cells.resize(cols.size());
            line(cells);
        }
        for (const auto& r : rows_) {
            std::vector<std::string> cells;
            for (const auto& c : cols) {
                const Value* v = r.find(c);
                std::string text;
                if (v) {
                    auto values = v->mv_values();
                    for (size_t k = 0; k < values.size(); ++k) text += (k ? "\n" : "") + values[k];
                }
                cells.push_back(std::move(text));
            }
            line(cells);
        }
        if (!out) throw SplError("io", "outputlookup cannot write " + file_.string());
    }
    forget_lookup_file(file_);
    Operator::finish();
}

}  // namespace minispl
