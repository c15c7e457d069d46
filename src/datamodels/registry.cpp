// The data models of a directory, loaded on first use.
#include "minispl/datamodels/datamodel.hpp"

#include "minispl/sourcetypes/sourcetype.hpp"

#include <cstdlib>
#include <map>
#include <mutex>
#include <optional>

namespace minispl {

struct DataModelRegistry::State {
    std::filesystem::path dir;
    struct Entry {
        std::filesystem::path file;
        std::once_flag once;
        std::optional<DataModel> model;
    };
    std::map<std::string, std::unique_ptr<Entry>, std::less<>> by_name;  //!< the file stem
};

DataModelRegistry::DataModelRegistry(const std::filesystem::path& dir) : state_(std::make_shared<State>()) {
    state_->dir = dir;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
        if (e.path().extension() != ".yml") continue;
        auto entry = std::make_unique<State::Entry>();
        entry->file = e.path();
        state_->by_name.emplace(e.path().stem().string(), std::move(entry));
    }
}

const DataModel* DataModelRegistry::find(std::string_view name) const {
    auto it = state_->by_name.find(name);
    if (it == state_->by_name.end()) return nullptr;
    State::Entry& e = *it->second;
    std::call_once(e.once, [&] { e.model.emplace(DataModel::load(e.file)); });  // a throw: again next time
    return &*e.model;
}

std::vector<std::string> DataModelRegistry::names() const {
    std::vector<std::string> out;
    for (const auto& [name, e] : state_->by_name) out.push_back(name);
    return out;
}

const std::filesystem::path& DataModelRegistry::dir() const { return state_->dir; }

std::filesystem::path default_datamodel_dir() {
    if (const char* env = std::getenv("MINISPL_DATAMODELS"); env && *env) return env;
    return default_sourcetype_dir().parent_path() / "datamodels";
}

const DataModelRegistry& default_datamodels() {
    static std::mutex mu;
    static std::map<std::filesystem::path, std::unique_ptr<DataModelRegistry>> by_dir;
    std::filesystem::path dir = default_datamodel_dir();
    std::lock_guard<std::mutex> lock(mu);
    auto& slot = by_dir[dir];
    if (!slot) slot = std::make_unique<DataModelRegistry>(dir);
    return *slot;
}

}  // namespace minispl
