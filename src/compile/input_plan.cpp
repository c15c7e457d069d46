// The input-reading plan: field projection, the raw-text prefilter, the leading search.
#include "minispl/compile/input_plan.hpp"

#include "minispl/compile/compiler.hpp"

#include <string_view>

namespace minispl {

InputPlan plan_input(const ast::Pipeline& pipeline, const InputOptions& options) {
    InputPlan plan;
    plan.reads_events = reads_input_events(pipeline);
    plan.usage = options.field_projection ? input_fields_read(pipeline) : FieldUsage{};
    if (!pipeline.commands.empty() && pipeline.commands.front().name == "search") {
        const ast::Command& first = pipeline.commands.front();
        const auto* s = std::get_if<ast::SearchCmd>(&first.body);
        // A subsearch is run and substituted by the compiler: that search stays in the pipeline.
        if (s && s->expr && !has_subsearch(s->expr.get())) plan.leading_search = &first;
    }
    if (!options.raw_prefilter) return plan;
    // Terms on fields the sourcetypes do not define (and not metadata) can be looked for in the raw text.
    static const std::set<std::string_view> metadata = {"source", "sourcetype", "host", "index", "splunk_server",
                                                        "eventtype", "tag", "linecount", "punct", "timestartpos",
                                                        "timeendpos"};
    auto in_raw_text = [&](std::string_view f) {
        if (f.empty() || f[0] == '_' || f.substr(0, 5) == "date_" || f.substr(0, 5) == "tag::") return false;
        return !metadata.count(f) && !options.derived_fields.count(f);
    };
    plan.prefilter = RawPrefilter::derive(pipeline, in_raw_text);
    plan.per_event_prefilter = RawPrefilter::derive(
        pipeline, [&](std::string_view f) { return in_raw_text(f) && !options.per_event_derived_fields.count(f); });
    return plan;
}

InputPlan time_only_input() {
    InputPlan plan;
    plan.usage.all = false;
    plan.usage.names = {"_time"};
    return plan;
}

CompiledSearch compile_search(const ast::Pipeline& pipeline, const CompileContext& ctx, const InputOptions& input) {
    CompiledSearch out;
    out.input = plan_input(pipeline, input);
    CompileContext rest = ctx;
    rest.done_while_reading = out.input.leading_search;
    out.pipeline = compile_pipeline(pipeline, rest);
    return out;
}

}  // namespace minispl
