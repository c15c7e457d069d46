#include "minispl/ops/tstats.hpp"

#include "minispl/core/ascii.hpp"
#include "minispl/core/diagnostic.hpp"
#include "minispl/ops/bin.hpp"

#include <algorithm>
#include <set>

namespace minispl {

namespace {

const DataModelRegistry& registry_of(const OpContext& ctx) {
    return ctx.datamodels ? *ctx.datamodels : default_datamodels();
}

}  // namespace

std::optional<std::set<std::string, std::less<>>> tstats_record_fields(const ast::StatsCmd& cmd, const SearchMatcher* where) {
    std::optional<SearchMatcher> own;
    if (!where && cmd.where) where = &own.emplace(*cmd.where);
    std::set<std::string, std::less<>> wanted = {"_time"};
    if (where) wanted.insert(where->fields_read().begin(), where->fields_read().end());
    for (const auto& f : cmd.by) wanted.insert(f.name);
    for (const auto& a : cmd.aggregations)
        if (!a.field.empty()) wanted.insert(a.field);
    for (const auto& f : wanted)
        if (f.find('*') != std::string::npos) return std::nullopt;
    return wanted;
}

TstatsRecordsOperator::TstatsRecordsOperator(const ast::StatsCmd& cmd, const OpContext& ctx) {
    auto config = std::make_shared<Config>();
    Config& c = *config;
    for (const auto& o : cmd.options) {
        std::string key = lower(o.key);
        if (key == "fillnull_value") {
            c.fillnull = o.value;
        } else if (key == "prestats" || key == "append") {
            if (lower(o.value) == "true" || o.value == "1" || lower(o.value) == "t")
                throw SplError("unsupported", "tstats " + key + "=true is not supported (its output feeds another "
                                              "stats command; no rule of the corpus uses it)", o.span.begin);
        } else if (key != "summariesonly" && key != "allow_old_summaries" && key != "local" && key != "chunk_size" &&
                   key != "include_reduced_buckets") {
            throw SplError("syntax", "tstats: unknown option " + o.key, o.span.begin);
        }
    }
    if (cmd.where) c.where.emplace(*cmd.where, ctx.eval);
    if (!cmd.datamodel.empty()) {
        auto [model, dataset] = find_dataset(registry_of(ctx), cmd.datamodel);
        c.dataset.emplace(*model, *dataset, ctx.eval);
        if (auto wanted = tstats_record_fields(cmd, c.where ? &*c.where : nullptr)) c.dataset->keep_only(*wanted);
    }
    for (const auto& f : cmd.by) c.by.push_back(f.name);
    bool by_time = std::find(c.by.begin(), c.by.end(), "_time") != c.by.end();
    if (cmd.span && by_time) c.span = cmd.span;
    config_ = std::move(config);
}

std::unique_ptr<Operator> TstatsRecordsOperator::make_partial() const {
    if (!next_) return nullptr;
    std::unique_ptr<Operator> stats = next_->make_partial();
    if (!stats) return nullptr;
    std::unique_ptr<TstatsRecordsOperator> p(new TstatsRecordsOperator());
    p->config_ = config_;
    p->partial_next_ = std::move(stats);
    p->set_next(p->partial_next_.get());
    return p;
}

void TstatsRecordsOperator::merge_partial(Operator& partial) {
    auto& p = static_cast<TstatsRecordsOperator&>(partial);
    if (next_ && p.partial_next_) next_->merge_partial(*p.partial_next_);
}

void TstatsRecordsOperator::push(Event event) {
    const Config& c = *config_;
    records_.clear();
    if (c.dataset)
        c.dataset->records(std::move(event), records_);
    else
        records_.push_back(std::move(event));
    for (Event& r : records_) {
        if (c.where && !c.where->matches(r)) continue;
        if (c.fillnull)
            for (const auto& f : c.by)
                if (!r.has(f)) r.set(f, Value::string(*c.fillnull));
        if (c.span)
            if (const Value* t = r.find("_time"))
                if (auto n = t->as_number()) r.set("_time", Value::number(floor_time(*n, *c.span)));
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
