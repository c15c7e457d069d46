#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/ops/subpipeline.hpp"
#include "minispl/parse/ast.hpp"

#include <string>
#include <vector>

namespace minispl {

//! `foreach fields [mode=multifield|multivalue|auto] [fieldstr=] [matchstr=] [itemstr=] [body]`.
//! multifield (the default): for each event, the field list is matched against the event's
//! fields (`*` wildcards; a wildcard does not match internal `_` fields unless the pattern starts
//! with `_`; a plain name is used even when absent), and for each field in turn the body text,
//! with <<FIELD>> replaced by the name, <<MATCHSTR>> by what the wildcards matched and
//! <<MATCHSEGn>> by the n-th wildcard's match, is parsed and run over the event.
//! multivalue: one field; <<ITEM>> is replaced by each of its values in turn.
class ForeachOperator : public Operator {
public:
    //! Throws SplError("foreach") for a bad option or mode (json_array is not supported).
    ForeachOperator(const ast::ForeachCmd& cmd, TextOverRowsRunner run, const OpContext& ctx);
    void push(Event event) override;

private:
    struct Binding {
        std::string field;
        std::vector<std::string> segments;
    };
    std::vector<Binding> bindings(const Event& event) const;
    std::string instantiate(const std::string& field, const std::vector<std::string>& segs,
                            const std::string& item) const;

    TextOverRowsRunner run_;
    std::vector<std::string> patterns_;
    std::string body_;
    bool multivalue_ = false;
    std::string fieldstr_ = "<<FIELD>>", matchstr_ = "<<MATCHSTR>>", itemstr_ = "<<ITEM>>";
};

}  // namespace minispl
