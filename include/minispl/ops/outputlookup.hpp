#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <filesystem>
#include <vector>

namespace minispl {

//! `outputlookup [append=t] [create_empty=f] [max=N] table` writes the results to a CSV file (a
//! definition's filename, else `<first lookup dir>/<table>[.csv]`, or the table as a path when there
//! are no lookup dirs) and passes them on. Columns: every field in first-seen order; multivalues
//! one value per line in the cell. append=t adds to the file (columns merged). createinapp and
//! the KV store options are accepted and ignored.
class OutputlookupOperator : public Operator {
public:
    OutputlookupOperator(const ast::LookupTableCmd& cmd, const OpContext& ctx);
    void push(Event event) override;
    //! Writes the file; throws SplError("io") when it cannot.
    void finish() override;

private:
    std::filesystem::path file_;
    bool append_ = false, create_empty_ = true;
    size_t max_ = 0;  //!< 0: all
    std::vector<Event> rows_;
};

}  // namespace minispl
