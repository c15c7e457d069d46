#pragma once
// An event's records in a data model dataset (windows-cim-facts.md 3.1, 3.3).
#include "minispl/core/event.hpp"
#include "minispl/datamodels/datamodel.hpp"

#include <set>
#include <string>
#include <vector>

namespace minispl {

//! The records of events in one dataset, as `| tstats ... from datamodel=M.D` and `| datamodel M D
//! search` see them: an event is in the dataset when it matches the constraint of every dataset of
//! the lineage (each tested after its ancestors' evals and calculated fields, which it may read);
//! its record holds the fields of the lineage and of every descendant dataset the event is also in,
//! each named with its dataset's path (`Processes.dest`, `All_Changes.Account_Management.src_user`),
//! plus `_time`, `host`, `source`, `sourcetype`, `index` unprefixed and `nodename` (the paths of the
//! datasets it is in, for `where nodename=...`). A field the model does not define is not in it.
//! It does not filter by a where clause or aggregate: the tstats operator does.
class DatasetRecords {
public:
    DatasetRecords(const DataModel& model, const Dataset& target, const EvalContext& ctx = {});
    DatasetRecords(DatasetRecords&&) noexcept;
    ~DatasetRecords();

    //! Appends the records of `event` to `out`: none when it is not in the dataset, one per value
    //! of a base search's mvexpand field otherwise. `keep_raw`: records keep `_raw` too.
    void records(Event event, std::vector<Event>& out, bool keep_raw = false) const;
    //! Records hold only the fields of `wanted` (record names: `Processes.dest`, `_time`,
    //! `nodename`, ...), and only the calculated fields those need run (a calculated field may read
    //! another's output: the closure is kept). Descendant datasets are not tested when none of
    //! their fields nor nodename is wanted. The records' fields that are kept have the values they
    //! would have had; `wanted` must hold every name the consumer reads (no wildcards).
    void keep_only(const std::set<std::string, std::less<>>& wanted);
    //! The event fields records() reads (constraints, evals, calculated fields' inputs, copied
    //! fields, metadata), after keep_only: what the input's field projection must extract.
    const std::vector<std::string>& event_fields_read() const { return event_fields_; }
    //! Every field name a record may hold (prefixed, then the unprefixed ones), for lint.
    std::vector<std::string> field_names() const;
    const Dataset& target() const { return *target_; }

    struct Node;

private:
    const Dataset* target_;
    std::vector<Node> lineage_;      //!< root first, the target last
    std::vector<Node> descendants_;  //!< each after its parent
    std::vector<std::string> metadata_;  //!< unprefixed fields copied (_time, host, ...)
    bool nodename_ = true;
    std::vector<std::string> event_fields_;
};

//! Resolves `from datamodel=` text (`Model`, `Model.Dataset`, `Model.Root.Child`) in `registry`.
//! A model with no dataset named means its single root. Throws SplError with rule
//! "unknown-datamodel" or "unknown-dataset" (naming the models or datasets there are).
std::pair<const DataModel*, const Dataset*> find_dataset(const DataModelRegistry& registry, std::string_view text);

}  // namespace minispl
