// The SPL commands the parser knows: every command of the Search Reference that detections
// plausibly use, plus the MLTK / app commands the security_content corpus calls.
#include "minispl/parse/parser.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

namespace minispl {

bool is_known_command(std::string_view name) {
    static constexpr std::string_view known[] = {
        "abstract", "accum", "addcoltotals", "addinfo", "addtotals", "analyzefields", "anomalies",
        "anomalousvalue", "anomalydetection", "append", "appendcols", "appendpipe", "apply", "arules",
        "associate", "autoregress", "bin", "bucket", "chart", "cluster", "collect", "concurrency",
        "contingency", "convert", "cyberchef", "datamodel", "dedup", "delta", "discretize", "eval",
        "eventcount", "eventstats", "extract", "fieldformat", "fields", "fieldsummary", "filldown",
        "fillnull", "fit", "foreach", "format", "from", "fromjson", "head", "inputcsv", "inputlookup",
        "iplocation", "join", "kv", "kvform", "loadjob", "lookup", "makejson", "makemv", "makeresults",
        "map", "mcatalog", "metadata", "metasearch", "mstats", "multikv", "multisearch", "mvcombine",
        "mvexpand", "nomv", "outlier", "outputcsv", "outputlookup", "rare", "regex", "rename", "replace",
        "rest", "reverse", "rex", "search", "sort", "spath", "stats", "streamstats", "summary", "table",
        "tail", "timechart", "top", "transaction", "transpose", "tstats", "typeahead", "uniq", "untable",
        "where", "xmlkv", "xpath", "xyseries"};
    return std::find(std::begin(known), std::end(known), name) != std::end(known);
}

}  // namespace minispl
