// Compiles an ast::Expr into an Evaluator::Node tree and implements the operators.
#include "minispl/eval/evaluator.hpp"

#include "minispl/core/ascii.hpp"
#include "node.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

namespace minispl {
namespace evalimpl {

std::string text_of(const Value& v) {
    switch (v.type()) {
        case Value::Type::Null: return {};
        case Value::Type::Multi: return v.multi_values().front();
        default: return v.to_string();
    }
}

std::optional<double> number_of(const Value& v) {
    if (v.is_null()) return std::nullopt;
    return v.as_number();
}

int compare_scalars(std::string_view a, const double* an, std::string_view b, const double* bn) {
    if (an && bn) return *an < *bn ? -1 : (*an > *bn ? 1 : 0);
    int c = a.compare(b);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

namespace {

bool op_holds(ast::BinaryOp op, int c) {
    switch (op) {
        case ast::BinaryOp::Eq: return c == 0;
        case ast::BinaryOp::Ne: return c != 0;
        case ast::BinaryOp::Lt: return c < 0;
        case ast::BinaryOp::Le: return c <= 0;
        case ast::BinaryOp::Gt: return c > 0;
        case ast::BinaryOp::Ge: return c >= 0;
        default: return false;
    }
}

//! One element of a value as text plus its numeric reading; formats numbers only when needed.
struct Scalar {
    std::string_view text;
    double num = 0;
    bool has_num = false;
    std::string owned;
    bool is_number_value = false;

    void set(const Value& v, size_t i) {
        is_number_value = false;
        if (v.is_multi()) {
            text = v.multi_values()[i];
            auto n = parse_number(text);
            has_num = n.has_value();
            num = n.value_or(0);
        } else if (v.is_string()) {
            text = v.str();
            auto n = parse_number(text);
            has_num = n.has_value();
            num = n.value_or(0);
        } else if (v.is_number()) {
            num = *v.as_number();
            has_num = true;
            is_number_value = true;
        } else {  // bool
            owned = v.to_string();
            text = owned;
            has_num = false;
        }
    }
    //! The text, formatting a Number value on demand.
    std::string_view str() {
        if (is_number_value && owned.empty()) {
            owned = format_number(num);
            text = owned;
        }
        return text;
    }
};

}  // namespace

Value compare_values(const Value& a, const Value& b, ast::BinaryOp op) {
    if (a.is_null() || b.is_null()) return Value();
    size_t na = a.mv_size(), nb = b.mv_size();
    Scalar sa, sb;
    for (size_t i = 0; i < na; ++i) {
        sa.set(a, i);
        for (size_t j = 0; j < nb; ++j) {
            sb.set(b, j);
            int c;
            if (sa.has_num && sb.has_num)
                c = compare_scalars({}, &sa.num, {}, &sb.num);
            else
                c = compare_scalars(sa.str(), nullptr, sb.str(), nullptr);
            if (op_holds(op, c)) return Value::boolean(true);
        }
    }
    return Value::boolean(false);
}

const Regex* regex_arg(const Node& n, size_t i, Env& env, std::unique_ptr<Regex>& holder) {
    if (n.regex) return n.regex.get();
    Value scratch;
    const Value& p = ref(n.args[i], env, scratch);
    if (p.is_null()) return nullptr;
    try {
        holder = std::make_unique<Regex>(text_of(p));
    } catch (const SplError&) {
        return nullptr;
    }
    return holder.get();
}

std::optional<size_t> first_match(const Value& v, const Regex& re) {
    if (v.is_string()) return re.search(v.str()) ? std::optional<size_t>(0) : std::nullopt;
    for (size_t i = 0; i < v.mv_size(); ++i)
        if (re.search(v.is_multi() ? v.multi_values()[i] : text_of(v))) return i;
    return std::nullopt;
}

void prepare_regex_arg1(Node& node, const ast::Expr& call) {
    if (node.args.size() < 2 || node.args[1].kind != Node::Kind::Const) return;
    try {
        node.regex = std::make_unique<Regex>(text_of(node.args[1].constant));
    } catch (SplError& e) {
        e.diagnostic().message = node.name + "(): " + e.diagnostic().message;
        e.diagnostic().offset = call.args[1]->span.begin;
        e.diagnostic().length = std::max<uint32_t>(1, call.args[1]->span.end - call.args[1]->span.begin);
        throw;
    }
}

namespace {

// ---- operators ----------------------------------------------------------------------------

Value op_or(const Node& n, Env& env) {
    Value s1, s2;
    const Value& a = ref(n.args[0], env, s1);
    if (truthy(a)) return Value::boolean(true);
    const Value& b = ref(n.args[1], env, s2);
    if (truthy(b)) return Value::boolean(true);
    if (a.is_null() || b.is_null()) return Value();
    return Value::boolean(false);
}

Value op_and(const Node& n, Env& env) {
    Value s1, s2;
    const Value& a = ref(n.args[0], env, s1);
    if (!a.is_null() && !truthy(a)) return Value::boolean(false);
    const Value& b = ref(n.args[1], env, s2);
    if (!b.is_null() && !truthy(b)) return Value::boolean(false);
    if (a.is_null() || b.is_null()) return Value();
    return Value::boolean(true);
}

Value op_xor(const Node& n, Env& env) {
    Value s1, s2;
    const Value& a = ref(n.args[0], env, s1);
    const Value& b = ref(n.args[1], env, s2);
    if (a.is_null() || b.is_null()) return Value();
    return Value::boolean(truthy(a) != truthy(b));
}

Value op_not(const Node& n, Env& env) {
    Value s;
    const Value& a = ref(n.args[0], env, s);
    if (a.is_null()) return Value();
    return Value::boolean(!truthy(a));
}

Value op_compare(const Node& n, Env& env) {
    Value s1, s2;
    const Value& a = ref(n.args[0], env, s1);
    const Value& b = ref(n.args[1], env, s2);
    return compare_values(a, b, n.op);
}

//! Arithmetic operands: numbers only, single values only.
bool numeric_pair(const Value& a, const Value& b, double& x, double& y) {
    if (a.is_null() || b.is_null() || a.is_multi() || b.is_multi()) return false;
    auto nx = a.as_number(), ny = b.as_number();
    if (!nx || !ny || a.is_bool() || b.is_bool()) return false;
    x = *nx;
    y = *ny;
    return true;
}

Value op_arith(const Node& n, Env& env) {
    Value s1, s2;
    const Value& a = ref(n.args[0], env, s1);
    const Value& b = ref(n.args[1], env, s2);
    double x, y;
    if (!numeric_pair(a, b, x, y)) {
        // `+` joins two strings; everything else on non-numbers is null.
        if (n.op == ast::BinaryOp::Add && a.is_string() && b.is_string()) return Value::string(a.str() + b.str());
        return Value();
    }
    switch (n.op) {
        case ast::BinaryOp::Add: return Value::number(x + y);
        case ast::BinaryOp::Sub: return Value::number(x - y);
        case ast::BinaryOp::Mul: return Value::number(x * y);
        case ast::BinaryOp::Div: return y == 0 ? Value() : Value::number(x / y);
        case ast::BinaryOp::Mod: return y == 0 ? Value() : Value::number(std::fmod(x, y));
        default: return Value();
    }
}

Value op_concat(const Node& n, Env& env) {
    Value s1, s2;
    const Value& a = ref(n.args[0], env, s1);
    const Value& b = ref(n.args[1], env, s2);
    if (a.is_null() || b.is_null()) return Value();
    std::string out = a.is_string() ? a.str() : text_of(a);
    out += b.is_string() ? b.str() : text_of(b);
    return Value::string(std::move(out));
}

Value op_negate(const Node& n, Env& env) {
    Value s;
    const Value& a = ref(n.args[0], env, s);
    if (a.is_null() || a.is_multi() || a.is_bool()) return Value();
    auto x = a.as_number();
    return x ? Value::number(-*x) : Value();
}

//! x IN (a, b, ...): true when x equals any listed value (any element of a multivalue x).
Value op_in(const Node& n, Env& env) {
    Value s1, s2;
    const Value& a = ref(n.args[0], env, s1);
    if (a.is_null()) return Value();
    for (size_t i = 1; i < n.args.size(); ++i) {
        const Value& b = ref(n.args[i], env, s2);
        if (truthy(compare_values(a, b, ast::BinaryOp::Eq))) return Value::boolean(true);
    }
    return Value::boolean(false);
}

// ---- compilation --------------------------------------------------------------------------

const std::vector<FunctionDef>& registry() {
    static const std::vector<FunctionDef> defs = [] {
        std::vector<FunctionDef> d;
        add_condition_functions(d);
        add_string_functions(d);
        add_multivalue_functions(d);
        add_math_functions(d);
        add_time_functions(d);
        add_hash_functions(d);
        return d;
    }();
    return defs;
}

Node compile(const ast::Expr& e);

Node make_op(const ast::Expr& e, Node::Fn fn, const char* name) {
    Node n;
    n.kind = Node::Kind::Op;
    n.fn = fn;
    n.name = name;
    n.op = e.op;
    n.offset = e.span.begin;
    for (const auto& a : e.args) n.args.push_back(compile(*a));
    return n;
}

uint32_t span_len(const ast::Span& s) { return std::max<uint32_t>(1, s.end > s.begin ? s.end - s.begin : 1); }

Node compile(const ast::Expr& e) {
    Node n;
    n.offset = e.span.begin;
    switch (e.kind) {
        case ast::Expr::Kind::String:
            n.kind = Node::Kind::Const;
            n.constant = Value::string(e.text);
            return n;
        case ast::Expr::Kind::Number:
            n.kind = Node::Kind::Const;
            n.constant = Value::number(e.number);
            return n;
        case ast::Expr::Kind::Bool:
            n.kind = Node::Kind::Const;
            n.constant = Value::boolean(e.text.empty() ? e.number != 0 : lower(e.text) == "true");
            return n;
        case ast::Expr::Kind::Field:
            n.kind = Node::Kind::Field;
            n.name = e.text;
            return n;
        case ast::Expr::Kind::Not: return make_op(e, op_not, "NOT");
        case ast::Expr::Kind::Negate: return make_op(e, op_negate, "-");
        case ast::Expr::Kind::In: return make_op(e, op_in, "IN");
        case ast::Expr::Kind::Binary:
            switch (e.op) {
                case ast::BinaryOp::Or: return make_op(e, op_or, "OR");
                case ast::BinaryOp::And: return make_op(e, op_and, "AND");
                case ast::BinaryOp::Xor: return make_op(e, op_xor, "XOR");
                case ast::BinaryOp::Eq:
                case ast::BinaryOp::Ne:
                case ast::BinaryOp::Lt:
                case ast::BinaryOp::Le:
                case ast::BinaryOp::Gt:
                case ast::BinaryOp::Ge: return make_op(e, op_compare, "compare");
                case ast::BinaryOp::Like: return make_op(e, fn_like, "LIKE");
                case ast::BinaryOp::Concat: return make_op(e, op_concat, ".");
                default: return make_op(e, op_arith, "arith");
            }
        case ast::Expr::Kind::Call: {
            std::string name = lower(e.text);
            const FunctionDef* def = find_function(name);
            if (!def) {
                if (name == "searchmatch")
                    throw SplError("unsupported-function",
                                   "searchmatch() is not supported by minispl (use `search` or match())",
                                   e.span.begin, span_len(e.span));
                throw SplError("unknown-function", "unknown eval function '" + e.text + "'", e.span.begin,
                               span_len(e.span));
            }
            int argc = static_cast<int>(e.args.size());
            if (argc < def->min_args || (def->max_args >= 0 && argc > def->max_args)) {
                std::string want = def->max_args < 0 ? "at least " + std::to_string(def->min_args)
                                   : def->min_args == def->max_args
                                       ? std::to_string(def->min_args)
                                       : std::to_string(def->min_args) + " to " + std::to_string(def->max_args);
                throw SplError("function-arity",
                               name + "() takes " + want + " argument" + (want == "1" ? "" : "s") + ", got " +
                                   std::to_string(argc),
                               e.span.begin, span_len(e.span));
            }
            Node c = make_op(e, def->fn, def->name);
            if (def->prepare) def->prepare(c, e);
            return c;
        }
    }
    throw SplError("internal", "unknown expression node", e.span.begin);
}

double wall_clock() {
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count() / 1e6;
}

}  // namespace

const FunctionDef* find_function(std::string_view lower_name) {
    for (const auto& d : registry())
        if (lower_name == d.name) return &d;
    return nullptr;
}

}  // namespace evalimpl

Evaluator::Evaluator(const ast::Expr& expr, EvalContext ctx)
    : root_(std::make_unique<Node>(evalimpl::compile(expr))),
      now_(ctx.now != 0 ? ctx.now : std::floor(evalimpl::wall_clock())) {}
Evaluator::~Evaluator() = default;
Evaluator::Evaluator(Evaluator&&) noexcept = default;
Evaluator& Evaluator::operator=(Evaluator&&) noexcept = default;

Value Evaluator::operator()(const Event& event) const {
    evalimpl::Env env{event, now_, {}, nullptr};
    return evalimpl::eval(*root_, env);
}

bool Evaluator::test(const Event& event) const {
    evalimpl::Env env{event, now_, {}, nullptr};
    Value scratch;
    return evalimpl::truthy(evalimpl::ref(*root_, env, scratch));
}

bool Evaluator::yields_boolean() const {
    const Node& n = *root_;
    if (n.kind == Node::Kind::Const) return n.constant.is_bool();
    if (n.kind != Node::Kind::Op) return false;
    static const char* const boolean_ops[] = {"NOT", "IN", "OR", "AND", "XOR", "compare", "LIKE"};
    for (const char* b : boolean_ops)
        if (n.name == b) return true;
    const evalimpl::FunctionDef* def = evalimpl::find_function(n.name);
    return def && def->yields == evalimpl::FunctionDef::Yields::Boolean;
}

bool is_eval_function(std::string_view name) {
    return evalimpl::find_function(lower(name)) != nullptr;
}

bool eval_function_reads_only_arguments(std::string_view name) {
    const evalimpl::FunctionDef* def = evalimpl::find_function(lower(name));
    return def && !def->reads_other_fields;
}

}  // namespace minispl
