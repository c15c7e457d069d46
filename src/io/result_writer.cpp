// Result output: table (for people), JSON lines and CSV (for programs).
#include "minispl/io/result_writer.hpp"

#include <cmath>
#include <ctime>
#include <unordered_set>

namespace minispl {
namespace {

bool shown_column(std::string_view name) {
    return name.empty() || name[0] != '_' || name == "_time" || name == "_raw";
}

size_t display_width(std::string_view s) {
    size_t w = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++w;  // count UTF-8 code points, not bytes
    return w;
}

std::vector<std::string> cell_lines(const std::string& column, const Value* v) {
    std::vector<std::string> out;
    if (!v) return out;
    if (column == "_time" && !v->is_multi()) {
        out.push_back(format_time_cell(*v));
        return out;
    }
    for (size_t i = 0; i < v->mv_size(); ++i) {
        std::string s = v->mv_at(i);
        // a value with its own newlines spans several lines of the cell
        size_t start = 0;
        for (;;) {
            size_t nl = s.find('\n', start);
            std::string part = s.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
            if (!part.empty() && part.back() == '\r') part.pop_back();
            for (char& c : part)
                if (c == '\t') c = ' ';
            out.push_back(std::move(part));
            if (nl == std::string::npos) break;
            start = nl + 1;
        }
    }
    return out;
}

std::string cell_text(const Value* v) {
    if (!v) return {};
    if (!v->is_multi()) return v->to_string();
    std::string s;
    for (size_t i = 0; i < v->mv_size(); ++i) {
        if (i) s += '\n';
        s += v->mv_at(i);
    }
    return s;
}

class TableWriter : public ResultWriter {
public:
    TableWriter(std::ostream& out, std::vector<std::string> cols) : out_(out), cols_(std::move(cols)) {}
    void write(const Event& row) override { rows_.push_back(row); }
    void finish() override { write_table(out_, rows_, cols_); rows_.clear(); }

private:
    std::ostream& out_;
    std::vector<std::string> cols_;
    std::vector<Event> rows_;
};

class JsonWriter : public ResultWriter {
public:
    explicit JsonWriter(std::ostream& out) : out_(out) {}
    void write(const Event& row) override { write_json_line(out_, row); }
    void finish() override { out_.flush(); }

private:
    std::ostream& out_;
};

void csv_row(std::ostream& out, const Event& row, const std::vector<std::string>& cols) {
    for (size_t i = 0; i < cols.size(); ++i) {
        if (i) out << ',';
        out << csv_quote(cell_text(row.find(cols[i])));
    }
    out << '\n';
}

void csv_header(std::ostream& out, const std::vector<std::string>& cols) {
    for (size_t i = 0; i < cols.size(); ++i) {
        if (i) out << ',';
        out << csv_quote(cols[i]);
    }
    out << '\n';
}

class CsvWriter : public ResultWriter {
public:
    CsvWriter(std::ostream& out, std::vector<std::string> cols) : out_(out), cols_(std::move(cols)) {
        if (!cols_.empty()) csv_header(out_, cols_);
    }
    void write(const Event& row) override {
        if (cols_.empty())
            rows_.push_back(row);
        else
            csv_row(out_, row, cols_);
    }
    void finish() override {
        if (!rows_.empty()) write_csv(out_, rows_);
        rows_.clear();
        out_.flush();
    }

private:
    std::ostream& out_;
    std::vector<std::string> cols_;
    std::vector<Event> rows_;
};

}  // namespace

std::optional<OutputFormat> parse_output_format(std::string_view name) {
    if (name == "table") return OutputFormat::Table;
    if (name == "json" || name == "jsonl") return OutputFormat::Json;
    if (name == "csv") return OutputFormat::Csv;
    return std::nullopt;
}

std::vector<std::string> result_columns(const std::vector<Event>& rows) {
    std::vector<std::string> cols;
    std::unordered_set<std::string> seen;
    for (const Event& row : rows)
        for (const auto& f : row.fields())
            if (shown_column(f.first) && seen.insert(f.first).second) cols.push_back(f.first);
    return cols;
}

std::string format_time_cell(const Value& v) {
    auto n = v.as_number();
    if (!n || !std::isfinite(*n)) return v.to_string();
    double t = *n;
    double secs = std::floor(t);
    long long ms = std::llround((t - secs) * 1000.0);
    if (ms == 1000) {
        secs += 1;
        ms = 0;
    }
    std::time_t tt = static_cast<std::time_t>(secs);
    std::tm tm{};
    if (!gmtime_r(&tt, &tm)) return v.to_string();
    char buf[64];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    std::string s = buf;
    if (ms) {
        char f[8];
        std::snprintf(f, sizeof f, ".%03lld", ms);
        s += f;
    }
    return s;
}

void write_table(std::ostream& out, const std::vector<Event>& rows, const std::vector<std::string>& columns) {
    if (rows.empty()) return;
    std::vector<std::string> cols = columns.empty() ? result_columns(rows) : columns;
    if (cols.empty()) return;
    std::vector<size_t> width(cols.size());
    for (size_t c = 0; c < cols.size(); ++c) width[c] = display_width(cols[c]);
    // cells[r][c] = the lines of that cell
    std::vector<std::vector<std::vector<std::string>>> cells(rows.size());
    for (size_t r = 0; r < rows.size(); ++r) {
        cells[r].resize(cols.size());
        for (size_t c = 0; c < cols.size(); ++c) {
            cells[r][c] = cell_lines(cols[c], rows[r].find(cols[c]));
            for (const auto& l : cells[r][c]) width[c] = std::max(width[c], display_width(l));
        }
    }
    auto emit = [&](const std::vector<std::string>& parts) {
        std::string line;
        for (size_t c = 0; c < cols.size(); ++c) {
            if (c) line += "  ";
            line += parts[c];
            if (c + 1 < cols.size()) line.append(width[c] - display_width(parts[c]), ' ');
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << '\n';
    };
    emit(cols);
    std::vector<std::string> rule(cols.size());
    for (size_t c = 0; c < cols.size(); ++c) rule[c] = std::string(width[c], '-');
    emit(rule);
    for (size_t r = 0; r < rows.size(); ++r) {
        size_t height = 1;
        for (const auto& cell : cells[r]) height = std::max(height, cell.size());
        for (size_t h = 0; h < height; ++h) {
            std::vector<std::string> parts(cols.size());
            for (size_t c = 0; c < cols.size(); ++c)
                if (h < cells[r][c].size()) parts[c] = cells[r][c][h];
            emit(parts);
        }
    }
    out.flush();
}

std::string json_quote(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    out += '"';
    return out;
}

void write_json_line(std::ostream& out, const Event& row) {
    std::string line = "{";
    bool first = true;
    for (const auto& [name, v] : row.fields()) {
        if (v.is_null()) continue;
        if (!first) line += ',';
        first = false;
        line += json_quote(name);
        line += ':';
        if (v.is_multi()) {
            line += '[';
            for (size_t i = 0; i < v.mv_size(); ++i) {
                if (i) line += ',';
                line += json_quote(v.mv_at(i));
            }
            line += ']';
        } else {
            line += json_quote(v.to_string());
        }
    }
    line += "}\n";
    out << line;
}

void write_json_lines(std::ostream& out, const std::vector<Event>& rows) {
    for (const Event& row : rows) write_json_line(out, row);
    out.flush();
}

std::string csv_quote(std::string_view s) {
    bool quote = !s.empty() && (s.front() == ' ' || s.back() == ' ');
    for (char c : s)
        if (c == ',' || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    if (!quote) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

void write_csv(std::ostream& out, const std::vector<Event>& rows, const std::vector<std::string>& columns) {
    std::vector<std::string> cols = columns.empty() ? result_columns(rows) : columns;
    if (cols.empty()) return;
    csv_header(out, cols);
    for (const Event& row : rows) csv_row(out, row, cols);
    out.flush();
}

std::unique_ptr<ResultWriter> make_result_writer(OutputFormat format, std::ostream& out, std::vector<std::string> columns) {
    switch (format) {
        case OutputFormat::Table: return std::make_unique<TableWriter>(out, std::move(columns));
        case OutputFormat::Json: return std::make_unique<JsonWriter>(out);
        case OutputFormat::Csv: return std::make_unique<CsvWriter>(out, std::move(columns));
    }
    return nullptr;
}

}  // namespace minispl
