// dump_ast: a readable, indented tree of a parsed pipeline (`minispl parse --explain`).
#include "minispl/parse/parser.hpp"

#include <sstream>
#include <type_traits>

namespace minispl {
namespace {

using namespace ast;

const char* op_name(BinaryOp op) {
    static const char* names[] = {"OR", "XOR", "AND", "=", "!=", "<", "<=", ">", ">=", "LIKE",
                                  "+", "-", ".", "*", "/", "%"};
    return names[static_cast<int>(op)];
}
const char* op_name(CompareOp op) {
    static const char* names[] = {"=", "!=", "<", "<=", ">", ">="};
    return names[static_cast<int>(op)];
}

//! Writes one node per line, children indented by two spaces.
class Dumper {
public:
    std::ostringstream out;

    void line(int depth, const std::string& s) { out << std::string(depth * 2, ' ') << s << '\n'; }
    static std::string q(const std::string& s) { return "\"" + s + "\""; }
    static std::string at(Span s) { return " @" + std::to_string(s.begin) + ".." + std::to_string(s.end); }

    void expr(const Expr* e, int d) {
        if (!e) return line(d, "(none)");
        switch (e->kind) {
            case Expr::Kind::String: return line(d, "string " + q(e->text) + at(e->span));
            case Expr::Kind::Number: return line(d, "number " + e->text + at(e->span));
            case Expr::Kind::Bool: return line(d, "bool " + e->text + at(e->span));
            case Expr::Kind::Field: return line(d, "field " + e->text + at(e->span));
            case Expr::Kind::Call: line(d, "call " + e->text + at(e->span)); break;
            case Expr::Kind::Not: line(d, "NOT" + at(e->span)); break;
            case Expr::Kind::Negate: line(d, "negate" + at(e->span)); break;
            case Expr::Kind::Binary: line(d, std::string("binary ") + op_name(e->op) + at(e->span)); break;
            case Expr::Kind::In: line(d, "IN" + at(e->span)); break;
        }
        for (auto& a : e->args) expr(a.get(), d + 1);
    }

    void search(const SearchExpr* e, int d) {
        if (!e) return line(d, "(match all)");
        const auto values = [&] {
            std::string s;
            for (auto& v : e->values) s += (s.empty() ? "" : ", ") + (v.quoted ? q(v.text) : v.text);
            return s;
        };
        switch (e->kind) {
            case SearchExpr::Kind::And: line(d, "AND" + at(e->span)); break;
            case SearchExpr::Kind::Or: line(d, "OR" + at(e->span)); break;
            case SearchExpr::Kind::Not: line(d, "NOT" + at(e->span)); break;
            case SearchExpr::Kind::Compare:
                return line(d, "compare " + e->field + " " + op_name(e->op) + " " + values() + at(e->span));
            case SearchExpr::Kind::In: return line(d, "in " + e->field + " (" + values() + ")" + at(e->span));
            case SearchExpr::Kind::Term: return line(d, "term " + values() + at(e->span));
            case SearchExpr::Kind::TermFn: return line(d, e->field + "(" + values() + ")" + at(e->span));
            case SearchExpr::Kind::Subsearch:
                line(d, "subsearch" + at(e->span));
                return pipeline(*e->subsearch, d + 1);
        }
        for (auto& c : e->children) search(c.get(), d + 1);
    }

    void options(const std::vector<Option>& os, int d) {
        for (auto& o : os) line(d, "option " + o.key + "=" + (o.quoted ? q(o.value) : o.value));
    }
    void fields(const char* label, const std::vector<FieldName>& fs, int d) {
        if (fs.empty()) return;
        std::string s = label;
        for (auto& f : fs) s += " " + f.name;
        line(d, s);
    }
    static std::string span_text(const std::optional<TimeSpan>& t) {
        if (!t) return "";
        std::ostringstream s;
        s << t->count << t->unit;
        return s.str();
    }

    void pipeline(const Pipeline& p, int d) {
        line(d, std::string("pipeline") + (p.leading_pipe ? " (leading |)" : "") + at(p.span));
        for (auto& c : p.commands) command(c, d + 1);
    }

    void command(const Command& c, int d) {
        line(d, c.name + at(c.span));
        const int k = d + 1;
        std::visit(
            [&](auto& b) {
                using T = std::decay_t<decltype(b)>;
                if constexpr (std::is_same_v<T, SearchCmd>) search(b.expr.get(), k);
                else if constexpr (std::is_same_v<T, WhereCmd>) expr(b.expr.get(), k);
                else if constexpr (std::is_same_v<T, EvalCmd>) {
                    for (auto& a : b.assignments) {
                        line(k, a.field + " =");
                        expr(a.expr.get(), k + 1);
                    }
                } else if constexpr (std::is_same_v<T, StatsCmd>) {
                    options(b.options, k);
                    for (auto& a : b.aggregations) {
                        std::string s = "agg " + a.function;
                        if (a.percentile) s += " p=" + std::to_string(*a.percentile);
                        if (!a.field.empty()) s += " field=" + a.field;
                        s += " written=" + a.written;
                        if (!a.alias.empty()) s += " as " + a.alias;
                        line(k, s);
                        if (a.eval) expr(a.eval.get(), k + 1);
                    }
                    if (!b.datamodel.empty()) line(k, "datamodel " + b.datamodel);
                    if (b.where) {
                        line(k, "where");
                        search(b.where.get(), k + 1);
                    }
                    fields("by", b.by, k);
                    if (b.span) line(k, "span " + span_text(b.span));
                } else if constexpr (std::is_same_v<T, RenameCmd>) {
                    for (auto& p : b.pairs) line(k, p.from.name + " AS " + p.to.name);
                } else if constexpr (std::is_same_v<T, ConvertCmd>) {
                    options(b.options, k);
                    for (auto& cv : b.conversions)
                        line(k, cv.function + "(" + cv.field.name + ")" + (cv.alias.empty() ? "" : " as " + cv.alias));
                } else if constexpr (std::is_same_v<T, FieldsCmd>) {
                    options(b.options, k);
                    if (b.remove) line(k, "remove");
                    if (b.count) line(k, "count " + std::to_string(*b.count));
                    fields("fields", b.fields, k);
                    fields("sortby", b.sortby, k);
                } else if constexpr (std::is_same_v<T, SortCmd>) {
                    if (b.limit) line(k, "limit " + std::to_string(*b.limit));
                    for (auto& key : b.keys)
                        line(k, std::string(key.descending ? "-" : "+") + key.field + (key.as.empty() ? "" : " as " + key.as));
                    if (b.reverse) line(k, "reverse");
                } else if constexpr (std::is_same_v<T, HeadCmd>) {
                    if (b.count) line(k, "count " + std::to_string(*b.count));
                    options(b.options, k);
                    if (b.expr) expr(b.expr.get(), k);
                } else if constexpr (std::is_same_v<T, LookupCmd>) {
                    options(b.options, k);
                    line(k, "table " + b.table);
                    for (auto& m : b.inputs) line(k, "input " + m.field.name + " AS " + m.as.name);
                    if (!b.output_mode.empty()) line(k, b.output_mode);
                    for (auto& m : b.outputs) line(k, "output " + m.field.name + " AS " + m.as.name);
                } else if constexpr (std::is_same_v<T, LookupTableCmd>) {
                    options(b.options, k);
                    line(k, "table " + b.table);
                    if (b.where) {
                        line(k, "where");
                        search(b.where.get(), k + 1);
                    }
                } else if constexpr (std::is_same_v<T, RexCmd>) {
                    options(b.options, k);
                    line(k, "regex " + q(b.regex));
                } else if constexpr (std::is_same_v<T, RegexCmd>) {
                    line(k, (b.field.empty() ? std::string("_raw") : b.field) + (b.negate ? " != " : " = ") + q(b.regex));
                } else if constexpr (std::is_same_v<T, BinCmd>) {
                    options(b.options, k);
                    line(k, "field " + b.field.name + (b.alias.empty() ? "" : " as " + b.alias));
                    if (b.span) line(k, "span " + span_text(b.span));
                } else if constexpr (std::is_same_v<T, FillnullCmd>) {
                    line(k, "value " + q(b.value));
                    fields("fields", b.fields, k);
                } else if constexpr (std::is_same_v<T, ForeachCmd>) {
                    options(b.options, k);
                    fields("fields", b.fields, k);
                    if (b.body) pipeline(*b.body, k);
                } else if constexpr (std::is_same_v<T, SubsearchCmd>) {
                    options(b.options, k);
                    fields("fields", b.fields, k);
                    if (b.subsearch) pipeline(*b.subsearch, k);
                } else if constexpr (std::is_same_v<T, MapCmd>) {
                    options(b.options, k);
                } else if constexpr (std::is_same_v<T, TransactionCmd>) {
                    options(b.options, k);
                    fields("fields", b.fields, k);
                } else if constexpr (std::is_same_v<T, ReplaceCmd>) {
                    for (auto& p : b.pairs) line(k, q(p.from.text) + " WITH " + q(p.to.text));
                    fields("in", b.fields, k);
                } else if constexpr (std::is_same_v<T, TopCmd>) {
                    if (b.limit) line(k, "limit " + std::to_string(*b.limit));
                    options(b.options, k);
                    fields("fields", b.fields, k);
                    fields("by", b.by, k);
                } else if constexpr (std::is_same_v<T, GenericCmd>) {
                    for (auto& a : b.args) {
                        using AK = GenericCmd::Arg::Kind;
                        if (a.kind == AK::Option) line(k, "option " + a.text + "=" + a.value);
                        else if (a.kind == AK::Quoted) line(k, "quoted " + q(a.text));
                        else if (a.kind == AK::Subsearch && a.subsearch) pipeline(*a.subsearch, k);
                        else line(k, "word " + a.text);
                    }
                }
            },
            c.body);
    }
};

}  // namespace

std::string dump_ast(const ast::Pipeline& pipeline) {
    Dumper d;
    d.pipeline(pipeline, 0);
    return d.out.str();
}

}  // namespace minispl
