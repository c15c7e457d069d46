#include "minispl/ops/makeresults.hpp"
#include "minispl/ops/option_util.hpp"

#include <fmt/format.h>

#include <cmath>
#include <unistd.h>

namespace minispl {

namespace {

//! The name Splunk's splunk_server field holds: the machine the search runs on.
std::string this_host() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0 || !name[0]) return "localhost";
    return name;
}

}  // namespace

MakeresultsOperator::MakeresultsOperator(const ast::GenericCmd& cmd, const OpContext& ctx)
    : time_(std::floor(ctx.eval.now)) {
    for (const auto& a : cmd.args) {
        auto fail = [&](const std::string& m) {
            throw SplError("makeresults", m, a.span.begin, a.span.end > a.span.begin ? a.span.end - a.span.begin : 1);
        };
        if (a.kind != ast::GenericCmd::Arg::Kind::Option) fail("makeresults takes only options (count=, annotate=)");
        const std::string key = opt::lower(a.text);
        if (key == "count") {
            ast::Option o{a.text, a.value, false, a.span, a.span};
            count_ = opt::to_count(o, "makeresults");
            if (count_ > kMaxCount)
                fail(fmt::format("count={} is over the limit of {} results (limits.conf [makeresults] "
                                 "maxresultrows)", count_, kMaxCount));
        } else if (key == "annotate") {
            ast::Option o{a.text, a.value, false, a.span, a.span};
            annotate_ = opt::to_bool(o, "makeresults");
        } else if (key == "splunk_server") {
            if (opt::lower(a.value) != "local")
                fail("splunk_server=" + a.value + ": offline there is only the local machine (splunk_server=local)");
        } else if (key == "format" || key == "data" || key == "splunk_server_group") {
            fail("makeresults " + key + "= is not supported by minispl yet");
        } else {
            fail("unknown makeresults option " + a.text + "= (expected count, annotate, splunk_server)");
        }
    }
}

void MakeresultsOperator::finish() {
    const std::string server = annotate_ ? this_host() : std::string();
    for (int64_t i = 0; i < count_; ++i) {
        Event e;
        e.set("_time", Value::number(time_));
        if (annotate_) e.set("splunk_server", Value::string(server));
        emit(std::move(e));
    }
    Operator::finish();
}

}  // namespace minispl
