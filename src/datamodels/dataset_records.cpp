// An event's records in a data model dataset: constraints along the lineage, base-search evals and
// mvexpand, calculated fields in declared order, prefixed field names.
#include "minispl/datamodels/dataset_records.hpp"

#include "minispl/core/diagnostic.hpp"

#include <optional>

namespace minispl {

struct DatasetRecords::Node {
    const Dataset* dataset;
    int parent = -1;  //!< descendants: index of the parent among descendants_, -1 for the target
    std::optional<SearchMatcher> constraint;
    std::vector<std::pair<std::string, Evaluator>> evals, calculated;
};

namespace {

DatasetRecords::Node make_node(const Dataset& d, const EvalContext& ctx) {
    DatasetRecords::Node n{&d, -1, std::nullopt, {}, {}};
    if (d.constraint) n.constraint.emplace(*d.constraint, ctx);
    for (const auto& c : d.evals) n.evals.emplace_back(c.field, Evaluator(*c.ast, ctx));
    for (const auto& c : d.calculated) n.calculated.emplace_back(c.field, Evaluator(*c.ast, ctx));
    return n;
}

//! `| eval a=x, b=y`: each sees the ones before it.
void run_evals(const std::vector<std::pair<std::string, Evaluator>>& evals, Event& e) {
    for (const auto& [field, eval] : evals) e.set(field, eval(e));
}

}  // namespace

DatasetRecords::DatasetRecords(const DataModel& model, const Dataset& target, const EvalContext& ctx) : target_(&target) {
    for (const Dataset* d : model.lineage(target)) lineage_.push_back(make_node(*d, ctx));
    for (const Dataset* d : model.descendants(target)) {
        Node n = make_node(*d, ctx);
        for (size_t i = 0; i < descendants_.size(); ++i)
            if (descendants_[i].dataset->name == d->parent) n.parent = static_cast<int>(i);
        descendants_.push_back(std::move(n));
    }
}

DatasetRecords::DatasetRecords(DatasetRecords&&) noexcept = default;
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
        for (const char* f : {"_time", "host", "source", "sourcetype", "index"})
            if (const Value* v = e.find(f)) r.set(f, *v);
        if (keep_raw)
            if (const Value* v = e.find("_raw")) r.set("_raw", *v);
        std::vector<std::string> nodes;
        for (const Node* n : in) {
            const Dataset& d = *n->dataset;
            nodes.push_back(d.path);
            for (const auto& f : d.fields)
                if (const Value* v = e.find(f)) r.set(d.path + "." + f, *v);
            for (const auto& c : d.calculated)
                if (const Value* v = e.find(c.field)) r.set(d.path + "." + c.field, *v);
        }
        r.set("nodename", nodes.size() == 1 ? Value::string(nodes[0]) : Value::multi(std::move(nodes)));
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
