#pragma once
// Test support for the corpus tests of the parser: reads the `search:` of security_content
// detections and expands their macros textually. Deliberately minimal (the real YAML loader and
// macro expander live in src/rules and src/macros, which test_parse does not link): a YAML
// scalar reader for the few forms the corpus uses, and `name` / `name(args)` substitution.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace corpus {

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

//! Joins folded YAML lines: a line break plus indentation is one space, an empty line a "\n".
inline std::string fold(const std::vector<std::string>& lines) {
    std::string out;
    bool pending_space = false;
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string l = lines[i];
        const size_t b = l.find_first_not_of(" \t");
        l = b == std::string::npos ? "" : l.substr(b);
        if (i > 0) {
            if (l.empty()) {
                out += '\n';
                pending_space = false;
                continue;
            }
            if (pending_space) out += ' ';
        }
        while (!l.empty() && (l.back() == ' ' || l.back() == '\t') && i + 1 < lines.size()) l.pop_back();
        out += l;
        pending_space = true;
    }
    return out;
}

//! The value of a top-level `key:` scalar of a YAML document (single/double quoted, plain,
//! or a `>`/`|` block), or "" when absent.
inline std::string yaml_scalar(const std::string& doc, const std::string& key) {
    std::istringstream in(doc);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) {
        if (!l.empty() && l.back() == '\r') l.pop_back();
        lines.push_back(l);
    }
    const std::string prefix = key + ":";
    for (size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].compare(0, prefix.size(), prefix) != 0) continue;
        std::string rest = lines[i].substr(prefix.size());
        const size_t b = rest.find_first_not_of(' ');
        rest = b == std::string::npos ? "" : rest.substr(b);
        // continuation lines: indented (or empty) lines after this one
        std::vector<std::string> cont;
        size_t j = i + 1;
        for (; j < lines.size(); ++j) {
            if (!lines[j].empty() && lines[j][0] != ' ' && lines[j][0] != '\t') break;
            cont.push_back(lines[j]);
        }
        while (!cont.empty() && cont.back().find_first_not_of(" \t") == std::string::npos) cont.pop_back();
        if (!rest.empty() && (rest[0] == '\'' || rest[0] == '"')) {
            const char q = rest[0];
            std::vector<std::string> all{rest.substr(1)};
            all.insert(all.end(), cont.begin(), cont.end());
            std::string text = fold(all);
            std::string out;
            for (size_t k = 0; k < text.size(); ++k) {
                const char c = text[k];
                if (q == '\'') {
                    if (c == '\'') {
                        if (k + 1 < text.size() && text[k + 1] == '\'') { out += '\''; ++k; continue; }
                        break;
                    }
                    out += c;
                } else {
                    if (c == '\\' && k + 1 < text.size()) {
                        const char e = text[++k];
                        out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
                        continue;
                    }
                    if (c == '"') break;
                    out += c;
                }
            }
            return out;
        }
        if (!rest.empty() && (rest[0] == '>' || rest[0] == '|')) {
            if (rest[0] == '>') return fold(cont);
            std::string out;
            for (auto& l : cont) out += (out.empty() ? "" : "\n") + l.substr(std::min(l.size(), l.find_first_not_of(' ')));
            return out;
        }
        std::vector<std::string> all{rest};
        all.insert(all.end(), cont.begin(), cont.end());
        return fold(all);
    }
    return "";
}

//! Macro definitions keyed by `name` or `name(N)`.
struct Macros {
    struct Def { std::string definition; std::vector<std::string> args; };
    std::map<std::string, Def> defs;

    void load(const std::filesystem::path& dir) {
        for (auto& e : std::filesystem::directory_iterator(dir)) {
            if (e.path().extension() != ".yml") continue;
            const std::string doc = slurp(e.path());
            Def d;
            d.definition = yaml_scalar(doc, "definition");
            std::istringstream in(doc);
            bool in_args = false;
            for (std::string l; std::getline(in, l);) {
                if (l.rfind("arguments:", 0) == 0) { in_args = true; continue; }
                if (in_args && l.find("- ") != std::string::npos && (l[0] == ' ' || l[0] == '-')) {
                    std::string a = l.substr(l.find("- ") + 2);
                    while (!a.empty() && (a.back() == ' ' || a.back() == '\r')) a.pop_back();
                    d.args.push_back(a);
                } else if (in_args && !l.empty() && l[0] != ' ') in_args = false;
            }
            const std::string name = yaml_scalar(doc, "name");
            defs[d.args.empty() ? name : name + "(" + std::to_string(d.args.size()) + ")"] = d;
        }
        defs["drop_dm_object_name(1)"] = {"rename $object$.* AS *", {"object"}};
    }

    //! Expands `macro` calls outside double quotes and ``` comments, up to 5 levels deep.
    std::string expand(const std::string& text, int depth = 0) const {
        std::string out;
        for (size_t i = 0; i < text.size(); ++i) {
            const char c = text[i];
            if (c == '`' && text.compare(i, 3, "```") == 0) {
                const size_t e = text.find("```", i + 3);
                const size_t stop = e == std::string::npos ? text.size() : e + 3;
                out.append(text, i, stop - i);
                i = stop - 1;
                continue;
            }
            if (c == '\\' && i + 1 < text.size()) { out += c; out += text[++i]; continue; }
            if (c == '"') {
                size_t j = i + 1;
                while (j < text.size() && text[j] != '"') j += text[j] == '\\' ? 2 : 1;
                j = std::min(j, text.size() - 1);
                out.append(text, i, j - i + 1);
                i = j;
                continue;
            }
            if (c != '`') { out += c; continue; }
            const size_t e = text.find('`', i + 1);
            if (e == std::string::npos) { out += c; continue; }
            std::string call = text.substr(i + 1, e - i - 1);
            std::string name = call;
            std::vector<std::string> args;
            if (const size_t p = call.find('('); p != std::string::npos && call.back() == ')') {
                name = call.substr(0, p);
                std::string a;
                bool q = false;
                for (size_t k = p + 1; k + 1 < call.size(); ++k) {
                    if (call[k] == '"') q = !q;
                    if (call[k] == ',' && !q) { args.push_back(a); a.clear(); continue; }
                    a += call[k];
                }
                args.push_back(a);
            }
            const std::string key = args.empty() ? name : name + "(" + std::to_string(args.size()) + ")";
            std::string repl;
            if (auto it = defs.find(key); it != defs.end()) {
                repl = it->second.definition;
                for (size_t k = 0; k < args.size() && k < it->second.args.size(); ++k) {
                    std::string a = args[k];
                    while (!a.empty() && a.front() == ' ') a.erase(0, 1);
                    const std::string token = "$" + it->second.args[k] + "$";
                    for (size_t pos; (pos = repl.find(token)) != std::string::npos;) repl.replace(pos, token.size(), a);
                }
                if (depth < 5) repl = expand(repl, depth + 1);
            } else if (name.size() > 7 && name.compare(name.size() - 7, 7, "_filter") == 0) {
                repl = "search *";
            } else {
                repl = "`" + call + "`";  // unknown (external) macro: left in place
            }
            out += repl;
            i = e;
        }
        return out;
    }
};

}  // namespace corpus
