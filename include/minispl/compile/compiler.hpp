#pragma once
// Turns a parsed pipeline into a chain of operators.
#include "minispl/compile/command_spec.hpp"
#include "minispl/compile/input_plan.hpp"
#include "minispl/core/event.hpp"
#include "minispl/macros/macro_table.hpp"
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/ops/subpipeline.hpp"
#include "minispl/parse/ast.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace minispl {

//! Runs a subsearch (or a join/append body) to completion and returns its result rows.
using SubsearchRunner = std::function<std::vector<Event>(const ast::Pipeline&)>;

struct CompileContext {
    OpContext op;
    SubsearchRunner run_subsearch;    //!< needed only by pipelines with subsearches (and join/append)
    //! map expands macros in its search text when it runs: the job's table and filter macro.
    const MacroTable* macros = nullptr;
    std::string filter_macro;
    //! A command already applied while the events were read (the leading search, tested on the
    //! reading threads): compile_pipeline leaves it out.
    const ast::Command* done_while_reading = nullptr;
};

//! A compiled pipeline: the operators in order, the last one feeding `sink`.
class CompiledPipeline {
public:
    //! Where events enter.
    Operator& head() { return ops_.empty() ? static_cast<Operator&>(sink) : *ops_.front(); }
    //! Signals the end of the input; results are then in `sink.rows`.
    void finish() { head().finish(); }
    //! True when the results are events (no transforming command such as stats ran).
    bool returns_events = true;
    CollectSink sink;

    void append(std::unique_ptr<Operator> op);

private:
    std::vector<std::unique_ptr<Operator>> ops_;
};

//! A search ready to run: how to read its input, and the operators the events then go through.
struct CompiledSearch {
    InputPlan input;
    std::unique_ptr<CompiledPipeline> pipeline;  //!< without the leading search the reader applies
};

//! Plans the input (plan_input) and compiles the rest: the runner only executes the plan and
//! pushes the events into `pipeline->head()`. Throws as compile_pipeline.
CompiledSearch compile_search(const ast::Pipeline& pipeline, const CompileContext& ctx, const InputOptions& input);

//! Compiles `pipeline`. Throws SplError: "unsupported" (`not supported: <command>`, with the
//! command's span) for a command the engine does not implement, or an operator's own error.
std::unique_ptr<CompiledPipeline> compile_pipeline(const ast::Pipeline& pipeline, const CompileContext& ctx);

//! Runs `pipeline` over `rows` instead of the inputs (appendpipe, foreach); returns its output.
std::vector<Event> run_pipeline_over(const ast::Pipeline& pipeline, std::vector<Event> rows, const CompileContext& ctx);
//! Parses `spl` (no macros: they are expanded already) and runs it over `rows`.
std::vector<Event> run_text_over(const std::string& spl, std::vector<Event> rows, const CompileContext& ctx);

//! The first command in `pipeline` (subsearches included) the engine cannot run, with its span:
//! a command it does not implement, or a stats-family aggregation over a field wildcard
//! (`stats values(*)`, reported as "stats values(*)"); empty name when everything is supported.
struct Unsupported { std::string command; ast::Span span; };
Unsupported find_unsupported(const ast::Pipeline& pipeline);

//! The search expression holds a subsearch (`[ ... ]`), which the compiler runs and substitutes.
bool has_subsearch(const ast::SearchExpr* expr);

//! Turns subsearch results into a search expression, as Splunk's `format` does:
//! (f1="a" AND f2="b") OR (...). No rows gives an expression that matches nothing.
ast::SearchExprPtr format_subsearch_results(const std::vector<Event>& rows);

}  // namespace minispl
