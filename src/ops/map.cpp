#include "minispl/ops/map.hpp"

#include "minispl/ops/option_util.hpp"

#include <fmt/format.h>

namespace minispl {

MapOperator::MapOperator(const ast::MapCmd& cmd, SearchTextRunner run, const OpContext& ctx)
    : run_(std::move(run)), max_searches_(ctx.limits.map_maxsearches), ctx_(ctx) {
    bool has_search = false;
    for (const auto& o : cmd.options) {
        std::string k = opt::lower(o.key);
        if (k == "search") has_search = true;
        else if (k == "maxsearches") max_searches_ = static_cast<size_t>(opt::to_count(o, "map"));
        else opt::unknown(o, "map");
    }
    if (!has_search) throw SplError("map", "map needs search=\"...\" (saved searches and [subsearch] form are not supported)");
    if (!run_) throw SplError("map", "map cannot run searches here");
    search_ = cmd.search;
}

std::string MapOperator::substitute(const Event& row) const {
    std::string out;
    for (size_t i = 0; i < search_.size(); ++i) {
        char c = search_[i];
        size_t close = c == '$' ? search_.find('$', i + 1) : std::string::npos;
        if (close == std::string::npos) {
            out += c;
            continue;
        }
        std::string name = search_.substr(i + 1, close - i - 1);
        if (name.empty()) out += '$';
        else out += row.get(name).to_string();
        i = close;
    }
    return out;
}

void MapOperator::push(Event event) {
    if (max_searches_ && done_ >= max_searches_) {
        ++left_out_;
        return;
    }
    ++done_;
    for (auto& e : run_(substitute(event))) emit(std::move(e));
}

void MapOperator::finish() {
    if (left_out_)
        ctx_.notice(fmt::format("map: {} rows ran no search: maxsearches={} (map maxsearches=, default limit "
                                "map.maxsearches)", left_out_, max_searches_));
    Operator::finish();
}

}  // namespace minispl
