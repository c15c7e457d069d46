#pragma once
// tstats: the records of a data model dataset (or the raw events), filtered by `where`, for the
// stats operator that follows it (the builder appends both).
#include "minispl/datamodels/dataset_records.hpp"
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace minispl {

//! The record fields `| tstats` reads: where's fields, the by-fields, the aggregations' fields and
//! `_time` (earliest/latest and the order of events read it unnamed); nullopt when one is a
//! wildcard (records then keep every field). `where`: the compiled where clause, if at hand.
std::optional<std::set<std::string, std::less<>>> tstats_record_fields(const ast::StatsCmd& cmd,
                                                                       const SearchMatcher* where = nullptr);

//! The first half of `| tstats aggs from datamodel=M.D where W by F [span=S]` over raw events:
//! each event's dataset records (DatasetRecords; without `from datamodel` the event itself), the
//! ones `where` matches (search-command semantics, `nodename=` included), with null by-fields
//! set to `fillnull_value` when given, and `_time` floored to the span when the by-clause has
//! `_time`. The aggregation is a StatsOperator after it (tstats names its columns as stats does).
//! summariesonly, allow_old_summaries, local, chunk_size, include_reduced_buckets are accepted and
//! change nothing offline (every event is raw data); prestats=true and append=true are refused.
class TstatsRecordsOperator : public Operator {
public:
    TstatsRecordsOperator(const ast::StatsCmd& cmd, const OpContext& ctx);
    void push(Event event) override;
    //! A partial when the stats after it has one: records are made on each reading thread and fed
    //! to that thread's partial stats (the records of an event do not depend on other events).
    std::unique_ptr<Operator> make_partial() const override;
    void merge_partial(Operator& partial) override;

private:
    TstatsRecordsOperator() = default;
    struct Config {
        std::optional<DatasetRecords> dataset;
        std::optional<SearchMatcher> where;
        std::vector<std::string> by;
        std::optional<std::string> fillnull;
        std::optional<ast::TimeSpan> span;
    };
    std::shared_ptr<const Config> config_;  //!< read-only while running: shared with partials
    std::unique_ptr<Operator> partial_next_;  //!< a partial's own partial of the stats after it
    std::vector<Event> records_;  //!< reused per event
};

//! `| datamodel M D search` and `| from datamodel:M.D`: the dataset's records with _raw (events).
class DatamodelSearchOperator : public Operator {
public:
    DatamodelSearchOperator(const DataModel& model, const Dataset& dataset, const OpContext& ctx);
    void push(Event event) override;

private:
    DatasetRecords dataset_;
    std::vector<Event> records_;
};

}  // namespace minispl
