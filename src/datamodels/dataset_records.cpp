// An event's records in a data model dataset: constraints along the lineage, base-search evals and
// mvexpand, calculated fields in declared order, prefixed field names.
#include "minispl/datamodels/dataset_records.hpp"

#include "minispl/core/diagnostic.hpp"

#include <algorithm>
#include <optional>
#include <set>

namespace minispl {

struct DatasetRecords::Node {
    const Dataset* dataset;
    int parent = -1;  //!< descendants: index of the parent among descendants_, -1 for the target
    std::optional<SearchMatcher> constraint;
    std::vector<std::pair<std::string, Evaluator>> evals, calculated;
    std::vector<const ast::Expr*> calculated_ast;  //!< beside `calculated`: what each reads
    //! (event field, record field): what the record takes from the event once every step ran.
    std::vector<std::pair<std::string, std::string>> copies;
};

namespace {

DatasetRecords::Node make_node(const Dataset& d, const EvalContext& ctx) {
    DatasetRecords::Node n{&d, -1, std::nullopt, {}, {}, {}, {}};
    if (d.constraint) n.constraint.emplace(*d.constraint, ctx);
    for (const auto& c : d.evals) n.evals.emplace_back(c.field, Evaluator(*c.ast, ctx));
    for (const auto& c : d.calculated) {
        n.calculated.emplace_back(c.field, Evaluator(*c.ast, ctx));
        n.calculated_ast.push_back(c.ast.get());
    }
    // Named once here, not per event: the prefixed names are the records' only allocations.
    for (const auto& f : d.fields) n.copies.emplace_back(f, d.path + "." + f);
    for (const auto& c : d.calculated) n.copies.emplace_back(c.field, d.path + "." + c.field);
    return n;
}

//! Eval functions read fields only through Field nodes (as compile's field projection relies on).
void add_fields_read(const ast::Expr* e, std::set<std::string>& out) {
    if (!e) return;
    if (e->kind == ast::Expr::Kind::Field) out.insert(e->text);
    for (const auto& a : e->args) add_fields_read(a.get(), out);
}

const char* const kMetadata[] = {"_time", "host", "source", "sourcetype", "index"};

//! `| eval a=x, b=y`: each sees the ones before it.
void run_evals(const std::vector<std::pair<std::string, Evaluator>>& evals, Event& e) {
    for (const auto& [field, eval] : evals) e.set(field, eval(e));
}

}  // namespace

DatasetRecords::DatasetRecords(const DataModel& model, const Dataset& target, const EvalContext& ctx)
    : target_(&target), metadata_(std::begin(kMetadata), std::end(kMetadata)) {
    std::set<std::string> reads(metadata_.begin(), metadata_.end());
    for (const Dataset* d : model.lineage(target)) lineage_.push_back(make_node(*d, ctx));
    for (const Dataset* d : model.descendants(target)) {
        Node n = make_node(*d, ctx);
        for (size_t i = 0; i < descendants_.size(); ++i)
            if (descendants_[i].dataset->name == d->parent) n.parent = static_cast<int>(i);
        descendants_.push_back(std::move(n));
    }
    for (const auto* nodes : {&lineage_, &descendants_})
        for (const Node& n : *nodes) {
            if (n.constraint) reads.insert(n.constraint->fields_read().begin(), n.constraint->fields_read().end());
            for (const auto& c : n.dataset->evals) add_fields_read(c.ast.get(), reads);
            for (const auto* e : n.calculated_ast) add_fields_read(e, reads);
            for (const auto& c : n.copies) reads.insert(c.first);
            if (!n.dataset->expand.empty()) reads.insert(n.dataset->expand);
        }
    event_fields_.assign(reads.begin(), reads.end());
}

DatasetRecords::DatasetRecords(DatasetRecords&&) noexcept = default;

void DatasetRecords::keep_only(const std::set<std::string, std::less<>>& wanted) {
    nodename_ = wanted.count("nodename") > 0;
    metadata_.clear();
    for (const char* f : kMetadata)
        if (wanted.count(f)) metadata_.emplace_back(f);
    auto keep_copies = [&](Node& n) {
        std::erase_if(n.copies, [&](const auto& c) { return !wanted.count(c.second); });
        return !n.copies.empty();
    };
    for (Node& n : lineage_) keep_copies(n);
    // Descendants only add records' fields and nodename values; their constraints filter nothing
    // of the target's records, so when neither is read they are not evaluated at all.
    bool descendants_read = nodename_;
    for (Node& n : descendants_) descendants_read = keep_copies(n) || descendants_read;
    if (!descendants_read) descendants_.clear();

    // Backwards over the steps as records() runs them (each node: constraint, then its calculated
    // fields in order; the copies after all of them): a calculated field runs only when a copy or a
    // later step reads what it writes.
    std::set<std::string> live(metadata_.begin(), metadata_.end());
    for (const auto* nodes : {&lineage_, &descendants_})
        for (const Node& n : *nodes)
            for (const auto& c : n.copies) live.insert(c.first);
    auto backwards = [&](Node& n, bool root) {
        std::vector<std::pair<std::string, Evaluator>> kept;
        std::vector<const ast::Expr*> kept_ast;
        for (size_t i = n.calculated.size(); i-- > 0;) {
            if (!live.count(n.calculated[i].first)) continue;
            live.erase(n.calculated[i].first);
            add_fields_read(n.calculated_ast[i], live);
            kept.push_back(std::move(n.calculated[i]));
            kept_ast.push_back(n.calculated_ast[i]);
        }
        std::reverse(kept.begin(), kept.end());
        std::reverse(kept_ast.begin(), kept_ast.end());
        n.calculated = std::move(kept);
        n.calculated_ast = std::move(kept_ast);
        if (!root && n.constraint)
            for (const auto& f : n.constraint->fields_read()) live.insert(f);
    };
    for (size_t i = descendants_.size(); i-- > 0;) backwards(descendants_[i], false);
    for (size_t i = lineage_.size(); i-- > 0;) backwards(lineage_[i], i == 0);
    const Node& root = lineage_.front();
    if (root.constraint) live.insert(root.constraint->fields_read().begin(), root.constraint->fields_read().end());
    for (const auto& c : root.dataset->evals) add_fields_read(c.ast.get(), live);
    if (!root.dataset->expand.empty()) live.insert(root.dataset->expand);
    event_fields_.assign(live.begin(), live.end());
}
DatasetRecords::~DatasetRecords() = default;

void DatasetRecords::records(Event event, std::vector<Event>& out, bool keep_raw) const {
    const Node& root = lineage_.front();
    if (root.constraint && !root.constraint->matches(event)) return;
    run_evals(root.evals, event);
    std::vector<Event> copies;
    const Value* expand = root.dataset->expand.empty() ? nullptr : event.find(root.dataset->expand);
    if (expand && expand->mv_size() > 1) {  // mvexpand: one event per value
        for (size_t i = 0; i < expand->mv_size(); ++i) {
            Event c = event;
            c.set(root.dataset->expand, Value::string(expand->mv_at(i)));
            copies.push_back(std::move(c));
        }
    } else {
        copies.push_back(std::move(event));
    }
    std::vector<const Node*> in;
    std::vector<bool> member(descendants_.size());
    for (Event& e : copies) {
        in.clear();
        bool ok = true;
        for (const Node& n : lineage_) {
            if (&n != &root && n.constraint && !n.constraint->matches(e)) {
                ok = false;
                break;
            }
            run_evals(n.calculated, e);
            in.push_back(&n);
        }
        if (!ok) continue;
        for (size_t i = 0; i < descendants_.size(); ++i) {
            const Node& n = descendants_[i];
            member[i] = (n.parent < 0 || member[n.parent]) && (!n.constraint || n.constraint->matches(e));
            if (!member[i]) continue;
            run_evals(n.calculated, e);
            in.push_back(&n);
        }
        Event r;
        for (const std::string& f : metadata_)
            if (const Value* v = e.find(f)) r.set(f, *v);
        if (keep_raw)
            if (const Value* v = e.find("_raw")) r.set("_raw", *v);
        for (const Node* n : in)
            for (const auto& [from, to] : n->copies)
                if (const Value* v = e.find(from)) r.set(to, *v);
        if (nodename_) {
            if (in.size() == 1) {
                r.set("nodename", Value::string(in.front()->dataset->path));
            } else {
                std::vector<std::string> nodes;
                for (const Node* n : in) nodes.push_back(n->dataset->path);
                r.set("nodename", Value::multi(std::move(nodes)));
            }
        }
        out.push_back(std::move(r));
    }
}

std::vector<std::string> DatasetRecords::field_names() const {
    std::vector<std::string> out;
    auto add = [&](const Node& n) {
        for (const auto& f : n.dataset->fields) out.push_back(n.dataset->path + "." + f);
        for (const auto& c : n.dataset->calculated) out.push_back(n.dataset->path + "." + c.field);
    };
    for (const Node& n : lineage_) add(n);
    for (const Node& n : descendants_) add(n);
    for (const char* f : {"_time", "host", "source", "sourcetype", "index", "nodename"}) out.push_back(f);
    return out;
}

std::pair<const DataModel*, const Dataset*> find_dataset(const DataModelRegistry& registry, std::string_view text) {
    size_t dot = text.find('.');
    std::string model_name(text.substr(0, dot));
    const DataModel* model = registry.find(model_name);
    if (!model) {
        std::string known;
        for (const auto& n : registry.names()) known += (known.empty() ? "" : ", ") + n;
        throw SplError("unknown-datamodel", "data model " + model_name + " is not defined in " +
                                                registry.dir().string() + " (there: " + known + ")");
    }
    if (dot == std::string_view::npos) {
        auto roots = model->roots();
        if (roots.size() != 1)
            throw SplError("unknown-dataset", "data model " + model_name + " has " + std::to_string(roots.size()) +
                                                  " root datasets: name one (datamodel=" + model_name + ".<dataset>)");
        return {model, roots.front()};
    }
    std::string rest(text.substr(dot + 1));
    const Dataset* d = model->find(rest);
    if (!d) {
        std::string known;
        for (const auto& ds : model->datasets()) known += (known.empty() ? "" : ", ") + ds.path;
        throw SplError("unknown-dataset", "data model " + model_name + " has no dataset " + rest + " (datasets: " + known + ")");
    }
    return {model, d};
}

}  // namespace minispl
