// ScalarMap: replays YAML's scalar scanning rules over the file text to learn, for every byte
// of a scalar's value, the file position it came from.
#include "minispl/rules/detection.hpp"

#include <algorithm>

namespace minispl {

namespace {

//! Emits value bytes with their file offsets, stopping once the whole value is produced.
struct Emitter {
    const std::string& text;
    size_t want;
    std::vector<uint32_t> offs;
    std::string got;
    bool full() const { return got.size() >= want; }
    void put(char c, size_t at) {
        if (full()) return;
        got += c;
        offs.push_back(static_cast<uint32_t>(at));
    }
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_break(char c) { return c == '\n' || c == '\r'; }

// Offset just past the line break at `p` (\n, \r\n or \r).
size_t past_break(const std::string& t, size_t p) {
    if (t[p] == '\r' && p + 1 < t.size() && t[p + 1] == '\n') return p + 2;
    return p + 1;
}

// Folding inside flow scalars (plain, single- and double-quoted): at a line break, trailing
// blanks are already dropped by the caller; a single break becomes a space, each following
// empty line becomes "\n", and the next line's leading blanks are dropped. `escaped`: the break
// was escaped by `\` (double-quoted), so a single break produces nothing.
size_t fold(Emitter& e, size_t p, bool escaped) {
    const std::string& t = e.text;
    size_t first_break = p;
    p = past_break(t, p);
    size_t empties = 0;
    for (;;) {
        size_t q = p;
        while (q < t.size() && is_blank(t[q])) ++q;
        if (q < t.size() && is_break(t[q])) {  // an empty line
            e.put('\n', q);
            ++empties;
            p = past_break(t, q);
            continue;
        }
        p = q;
        break;
    }
    if (empties == 0 && !escaped) e.put(' ', first_break);
    return p;
}

// Flow scalar: quote is '\'', '"' or 0 for plain. `p` is the first content byte.
size_t scan_flow(Emitter& e, size_t p, char quote) {
    const std::string& t = e.text;
    while (p < t.size() && !e.full()) {
        char c = t[p];
        if (quote == '\'' && c == '\'') {
            if (p + 1 < t.size() && t[p + 1] == '\'') {
                e.put('\'', p);
                p += 2;
                continue;
            }
            return p;
        }
        if (quote == '"' && c == '"') return p;
        if (is_blank(c) || is_break(c)) {
            // blanks before a line break are dropped; elsewhere they are content
            size_t q = p;
            while (q < t.size() && is_blank(t[q])) ++q;
            if (q < t.size() && is_break(t[q])) {
                p = fold(e, q, false);
            } else {
                for (; p < q; ++p) e.put(t[p], p);
            }
            continue;
        }
        if (quote == '"' && c == '\\' && p + 1 < t.size()) {
            char n = t[p + 1];
            if (is_break(n)) {
                p = fold(e, p + 1, true);
                continue;
            }
            auto hex = [&](int digits) {
                uint32_t cp = 0;
                for (int i = 0; i < digits && p + 2 + i < t.size(); ++i) {
                    char h = t[p + 2 + i];
                    cp = cp * 16 + (h >= '0' && h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
                }
                // UTF-8, every byte mapped to the backslash
                if (cp < 0x80) {
                    e.put(static_cast<char>(cp), p);
                } else if (cp < 0x800) {
                    e.put(static_cast<char>(0xC0 | (cp >> 6)), p);
                    e.put(static_cast<char>(0x80 | (cp & 0x3F)), p);
                } else if (cp < 0x10000) {
                    e.put(static_cast<char>(0xE0 | (cp >> 12)), p);
                    e.put(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), p);
                    e.put(static_cast<char>(0x80 | (cp & 0x3F)), p);
                } else {
                    e.put(static_cast<char>(0xF0 | (cp >> 18)), p);
                    e.put(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)), p);
                    e.put(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), p);
                    e.put(static_cast<char>(0x80 | (cp & 0x3F)), p);
                }
                p += 2 + digits;
            };
            switch (n) {
                case 'x': hex(2); continue;
                case 'u': hex(4); continue;
                case 'U': hex(8); continue;
                case 'N': e.put('\xC2', p), e.put('\x85', p); p += 2; continue;
                case '_': e.put('\xC2', p), e.put('\xA0', p); p += 2; continue;
                case 'L': e.put('\xE2', p), e.put('\x80', p), e.put('\xA8', p); p += 2; continue;
                case 'P': e.put('\xE2', p), e.put('\x80', p), e.put('\xA9', p); p += 2; continue;
                default: break;
            }
            char out = n;
            switch (n) {
                case '0': out = '\0'; break;
                case 'a': out = '\a'; break;
                case 'b': out = '\b'; break;
                case 't': out = '\t'; break;
                case 'n': out = '\n'; break;
                case 'v': out = '\v'; break;
                case 'f': out = '\f'; break;
                case 'r': out = '\r'; break;
                case 'e': out = '\x1b'; break;
                default: break;  // \\ \" \/ \space \tab: the character itself
            }
            // \\ \" \/: map to the character itself, so the byte sits on the same character
            e.put(out, out == n ? p + 1 : p);
            p += 2;
            continue;
        }
        e.put(c, p);
        ++p;
    }
    return p;
}

// Block scalar; `p` is at the `|` or `>` indicator.
void scan_block(Emitter& e, size_t p) {
    const std::string& t = e.text;
    bool folded = t[p] == '>';
    size_t explicit_indent = 0;
    size_t q = p + 1;
    while (q < t.size() && !is_break(t[q]) && (t[q] == '-' || t[q] == '+' || (t[q] >= '1' && t[q] <= '9'))) {
        if (t[q] >= '1' && t[q] <= '9') explicit_indent = t[q] - '0';
        ++q;
    }
    // The indentation of the line holding the indicator: the parent's, for an explicit indicator.
    size_t line_start = t.rfind('\n', p);
    line_start = line_start == std::string::npos ? 0 : line_start + 1;
    size_t parent_indent = 0;
    while (line_start + parent_indent < t.size() && t[line_start + parent_indent] == ' ') ++parent_indent;
    while (q < t.size() && !is_break(t[q])) ++q;  // rest of the header (comment)
    if (q >= t.size()) return;
    q = past_break(t, q);

    struct Line {
        size_t begin, content, end;  // line start, first content byte, line break
        bool empty;
    };
    std::vector<Line> lines;
    size_t indent = explicit_indent ? parent_indent + explicit_indent : 0;
    for (size_t s = q; s < t.size();) {
        size_t ind = 0;
        while (s + ind < t.size() && t[s + ind] == ' ') ++ind;
        size_t end = s + ind;
        while (end < t.size() && !is_break(t[end])) ++end;
        bool all_space = s + ind == end;
        bool empty = all_space && (indent == 0 || ind <= indent);
        if (!all_space) {
            if (indent == 0) indent = ind;
            if (ind < indent) break;
        }
        lines.push_back({s, std::min(s + indent, end), end, empty});
        if (end >= t.size()) break;
        s = past_break(t, end);
    }
    auto more_indented = [&](const Line& l) { return !l.empty && (is_blank(t[l.content])); };
    for (size_t i = 0; i < lines.size() && !e.full(); ++i) {
        const Line& l = lines[i];
        if (!l.empty)
            for (size_t k = l.content; k < l.end; ++k) e.put(t[k], k);
        if (!folded || l.empty) {
            e.put('\n', l.end);
            continue;
        }
        // folded: a break between two normal lines with no empty line between is a space
        size_t j = i + 1;
        while (j < lines.size() && lines[j].empty) ++j;
        bool next_normal = j < lines.size() && !more_indented(lines[j]);
        if (j == i + 1 && next_normal && !more_indented(l)) {
            e.put(' ', l.end);
        } else if (j > i + 1 && next_normal && !more_indented(l)) {
            // the first break is dropped, each empty line gives "\n"
            for (size_t k = i + 1; k < j; ++k) e.put('\n', lines[k].end);
            i = j - 1;
        } else {
            e.put('\n', l.end);
        }
    }
}

Position pos_at(const std::vector<uint32_t>& line_starts, uint32_t off) {
    auto it = std::upper_bound(line_starts.begin(), line_starts.end(), off);
    size_t line = static_cast<size_t>(it - line_starts.begin());  // 1-based
    Position p;
    p.offset = off;
    p.line = static_cast<uint32_t>(line);
    p.column = off - line_starts[line - 1] + 1;
    return p;
}

}  // namespace

ScalarMap::ScalarMap(const std::string& file_text, const YAML::Mark& mark, const std::string& value) {
    std::vector<uint32_t> line_starts{0};
    for (size_t i = 0; i < file_text.size(); ++i)
        if (file_text[i] == '\n') line_starts.push_back(static_cast<uint32_t>(i + 1));
    for (size_t i = 0; i < line_starts.size(); ++i) {
        size_t b = line_starts[i];
        size_t e = i + 1 < line_starts.size() ? line_starts[i + 1] - 1 : file_text.size();
        if (e > b && file_text[e - 1] == '\r') --e;
        lines_.push_back(file_text.substr(b, e - b));
    }

    size_t p = mark.pos >= 0 ? static_cast<size_t>(mark.pos) : 0;
    // yaml-cpp marks the node's first token; skip blanks, a tag and an anchor if present
    for (;;) {
        while (p < file_text.size() && is_blank(file_text[p])) ++p;
        if (p < file_text.size() && (file_text[p] == '!' || file_text[p] == '&')) {
            while (p < file_text.size() && !is_blank(file_text[p]) && !is_break(file_text[p])) ++p;
            continue;
        }
        break;
    }
    Emitter e{file_text, value.size(), {}, {}};
    size_t end = p;
    if (p < file_text.size()) {
        char c = file_text[p];
        if (c == '\'' || c == '"') {
            end = scan_flow(e, p + 1, c);  // the closing quote
        } else if (c == '|' || c == '>') {
            scan_block(e, p);
            end = e.offs.empty() ? p : e.offs.back() + 1;
        } else {
            end = scan_flow(e, p, 0);
        }
    }
    if (e.got != value) {
        // Not a form we replayed exactly: every byte maps to the scalar's start.
        e.offs.assign(value.size(), static_cast<uint32_t>(p));
        exact_ = false;
        end = p;
    }
    positions_.reserve(value.size() + 1);
    for (uint32_t o : e.offs) positions_.push_back(pos_at(line_starts, o));
    positions_.push_back(pos_at(line_starts, static_cast<uint32_t>(std::min(end, file_text.size()))));
}

Position ScalarMap::position(uint32_t offset) const {
    if (positions_.empty()) return Position{};
    return positions_[std::min<size_t>(offset, positions_.size() - 1)];
}

const std::string& ScalarMap::file_line(uint32_t line) const {
    static const std::string empty;
    if (line == 0 || line > lines_.size()) return empty;
    return lines_[line - 1];
}

}  // namespace minispl
