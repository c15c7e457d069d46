#pragma once
#include "minispl/eval/evaluator.hpp"
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/eval/search_matcher.hpp"
#include "minispl/parse/ast.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace minispl {

//! `transaction [fields] [startswith=X] [endswith=X] [maxspan=T] [maxpause=T] [maxevents=N]
//! [connected=bool] [keepevicted=bool] [mvlist=bool]` groups events into transactions.
//! Events with equal values of all the fields (events missing one are left out) are grouped the
//! way Splunk does it, reading events newest first: a group closes when the next (older) event
//! would make it span more than maxspan or leave a gap over maxpause, when it reaches maxevents
//! (default 1000), or at a startswith event (its oldest member); an endswith event starts a new
//! group. X is a search expression (`"..."`, `(...)`) or `eval(expr)`. With startswith, a group
//! must begin with a matching event, with endswith end with one; other groups are dropped unless
//! keepevicted=true (which adds closed_txn=0/1). Each transaction is one row: every field's
//! distinct values (all values with mvlist=true) oldest first, _raw the members' _raw joined by
//! newlines, _time the earliest, duration = latest - earliest, eventcount. Output newest first.
class TransactionOperator : public Operator {
public:
    //! Throws SplError("transaction") for a bad option, or what parsing X throws.
    TransactionOperator(const ast::TransactionCmd& cmd, const OpContext& ctx);
    ~TransactionOperator() override;
    void push(Event event) override;
    void finish() override;

private:
    struct Condition {
        // The parsed expressions stay alive: the matcher and evaluator may refer into them.
        ast::SearchExprPtr search_ast;
        ast::ExprPtr eval_ast;
        std::optional<SearchMatcher> search;
        std::unique_ptr<Evaluator> eval;
        bool matches(const Event& e) const;
    };
    struct Open {
        std::vector<Event> events;  //!< newest first
        bool ended = false;         //!< its newest member matched endswith
        uint64_t touched = 0;       //!< when it last took an event (for LRU eviction)
    };
    Condition condition(const ast::Option& o, const OpContext& ctx) const;
    //! Emits the transaction (or drops it); an evicted one is never complete (closed_txn=0).
    void close(Open& txn, bool started, bool evicted = false);

    std::vector<std::string> fields_;
    std::optional<Condition> starts_, ends_;
    double maxspan_ = -1, maxpause_ = -1;
    size_t maxevents_ = 1000;
    size_t maxopentxn_, maxopenevents_;  //!< the open pool; past either, the least recently used closes
    bool keepevicted_ = false, mvlist_ = false;
    OpContext ctx_;
    std::vector<Event> input_;
    std::vector<Event> done_;
};

}  // namespace minispl
