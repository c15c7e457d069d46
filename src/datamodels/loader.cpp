// Loading one data model file (datamodels/<Model>.yml) into a DataModel.
#include "minispl/datamodels/datamodel.hpp"

#include "minispl/core/diagnostic.hpp"
#include "minispl/parse/parser.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

namespace minispl {
namespace {

[[noreturn]] void fail(const std::filesystem::path& file, int line, const std::string& msg) {
    Diagnostic d;
    d.rule = "datamodel";
    d.file = file.string();
    d.pos.line = static_cast<uint32_t>(line);
    d.message = file.string() + (line > 0 ? ":" + std::to_string(line) : "") + ": " + msg;
    throw SplError(std::move(d));
}

int line_of(const YAML::Node& n) { return n ? n.Mark().line + 1 : 0; }

std::string text(const std::filesystem::path& file, const YAML::Node& n, const YAML::Node& parent, const char* what) {
    if (!n || !n.IsScalar()) fail(file, line_of(n ? n : parent), std::string(what) + " must be a text value");
    return n.Scalar();
}

void only_keys(const std::filesystem::path& file, const YAML::Node& map, std::initializer_list<const char*> keys,
               const char* what) {
    for (const auto& kv : map) {
        std::string key = kv.first.as<std::string>();
        if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return key == k; })) {
            std::string list;
            for (const char* k : keys) list += (list.empty() ? "" : ", ") + std::string(k);
            fail(file, line_of(kv.first), "unknown " + std::string(what) + " key `" + key + "` (" + list + ")");
        }
    }
}

//! `- field: expression` entries in order.
std::vector<Dataset::Calculated> calculated_list(const std::filesystem::path& file, const YAML::Node& n,
                                                 const std::string& dataset) {
    std::vector<Dataset::Calculated> out;
    if (!n) return out;
    if (!n.IsSequence()) fail(file, line_of(n), "a list of `field: expression` entries is expected");
    for (const auto& item : n) {
        if (!item.IsMap() || item.size() != 1) fail(file, line_of(item), "each entry is one `field: expression`");
        auto kv = *item.begin();
        Dataset::Calculated c;
        c.field = kv.first.as<std::string>();
        c.expression = text(file, kv.second, item, "an expression");
        try {
            c.ast = parse_eval_expression(c.expression);
        } catch (const SplError& e) {
            fail(file, line_of(kv.second), dataset + "." + c.field + ": " + e.what() + " in `" + c.expression + "`");
        }
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace

bool Dataset::defines(std::string_view field) const {
    if (std::find(fields.begin(), fields.end(), field) != fields.end()) return true;
    return std::any_of(calculated.begin(), calculated.end(), [&](const Calculated& c) { return c.field == field; });
}

DataModel DataModel::load(const std::filesystem::path& file) {
    YAML::Node root;
    try {
        root = YAML::LoadFile(file.string());
    } catch (const YAML::BadFile&) {
        fail(file, 0, "cannot read the file");
    } catch (const YAML::Exception& e) {
        fail(file, e.mark.line + 1, e.msg);
    }
    if (!root.IsMap()) fail(file, 1, "a data model file is a map with `model:` and `datasets:`");
    only_keys(file, root, {"model", "description", "version", "datasets"}, "data model");
    DataModel m;
    m.file_ = file;
    m.name_ = text(file, root["model"], root, "model");
    if (m.name_ != file.stem().string())
        fail(file, line_of(root["model"]), "model " + m.name_ + " must be in a file called " + m.name_ + ".yml");
    YAML::Node list = root["datasets"];
    if (!list || !list.IsSequence() || list.size() == 0) fail(file, line_of(root), "`datasets:` must be a non-empty list");
    for (const auto& n : list) {
        if (!n.IsMap()) fail(file, line_of(n), "a dataset is a map with name, parent, constraint, fields, calculated");
        only_keys(file, n, {"name", "parent", "constraint", "evals", "expand", "fields", "calculated", "description"},
                  "dataset");
        Dataset d;
        d.line = line_of(n);
        d.name = text(file, n["name"], n, "dataset name");
        std::string parent = n["parent"] ? text(file, n["parent"], n, "parent") : "BaseEvent";
        if (m.find(d.name)) fail(file, d.line, "dataset " + d.name + " is defined twice");
        if (parent == "BaseEvent" || parent == "BaseSearch") {
            d.path = d.name;
        } else {
            const Dataset* p = m.find(parent);
            if (!p) fail(file, line_of(n["parent"]), "parent " + parent + " is not a dataset defined above");
            d.parent = p->name;
            d.path = p->path + "." + d.name;
        }
        if (n["constraint"]) {
            d.constraint_text = text(file, n["constraint"], n, "constraint");
            try {
                d.constraint = parse_search_expression(d.constraint_text);
            } catch (const SplError& e) {
                fail(file, line_of(n["constraint"]), d.name + " constraint: " + e.what());
            }
        }
        d.evals = calculated_list(file, n["evals"], d.name);
        if (n["expand"]) d.expand = text(file, n["expand"], n, "expand");
        if (!d.parent.empty() && (!d.evals.empty() || !d.expand.empty()))
            fail(file, d.line, "evals and expand belong to a root dataset's base search");
        std::set<std::string> seen;
        if (auto f = n["fields"]) {
            if (!f.IsSequence()) fail(file, line_of(f), "fields must be a list");
            for (const auto& x : f) d.fields.push_back(text(file, x, f, "a field name"));
        }
        d.calculated = calculated_list(file, n["calculated"], d.name);
        for (const auto& f : d.fields)
            if (!seen.insert(f).second) fail(file, d.line, d.name + "." + f + " is defined twice");
        for (const auto& c : d.calculated)
            if (!seen.insert(c.field).second) fail(file, d.line, d.name + "." + c.field + " is defined twice");
        m.datasets_.push_back(std::move(d));
    }
    return m;
}

const Dataset* DataModel::find(std::string_view name) const {
    for (const auto& d : datasets_)
        if (d.name == name || d.path == name) return &d;
    return nullptr;
}

std::vector<const Dataset*> DataModel::roots() const {
    std::vector<const Dataset*> out;
    for (const auto& d : datasets_)
        if (d.parent.empty()) out.push_back(&d);
    return out;
}

std::vector<const Dataset*> DataModel::lineage(const Dataset& dataset) const {
    std::vector<const Dataset*> out;
    for (const Dataset* d = &dataset; d; d = d->parent.empty() ? nullptr : find(d->parent)) out.push_back(d);
    std::reverse(out.begin(), out.end());
    return out;
}

std::vector<const Dataset*> DataModel::descendants(const Dataset& dataset) const {
    std::vector<const Dataset*> out;
    std::set<std::string> below = {dataset.name};
    for (const auto& d : datasets_)  // a child comes after its parent in the file
        if (!d.parent.empty() && below.count(d.parent)) {
            below.insert(d.name);
            out.push_back(&d);
        }
    return out;
}

}  // namespace minispl
