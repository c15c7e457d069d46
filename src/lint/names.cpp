// Splunk's aggregation functions and search commands, for unknown-function / unknown-command.
#include "checks.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace minispl::lint {

namespace {
std::string lower(std::string_view s) {
    std::string r(s);
    std::transform(r.begin(), r.end(), r.begin(), [](unsigned char c) { return std::tolower(c); });
    return r;
}
}  // namespace

bool is_stats_function(std::string_view name) {
    // Search Reference, "Statistical and charting functions" (+ the time functions of stats).
    static const std::set<std::string, std::less<>> fns = {
        "avg", "mean", "c", "count", "dc", "distinct_count", "estdc", "estdc_error", "exactperc",
        "max", "median", "min", "mode", "p", "perc", "percentile", "range", "stdev", "stdevp", "sum",
        "sumsq", "upperperc", "var", "varp", "first", "last", "list", "values", "earliest",
        "earliest_time", "latest", "latest_time", "per_day", "per_hour", "per_minute", "per_second",
        "rate", "rate_avg", "rate_sum", "sparkline"};
    std::string n = lower(name);
    if (fns.count(n)) return true;
    // pNN, percNN, exactpercNN, upperpercNN when the parser keeps the number in the name.
    for (const char* prefix : {"exactperc", "upperperc", "perc", "p"}) {
        std::string_view p(prefix);
        if (n.size() > p.size() && n.compare(0, p.size(), p) == 0 &&
            std::all_of(n.begin() + p.size(), n.end(), [](char c) { return std::isdigit((unsigned char)c) || c == '.'; }))
            return true;
    }
    return false;
}

bool is_splunk_command(std::string_view name) {
    // Search Reference command list plus the app commands security_content uses (MLTK, ES, CyberChef).
    static const std::set<std::string, std::less<>> cmds = {
        "abstract", "accum", "addcoltotals", "addinfo", "addtotals", "analyzefields", "anomalies",
        "anomalousvalue", "anomalydetection", "append", "appendcols", "appendpipe", "apply",
        "arules", "associate", "audit", "autoregress", "bin", "bucket", "bucketdir", "chart",
        "cluster", "cofilter", "collect", "concurrency", "contingency", "convert", "correlate",
        "ctable", "cyberchef", "datamodel", "dbinspect", "dedup", "delete", "delta", "diff",
        "erex", "eval", "eventcount", "eventstats", "extract", "kv", "fieldformat", "fields",
        "fieldsummary", "filldown", "fillnull", "findtypes", "fit", "folderize", "foreach",
        "format", "from", "fromjson", "gauge", "gentimes", "geom", "geomfilter", "geostats",
        "head", "highlight", "history", "iconify", "inputcsv", "inputintelligence", "inputlookup",
        "iplocation", "join", "kmeans", "kvform", "loadjob", "localize", "localop", "lookup",
        "makecontinuous", "makemv", "makeresults", "map", "mcollect", "metadata", "metasearch",
        "meventcollect", "mpreview", "msearch", "mstats", "multikv", "multisearch", "mvcombine",
        "mvexpand", "nomv", "outlier", "outputcsv", "outputlookup", "outputtext", "overlap",
        "pivot", "predict", "rangemap", "rare", "redistribute", "regex", "reltime", "rename",
        "replace", "require", "rest", "return", "reverse", "rex", "rtorder", "run", "savedsearch",
        "score", "script", "scrub", "search", "searchtxn", "selfjoin", "sendalert", "sendemail",
        "set", "setfields", "sichart", "sirare", "sistats", "sitimechart", "sitop", "sort",
        "spath", "stats", "strcat", "streamstats", "summary", "table", "tags", "tail", "timechart",
        "timewrap", "tojson", "top", "transaction", "transpose", "trendline", "tscollect",
        "tstats", "typeahead", "typelearner", "typer", "union", "uniq", "untable", "walklex",
        "where", "x11", "xmlkv", "xmlunescape", "xpath", "xyseries", "deletemodel", "listmodels",
        "summarize", "sample", "ldapsearch", "ldapfilter", "ldapgroup"};
    return cmds.count(lower(name)) > 0;
}

}  // namespace minispl::lint
