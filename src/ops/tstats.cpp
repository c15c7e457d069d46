#include "minispl/ops/tstats.hpp"

#include "minispl/core/ascii.hpp"
#include "minispl/core/diagnostic.hpp"
#include "minispl/ops/bin.hpp"

namespace minispl {

namespace {

const DataModelRegistry& registry_of(const OpContext& ctx) {
    return ctx.datamodels ? *ctx.datamodels : default_datamodels();
}

}  // namespace

TstatsRecordsOperator::TstatsRecordsOperator(const ast::StatsCmd& cmd, const OpContext& ctx) {
    for (const auto& o : cmd.options) {
        std::string key = lower(o.key);
        if (key == "fillnull_value") {
            fillnull_ = o.value;
        } else if (key == "prestats" || key == "append") {
            if (lower(o.value) == "true" || o.value == "1" || lower(o.value) == "t")
                throw SplError("unsupported", "tstats " + key + "=true is not supported (its output feeds another "
                                              "stats command; no rule of the corpus uses it)", o.span.begin);
        } else if (key != "summariesonly" && key != "allow_old_summaries" && key != "local" && key != "chunk_size" &&
                   key != "include_reduced_buckets") {
            throw SplError("syntax", "tstats: unknown option " + o.key, o.span.begin);
        }
    }
    if (!cmd.datamodel.empty()) {
        auto [model, dataset] = find_dataset(registry_of(ctx), cmd.datamodel);
        dataset_.emplace(*model, *dataset, ctx.eval);
    }
    if (cmd.where) where_.emplace(*cmd.where, ctx.eval);
    for (const auto& f : cmd.by) by_.push_back(f.name);
    bool by_time = std::find(by_.begin(), by_.end(), "_time") != by_.end();
    if (cmd.span && by_time) span_ = cmd.span;
}

void TstatsRecordsOperator::push(Event event) {
    records_.clear();
    if (dataset_)
        dataset_->records(std::move(event), records_);
    else
        records_.push_back(std::move(event));
    for (Event& r : records_) {
        if (where_ && !where_->matches(r)) continue;
        if (fillnull_)
            for (const auto& f : by_)
                if (!r.has(f)) r.set(f, Value::string(*fillnull_));
        if (span_)
            if (const Value* t = r.find("_time"))
                if (auto n = t->as_number()) r.set("_time", Value::number(floor_time(*n, *span_)));
        emit(std::move(r));
    }
}

DatamodelSearchOperator::DatamodelSearchOperator(const DataModel& model, const Dataset& dataset, const OpContext& ctx)
    : dataset_(model, dataset, ctx.eval) {}

void DatamodelSearchOperator::push(Event event) {
    records_.clear();
    dataset_.records(std::move(event), records_, true);
    for (Event& r : records_) emit(std::move(r));
}

}  // namespace minispl
