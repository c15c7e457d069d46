#pragma once
// Test-only: run_spl for the extraction and lookup commands (spath, xmlkv, fromjson, extract,
// lookup, inputlookup, outputlookup, iplocation) plus every command spl_pipeline.hpp knows.
#include "spl_pipeline.hpp"

#include "minispl/ops/extract.hpp"
#include "minispl/ops/fromjson.hpp"
#include "minispl/ops/inputlookup.hpp"
#include "minispl/ops/iplocation.hpp"
#include "minispl/ops/lookup.hpp"
#include "minispl/ops/outputlookup.hpp"
#include "minispl/ops/spath.hpp"
#include "minispl/ops/xmlkv.hpp"

namespace minispl::test {

inline std::unique_ptr<Operator> make_extraction_operator(const ast::Command& c, const OpContext& ctx) {
    const std::string& n = c.name;
    auto& b = c.body;
    if (n == "spath") return std::make_unique<SpathOperator>(std::get<ast::GenericCmd>(b), ctx);
    if (n == "extract") return std::make_unique<ExtractOperator>(std::get<ast::GenericCmd>(b), ctx);
    if (n == "xmlkv") return std::make_unique<XmlkvOperator>(std::get<ast::FieldsCmd>(b), ctx);
    if (n == "fromjson") return std::make_unique<FromjsonOperator>(std::get<ast::FieldsCmd>(b), ctx);
    if (n == "iplocation") return std::make_unique<IplocationOperator>(std::get<ast::FieldsCmd>(b), ctx);
    if (n == "lookup") return std::make_unique<LookupOperator>(std::get<ast::LookupCmd>(b), ctx);
    if (n == "inputlookup") return std::make_unique<InputlookupOperator>(std::get<ast::LookupTableCmd>(b), ctx);
    if (n == "outputlookup") return std::make_unique<OutputlookupOperator>(std::get<ast::LookupTableCmd>(b), ctx);
    return make_operator(c, ctx);
}

//! Parses `spl` and runs `input` through it.
inline std::vector<Event> run_x(std::string_view spl, std::vector<Event> input, const OpContext& ctx = {}) {
    auto p = parse_search(spl);
    Chain chain;
    for (const auto& c : p->commands) chain.add(make_extraction_operator(c, ctx));
    return chain.run(std::move(input));
}

//! Builds the operators of `spl` without running them (for constructor errors).
inline void compile_x(std::string_view spl, const OpContext& ctx = {}) {
    auto p = parse_search(spl);
    for (const auto& c : p->commands) make_extraction_operator(c, ctx);
}

}  // namespace minispl::test
