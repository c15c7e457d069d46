#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <cstdint>
#include <string>

namespace minispl {

//! `| makeresults [count=N] [annotate=bool] [splunk_server=local]` generates N results (default 1)
//! holding only `_time`, the search's time (whole seconds), all N the same. annotate=true adds
//! splunk_server (this machine's host name); the other annotated fields (_raw, host, source,
//! sourcetype, splunk_server_group) are null in Splunk, so absent here. It is a generating
//! command: compile places it first, events pushed into it are dropped. Not supported: the
//! `format=`/`data=` inline-data form and splunk_server_group (there are no other servers).
class MakeresultsOperator : public Operator {
public:
    //! Splunk's limits.conf [makeresults] maxresultrows.
    static constexpr int64_t kMaxCount = 50000;
    //! Throws SplError("makeresults") for an unknown or bad option, or count over kMaxCount.
    MakeresultsOperator(const ast::GenericCmd& cmd, const OpContext& ctx);
    void push(Event) override {}
    void finish() override;

private:
    int64_t count_ = 1;
    bool annotate_ = false;
    double time_ = 0;
};

}  // namespace minispl
