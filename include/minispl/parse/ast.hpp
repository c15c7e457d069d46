#pragma once
// The typed syntax tree of an SPL search, produced by parse/parser.hpp from grammar/spl.hpp.
// Offsets (Span) point into the text that was parsed: the macro-expanded search. The macro
// source map (macros/source_map.hpp) turns them back into positions in the rule's YAML.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace minispl::ast {

//! A byte range [begin, end) in the parsed text.
struct Span {
    uint32_t begin = 0;
    uint32_t end = 0;
};

struct Pipeline;
using PipelinePtr = std::unique_ptr<Pipeline>;

// ---------------------------------------------------------------------------------------------
// Eval expressions (eval, where, fn(eval(...)), foreach bodies, ...)

enum class BinaryOp {
    Or, Xor, And,                   // logical (lowest precedence first)
    Eq, Ne, Lt, Le, Gt, Ge,         // comparison; `=` and `==` are both Eq
    Like,                           // x LIKE "pattern"
    Add, Sub, Concat,               // + - .
    Mul, Div, Mod,                  // * / %
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

//! One eval expression node.
struct Expr {
    enum class Kind {
        String,   //!< "text" literal: `text` holds the unescaped value
        Number,   //!< numeric literal: `text` holds its source text, `number` its value
        Bool,     //!< true / false keywords (as `true()` also exists as a call)
        Field,    //!< a bare word or 'single quoted' name: `text` is the field name
        Call,     //!< function call: `text` is the name lower-cased, `args` its arguments
        Not,      //!< NOT / ! : args[0]
        Negate,   //!< unary minus: args[0]
        Binary,   //!< `op` over args[0], args[1]
        In,       //!< args[0] IN (args[1..])
    };
    Kind kind = Kind::String;
    Span span;
    std::string text;
    double number = 0;
    BinaryOp op = BinaryOp::Eq;
    std::vector<ExprPtr> args;
};

// ---------------------------------------------------------------------------------------------
// Search expressions (search command, implicit leading search, tstats where, subsearch results)

//! A value on the right of `field=` or a bare term: its text (quotes removed, escapes resolved)
//! and whether it was quoted. `*` stays in the text as the wildcard.
struct SearchValue {
    std::string text;
    bool quoted = false;
    Span span;
};

struct SearchExpr;
using SearchExprPtr = std::unique_ptr<SearchExpr>;

enum class CompareOp { Eq, Ne, Lt, Le, Gt, Ge };

//! One node of a search expression.
struct SearchExpr {
    enum class Kind {
        And,        //!< children, all must match (implicit AND and explicit AND)
        Or,         //!< children, any
        Not,        //!< children[0]
        Compare,    //!< field op value   (field may be quoted in the source: "Search Name"=x)
        In,         //!< field IN (values)
        Term,       //!< a bare word or quoted phrase matched against _raw
        Subsearch,  //!< [ pipeline ]: its results become an expression when run
        TermFn,     //!< TERM(x) / CASE(x): `field` holds "TERM" or "CASE", values[0] the text
    };
    Kind kind = Kind::And;
    Span span;
    std::vector<SearchExprPtr> children;
    std::string field;
    CompareOp op = CompareOp::Eq;
    std::vector<SearchValue> values;  //!< Compare: one; In: the list; Term: one
    PipelinePtr subsearch;
};

// ---------------------------------------------------------------------------------------------
// Pieces shared by several commands

//! `key=value` option of a command (span=5m, max_match=0, type=left, timeformat="%Y", ...).
struct Option {
    std::string key;      //!< as written (commands compare case-insensitively)
    std::string value;    //!< unquoted text
    bool quoted = false;
    Span span;            //!< the whole key=value
    Span value_span;
};

//! A field name as written in a field list (may contain `*` wildcards); quotes removed.
struct FieldName {
    std::string name;
    Span span;
};

//! A time span such as 5m, 1h, 30s, 1d, 2w, 1mon, or a plain number for numeric bins.
struct TimeSpan {
    double count = 0;
    std::string unit;  //!< normalised: "s", "m", "h", "d", "w", "mon", "y", "ms", "us", or "" (number)
    Span span;
};

//! One aggregation: `count`, `dc(x) as y`, `values(eval(...))`, `p95(x)`, `perc95(x)`.
struct Aggregation {
    std::string function;       //!< lower-cased canonical name: count, dc, values, p, ...
    std::string written;        //!< the call as written, the default output name ("dc(eventName)")
    std::optional<double> percentile;  //!< for pNN / percNN / exactpercNN / upperpercNN
    std::string field;          //!< argument field (may be wildcard); empty for bare `count`
    ExprPtr eval;               //!< for fn(eval(expr))
    std::string alias;          //!< `as` name, empty when none
    Span span;
};

// ---------------------------------------------------------------------------------------------
// Commands: one struct each. `Command::name` is the command as written (lower-cased).

//! search <expr> — also the implicit first command.
struct SearchCmd { SearchExprPtr expr; /*!< null: match everything */ };
//! where <expr>
struct WhereCmd { ExprPtr expr; };
//! eval a=expr, b=expr
struct EvalCmd {
    struct Assignment { std::string field; ExprPtr expr; Span span; };
    std::vector<Assignment> assignments;
};
//! stats / eventstats / streamstats / chart / timechart / tstats / mstats:
//! options, aggregations, `by` fields; tstats/mstats add `from datamodel=`, `where`, span.
struct StatsCmd {
    std::vector<Option> options;
    std::vector<Aggregation> aggregations;
    std::vector<FieldName> by;
    std::optional<TimeSpan> span;        //!< `span=` (tstats/timechart), after `by` or among options
    std::string datamodel;               //!< tstats `from datamodel=X.Y`
    Span datamodel_span;                 //!< where X.Y is written
    SearchExprPtr where;                 //!< tstats/mstats `where ...`
};
//! rename a AS b, "x.*" AS *
struct RenameCmd {
    struct Pair { FieldName from; FieldName to; };
    std::vector<Pair> pairs;
};
//! convert [timeformat=...] fn(field) [as alias] ...
struct ConvertCmd {
    struct Conversion { std::string function; FieldName field; std::string alias; Span span; };
    std::vector<Option> options;
    std::vector<Conversion> conversions;
};
//! table / fields [+|-] / dedup / mvcombine / xmlkv / ... field lists with options.
struct FieldsCmd {
    std::vector<Option> options;
    bool remove = false;                 //!< `fields - a b`
    std::vector<FieldName> fields;
    std::optional<int64_t> count;        //!< dedup N
    std::vector<FieldName> sortby;       //!< dedup ... sortby -x (names keep their +/- prefix)
};
//! sort [N] [-|+]field [num(x)|str(x)|ip(x)|auto(x)] ...
struct SortCmd {
    struct Key { std::string field; bool descending = false; std::string as; Span span; };
    std::optional<int64_t> limit;
    std::vector<Key> keys;
    bool reverse = false;  //!< trailing `desc` / `d`
};
//! head / tail [N] [options]; head also takes an eval expression.
struct HeadCmd {
    std::optional<int64_t> count;
    std::vector<Option> options;
    ExprPtr expr;
};
//! lookup [options] table in_field [AS local] ... [OUTPUT|OUTPUTNEW out [AS local] ...]
struct LookupCmd {
    struct Mapping { FieldName field; FieldName as; };
    std::vector<Option> options;
    std::string table;
    Span table_span;
    std::vector<Mapping> inputs;
    std::string output_mode;             //!< "", "OUTPUT" or "OUTPUTNEW"
    std::vector<Mapping> outputs;
};
//! inputlookup / outputlookup [options] table [where <search expr>]
struct LookupTableCmd {
    std::vector<Option> options;
    std::string table;
    Span table_span;
    SearchExprPtr where;
};
//! rex [field=f] [max_match=N] [mode=sed] "regex"
struct RexCmd {
    std::vector<Option> options;
    std::string regex;
    Span regex_span;
};
//! regex field="re" / field!="re" / "re"
struct RegexCmd {
    std::string field;                   //!< empty: _raw
    bool negate = false;
    std::string regex;
    Span regex_span;
};
//! bin / bucket field [as alias] span=... | bins=...
struct BinCmd {
    std::vector<Option> options;
    FieldName field;
    std::string alias;
    std::optional<TimeSpan> span;
};
//! fillnull [value=V] [fields]
struct FillnullCmd {
    std::string value = "0";
    std::vector<FieldName> fields;
};
//! foreach fields [options] [ subpipeline with <<FIELD>> templates ]
//! The body is kept as text too: <<FIELD>> substitution happens before it is parsed per field.
struct ForeachCmd {
    std::vector<Option> options;
    std::vector<FieldName> fields;
    std::string body_text;
    Span body_span;
    PipelinePtr body;                    //!< parsed template (with <<FIELD>> left as field names)
};
//! join / append / appendpipe / appendcols [options] [fields] [ subsearch ]
struct SubsearchCmd {
    std::vector<Option> options;
    std::vector<FieldName> fields;
    PipelinePtr subsearch;
};
//! map search="..." [maxsearches=N]: the search stays text; macros expand when map runs.
struct MapCmd {
    std::vector<Option> options;
    std::string search;
    Span search_span;
};
//! transaction [fields] [startswith=... endswith=... maxspan=... ...]
struct TransactionCmd {
    std::vector<Option> options;
    std::vector<FieldName> fields;
};
//! replace "a" WITH "b" [, ...] [IN fields]
struct ReplaceCmd {
    struct Pair { SearchValue from; SearchValue to; };
    std::vector<Pair> pairs;
    std::vector<FieldName> fields;
};
//! top / rare [N] [options] fields [by fields]
struct TopCmd {
    std::optional<int64_t> limit;
    std::vector<Option> options;
    std::vector<FieldName> fields;
    std::vector<FieldName> by;
};
//! Every other command: options, plain words/quoted args and subsearches in order.
//! Used for commands the engine only needs to recognise (apply, outlier, cyberchef, ...).
struct GenericCmd {
    struct Arg {
        enum class Kind { Word, Quoted, Option, Subsearch, Call } kind = Kind::Word;
        std::string text;     //!< word/quoted text, option key, or call name
        std::string value;    //!< option value
        Span span;
        PipelinePtr subsearch;
        ExprPtr call;         //!< fn(...) arguments parsed as an eval call
    };
    std::vector<Arg> args;
};

using CommandBody = std::variant<SearchCmd, WhereCmd, EvalCmd, StatsCmd, RenameCmd, ConvertCmd,
                                 FieldsCmd, SortCmd, HeadCmd, LookupCmd, LookupTableCmd, RexCmd,
                                 RegexCmd, BinCmd, FillnullCmd, ForeachCmd, SubsearchCmd, MapCmd,
                                 TransactionCmd, ReplaceCmd, TopCmd, GenericCmd>;

//! One stage of a pipeline.
struct Command {
    std::string name;      //!< lower-cased command name ("search" for the implicit one)
    Span span;             //!< the whole stage
    Span name_span;        //!< the command word (empty span for the implicit search)
    CommandBody body;
};

//! A pipeline: `search ... | cmd ... | cmd ...`, or the body of a subsearch.
struct Pipeline {
    std::vector<Command> commands;
    Span span;
    bool leading_pipe = false;  //!< the text started with `|` (a generating command first)
};

}  // namespace minispl::ast
