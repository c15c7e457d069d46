// Runs a pipeline over rows already in memory (appendpipe, foreach bodies) rather than over
// the job's inputs.
#include "minispl/compile/compiler.hpp"

#include "minispl/parse/parser.hpp"

namespace minispl {

std::vector<Event> run_pipeline_over(const ast::Pipeline& pipeline, std::vector<Event> rows, const CompileContext& ctx) {
    auto compiled = compile_pipeline(pipeline, ctx);
    for (auto& row : rows) compiled->head().push(std::move(row));
    compiled->finish();
    return std::move(compiled->sink.rows);
}

std::vector<Event> run_text_over(const std::string& spl, std::vector<Event> rows, const CompileContext& ctx) {
    auto pipeline = parse_search(spl);
    return run_pipeline_over(*pipeline, std::move(rows), ctx);
}

}  // namespace minispl
