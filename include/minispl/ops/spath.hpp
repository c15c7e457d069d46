#pragma once
#include "minispl/io/spath_path.hpp"
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <string>
#include <vector>

namespace minispl {

//! `spath [input=f] [output=o] [path=]p` extracts from JSON in f (default _raw).
//! With a path: the values at p (`a.b`, `a{}` every element of an array, `a{N}` the Nth, 1-based)
//! go to o (default: p; `{}` on an object is the object itself) — objects and arrays as their
//! JSON text, several values as a multivalue;
//! nothing found leaves o as it was. Without a path: every field, named the way Splunk's JSON
//! extraction names them (io/json_flatten.hpp), a top-level array as `{}`. Input that is XML:
//! element paths joined by '.', attributes as `path{@attr}`. Input that is neither: no change.
class SpathOperator : public Operator {
public:
    //! Throws SplError("spath") for an unknown option or a malformed path.
    SpathOperator(const ast::GenericCmd& cmd, const OpContext& ctx);
    void push(Event event) override;

private:
    std::string input_ = "_raw";
    std::string output_;
    std::string path_;
    SpathPath steps_;  //!< empty: auto mode
};

}  // namespace minispl
