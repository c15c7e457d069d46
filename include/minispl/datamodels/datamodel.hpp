#pragma once
// CIM data models as data (datamodels/<Model>.yml, format in datamodels/README.md): datasets with
// their constraints, lineage and fields. Files: loader.cpp (YAML), registry.cpp (lookup by name,
// loaded on first use), dataset_records.cpp (an event's records as tstats and `| datamodel` see them).
#include "minispl/eval/evaluator.hpp"
#include "minispl/eval/search_matcher.hpp"
#include "minispl/parse/ast.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace minispl {

//! One dataset of a data model: where it sits (parent), which events it holds (constraint, and for
//! a BaseSearch root its eval/mvexpand stages) and the fields it defines. It does not hold its
//! ancestors' constraints: DataModel::lineage gives them.
struct Dataset {
    std::string name;
    std::string parent;  //!< the parent dataset's name; empty for a root (BaseEvent / BaseSearch)
    std::string path;    //!< "Root", "Root.Child", ...: the prefix of the fields it defines
    std::string constraint_text;
    std::shared_ptr<const ast::SearchExpr> constraint;  //!< null: every event
    struct Calculated {
        std::string field, expression;
        std::shared_ptr<const ast::Expr> ast;
    };
    std::vector<Calculated> evals;  //!< BaseSearch `| eval` stages, in order
    std::string expand;             //!< BaseSearch `| mvexpand FIELD`, or empty
    std::vector<std::string> fields;  //!< extracted fields
    std::vector<Calculated> calculated;  //!< in declared order
    int line = 0;                        //!< in the model file, for errors
    //! Whether the dataset defines `field` (extracted or calculated; not the inherited ones).
    bool defines(std::string_view field) const;
};

//! One data model (one file): its datasets, roots first, each child after its parent.
class DataModel {
public:
    //! Loads datamodels/<Model>.yml. Throws SplError("datamodel", "FILE:LINE: ...") for a bad file:
    //! unknown keys, a parent that is not defined before, a constraint or expression that does not
    //! parse, a field defined twice on one dataset, a `model:` that is not the file's name.
    static DataModel load(const std::filesystem::path& file);

    const std::string& name() const { return name_; }
    const std::filesystem::path& file() const { return file_; }
    const std::vector<Dataset>& datasets() const { return datasets_; }
    //! The dataset called `name` (its own name, or its path "Root.Child"), or nullptr.
    const Dataset* find(std::string_view name) const;
    //! The root datasets.
    std::vector<const Dataset*> roots() const;
    //! `dataset` and its ancestors, root first.
    std::vector<const Dataset*> lineage(const Dataset& dataset) const;
    //! The datasets below `dataset` (children, grandchildren...), each after its parent.
    std::vector<const Dataset*> descendants(const Dataset& dataset) const;

private:
    std::string name_;
    std::filesystem::path file_;
    std::vector<Dataset> datasets_;
};

//! The data models of a directory, each file loaded when a search first names its model. Copies
//! share the loaded models; safe to use from several threads at once.
class DataModelRegistry {
public:
    explicit DataModelRegistry(const std::filesystem::path& dir);
    //! The model called `name` (case-sensitive, as Splunk), or nullptr when no file defines it.
    //! Throws SplError("datamodel") when its file is bad.
    const DataModel* find(std::string_view name) const;
    //! The model names (the file names), sorted.
    std::vector<std::string> names() const;
    const std::filesystem::path& dir() const;

    struct State;

private:
    std::shared_ptr<State> state_;
};

//! $MINISPL_DATAMODELS, else the `datamodels/` directory beside the sourcetype definitions.
std::filesystem::path default_datamodel_dir();
//! One registry per directory for the life of the process.
const DataModelRegistry& default_datamodels();

}  // namespace minispl
