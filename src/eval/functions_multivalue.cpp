// Multivalue functions: mvindex, mvcount, mvappend, mvjoin, mvfind, mvfilter, mvdedup, mvzip,
// mvmap, mvsort, mvrange, split.
#include "node.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace minispl::evalimpl {
namespace {

Value fn_mvcount(const Node& n, Env& env) {
    Value s;
    const Value& v = ref(n.args[0], env, s);
    if (v.is_null()) return Value();
    return Value::number(static_cast<double>(v.mv_size()));
}

//! mvindex(mv, start [, end]): 0-based, negative from the end, `end` inclusive; null out of range.
Value fn_mvindex(const Node& n, Env& env) {
    Value s1, s2, s3;
    const Value& v = ref(n.args[0], env, s1);
    auto start = number_of(ref(n.args[1], env, s2));
    if (v.is_null() || !start) return Value();
    long long size = static_cast<long long>(v.mv_size());
    long long b = static_cast<long long>(*start);
    if (b < 0) b += size;
    if (b < 0 || b >= size) return Value();
    if (n.args.size() < 3) return v.is_multi() ? Value::string(v.multi_values()[b]) : v;
    auto end = number_of(ref(n.args[2], env, s3));
    if (!end) return Value();
    long long e = static_cast<long long>(*end);
    if (e < 0) e += size;
    if (e >= size) e = size - 1;
    if (e < b) return Value();
    if (!v.is_multi()) return v;
    return Value::multi(std::vector<std::string>(v.multi_values().begin() + b, v.multi_values().begin() + e + 1));
}

//! Appends every value of `v` (none for null) to `out`, as text.
void append_values(std::vector<std::string>& out, const Value& v) {
    if (v.is_multi())
        out.insert(out.end(), v.multi_values().begin(), v.multi_values().end());
    else if (!v.is_null())
        out.push_back(v.to_string());
}

//! mvappend(a, b, ...): all values of all arguments in order; nulls are skipped.
Value fn_mvappend(const Node& n, Env& env) {
    std::vector<std::string> out;
    Value s;
    for (const auto& a : n.args) append_values(out, ref(a, env, s));
    return Value::multi(std::move(out));
}

Value fn_mvjoin(const Node& n, Env& env) {
    Value s1, s2;
    const Value& v = ref(n.args[0], env, s1);
    const Value& d = ref(n.args[1], env, s2);
    if (v.is_null() || d.is_null()) return Value();
    if (!v.is_multi()) return Value::string(v.to_string());
    std::string delim = text_of(d), out;
    for (size_t i = 0; i < v.multi_values().size(); ++i) {
        if (i) out += delim;
        out += v.multi_values()[i];
    }
    return Value::string(std::move(out));
}

//! mvfind(mv, regex): the 0-based index of the first value matching, else null.
Value fn_mvfind(const Node& n, Env& env) {
    Value s;
    const Value& v = ref(n.args[0], env, s);
    if (v.is_null()) return Value();
    std::unique_ptr<Regex> holder;
    const Regex* re = regex_arg(n, 1, env, holder);
    if (!re) return Value();
    const std::optional<size_t> i = first_match(v, *re);
    return i ? Value::number(static_cast<double>(*i)) : Value();
}

//! The first field an expression reads: the field mvfilter() iterates over.
const Node* first_field(const Node& n) {
    if (n.kind == Node::Kind::Field) return &n;
    for (const auto& a : n.args)
        if (const Node* f = first_field(a)) return f;
    return nullptr;
}

void prepare_mvfilter(Node& node, const ast::Expr& call) {
    const Node* f = first_field(node.args[0]);
    if (!f)
        throw SplError("function-arity", "mvfilter() needs an expression that reads a field", call.span.begin,
                       std::max<uint32_t>(1, call.span.end - call.span.begin));
    node.bound = f->name;
}

//! mvfilter(expr): the values of the field named in expr for which expr is true.
Value fn_mvfilter(const Node& n, Env& env) {
    const Value& values = lookup(env, n.bound);
    if (values.is_null()) return Value();
    std::vector<std::string> out;
    for_each_bound(n.args[0], env, n.bound, values, [&](size_t i, const Value& r) {
        if (truthy(r)) out.push_back(values.mv_at(i));
    });
    return Value::multi(std::move(out));
}

void prepare_mvmap(Node& node, const ast::Expr& call) {
    if (node.args[0].kind == Node::Kind::Field) node.bound = node.args[0].name;
}

//! mvmap(mv, expr): expr evaluated with the field `mv` bound to each value in turn.
Value fn_mvmap(const Node& n, Env& env) {
    Value s;
    const Value& values = ref(n.args[0], env, s);
    if (values.is_null()) return Value();
    std::vector<std::string> out;
    for_each_bound(n.args[1], env, n.bound, values, [&](size_t, const Value& r) { append_values(out, r); });
    return Value::multi(std::move(out));
}

//! mvdedup: duplicates removed, first occurrences kept in order.
Value fn_mvdedup(const Node& n, Env& env) {
    Value s;
    const Value& v = ref(n.args[0], env, s);
    if (!v.is_multi()) return v;
    std::vector<std::string> out;
    std::unordered_set<std::string_view> seen;
    for (const auto& x : v.multi_values())
        if (seen.insert(x).second) out.push_back(x);
    return Value::multi(std::move(out));
}

//! mvsort: lexicographic (byte) order, numbers included.
Value fn_mvsort(const Node& n, Env& env) {
    Value v = eval(n.args[0], env);
    if (!v.is_multi()) return v;
    std::vector<std::string> out = v.multi_values();
    std::sort(out.begin(), out.end());
    return Value::multi(std::move(out));
}

//! mvzip(a, b [, delim]): pairs values "a1,b1" up to the shorter list.
Value fn_mvzip(const Node& n, Env& env) {
    Value s1, s2, s3;
    const Value& a = ref(n.args[0], env, s1);
    const Value& b = ref(n.args[1], env, s2);
    if (a.is_null() || b.is_null()) return Value();
    std::string delim = ",";
    if (n.args.size() > 2) {
        const Value& d = ref(n.args[2], env, s3);
        if (d.is_null()) return Value();
        delim = text_of(d);
    }
    size_t len = std::min(a.mv_size(), b.mv_size());
    std::vector<std::string> out;
    out.reserve(len);
    for (size_t i = 0; i < len; ++i) out.push_back(a.mv_at(i) + delim + b.mv_at(i));
    return Value::multi(std::move(out));
}

//! mvrange(start, end [, step]): numbers from start up to (not including) end.
Value fn_mvrange(const Node& n, Env& env) {
    Value s1, s2, s3;
    auto b = number_of(ref(n.args[0], env, s1));
    auto e = number_of(ref(n.args[1], env, s2));
    double step = 1;
    if (n.args.size() > 2) {
        auto st = number_of(ref(n.args[2], env, s3));
        if (!st) return Value();
        step = *st;
    }
    if (!b || !e || step == 0 || (step > 0) != (*e >= *b)) return Value();
    std::vector<std::string> out;
    for (double x = *b; step > 0 ? x < *e : x > *e; x += step) {
        out.push_back(format_number(x));
        if (out.size() > 1000000) break;
    }
    return Value::multi(std::move(out));
}

//! split(X, delim): the pieces as a multivalue; an empty delimiter splits into characters.
Value fn_split(const Node& n, Env& env) {
    Value s1, s2;
    const Value& v = ref(n.args[0], env, s1);
    const Value& d = ref(n.args[1], env, s2);
    if (v.is_null() || d.is_null()) return Value();
    std::string t = text_of(v), delim = text_of(d);
    std::vector<std::string> out;
    if (delim.empty()) {
        for (size_t i = 0; i < t.size();) {
            unsigned char c = static_cast<unsigned char>(t[i]);
            size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
            len = std::min(len, t.size() - i);
            out.push_back(t.substr(i, len));
            i += len;
        }
        return Value::multi(std::move(out));
    }
    size_t pos = 0;
    for (;;) {
        size_t f = t.find(delim, pos);
        if (f == std::string::npos) {
            out.push_back(t.substr(pos));
            break;
        }
        out.push_back(t.substr(pos, f - pos));
        pos = f + delim.size();
    }
    if (out.size() == 1) return Value::string(std::move(out[0]));
    Value r = Value::multi(std::move(out));
    return r;
}

}  // namespace

void add_multivalue_functions(std::vector<FunctionDef>& out) {
    out.push_back({"mvcount", 1, 1, fn_mvcount});
    out.push_back({"mvindex", 2, 3, fn_mvindex});
    out.push_back({"mvappend", 1, -1, fn_mvappend});
    out.push_back({"mvjoin", 2, 2, fn_mvjoin});
    out.push_back({"mvfind", 2, 2, fn_mvfind, prepare_regex_arg1});
    out.push_back({"mvfilter", 1, 1, fn_mvfilter, prepare_mvfilter});
    out.push_back({"mvmap", 2, 2, fn_mvmap, prepare_mvmap});
    out.push_back({"mvdedup", 1, 1, fn_mvdedup});
    out.push_back({"mvsort", 1, 1, fn_mvsort});
    out.push_back({"mvzip", 2, 3, fn_mvzip});
    out.push_back({"mvrange", 2, 3, fn_mvrange});
    out.push_back({"split", 2, 2, fn_split});
}

}  // namespace minispl::evalimpl
