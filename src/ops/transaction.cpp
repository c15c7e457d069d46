#include "minispl/ops/transaction.hpp"

#include "minispl/ops/bin.hpp"
#include "minispl/ops/field_key.hpp"
#include "minispl/ops/option_util.hpp"
#include "minispl/parse/parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace minispl {

namespace {

double duration_option(const ast::Option& o) {
    auto span = parse_time_span(o.value);
    if (!span || span->count < 0)
        throw SplError("transaction", o.key + "= wants a time span such as 30s, 5m or 2h, got \"" + o.value + "\"",
                       o.value_span.begin, std::max<uint32_t>(1, o.value_span.end - o.value_span.begin));
    return span_seconds(*span);
}

}  // namespace

TransactionOperator::~TransactionOperator() = default;

bool TransactionOperator::Condition::matches(const Event& e) const {
    if (eval) return eval->test(e);
    return search && search->matches(e);
}

TransactionOperator::Condition TransactionOperator::condition(const ast::Option& o, const OpContext& ctx) const {
    Condition c;
    std::string text = o.value;
    try {
        if (!o.quoted && opt::lower(text.substr(0, 5)) == "eval(" && text.back() == ')') {
            c.eval_ast = parse_eval_expression(std::string_view(text).substr(5, text.size() - 6));
            c.eval = std::make_unique<Evaluator>(*c.eval_ast, ctx.eval);
        } else {
            c.search_ast = parse_search_expression(text);
            if (c.search_ast) c.search.emplace(*c.search_ast, ctx.eval);
            else throw SplError("transaction", "empty " + o.key + "=");
        }
    } catch (SplError& e) {
        // Point at the option: the offsets are within its value.
        Diagnostic& d = e.diagnostic();
        d.offset = o.value_span.begin + (o.quoted ? 1 : 0) + std::min<uint32_t>(d.offset, static_cast<uint32_t>(text.size()));
        d.message = o.key + "=: " + d.message;
        throw;
    }
    return c;
}

TransactionOperator::TransactionOperator(const ast::TransactionCmd& cmd, const OpContext& ctx)
    : maxopentxn_(ctx.limits.transaction_maxopentxn), maxopenevents_(ctx.limits.transaction_maxopenevents), ctx_(ctx) {
    for (const auto& o : cmd.options) {
        std::string k = opt::lower(o.key);
        if (k == "startswith") starts_.emplace(condition(o, ctx));
        else if (k == "endswith") ends_.emplace(condition(o, ctx));
        else if (k == "maxspan") maxspan_ = duration_option(o);
        else if (k == "maxpause") maxpause_ = duration_option(o);
        else if (k == "maxevents") maxevents_ = static_cast<size_t>(opt::to_count(o, "transaction"));
        else if (k == "keepevicted") keepevicted_ = opt::to_bool(o, "transaction");
        else if (k == "mvlist") mvlist_ = opt::to_bool(o, "transaction");
        // connected only matters for events that carry some but not all of the fields; minispl
        // leaves such events out. The others are memory limits and rendering.
        else if (k == "connected") opt::to_bool(o, "transaction");
        else if (k == "maxopentxn") maxopentxn_ = std::max<size_t>(1, opt::to_count(o, "transaction"));
        else if (k == "maxopenevents") maxopenevents_ = std::max<size_t>(1, opt::to_count(o, "transaction"));
        else if (k != "unifyends" && k != "keeporphans" && k != "delim" &&
                 k != "nullstr" && k != "mvraw")
            opt::unknown(o, "transaction");
    }
    for (const auto& f : cmd.fields) fields_.push_back(f.name);
}

void TransactionOperator::push(Event event) { input_.push_back(std::move(event)); }

void TransactionOperator::close(Open& txn, bool started, bool evicted) {
    if (txn.events.empty()) return;
    bool complete = !evicted && (!starts_ || started) && (!ends_ || txn.ended);
    if (!complete && !keepevicted_) {
        txn.events.clear();
        return;
    }
    Event out;
    std::vector<std::string> order;
    std::map<std::string, std::vector<std::string>> values;
    std::map<std::string, std::set<std::string>> seen;
    std::string raw;
    double earliest = txn.events.back().time(), latest = txn.events.front().time();
    for (auto it = txn.events.rbegin(); it != txn.events.rend(); ++it) {  // oldest first
        earliest = std::min(earliest, it->time());
        latest = std::max(latest, it->time());
        for (const auto& [name, value] : it->fields()) {
            if (name == "_time") continue;
            if (name == "_raw") {
                if (!raw.empty()) raw += '\n';
                raw += value.to_string();
                continue;
            }
            if (!values.count(name)) order.push_back(name);
            auto& vals = values[name];
            for (auto& v : value.mv_values())
                if (mvlist_ || seen[name].insert(v).second) vals.push_back(std::move(v));
        }
    }
    out.set("_time", Value::string(format_number(earliest)));
    if (!raw.empty()) out.set("_raw", Value::string(raw));
    for (const auto& name : order) out.set(name, Value::multi(std::move(values[name])));
    out.set("duration", Value::string(format_number(latest - earliest)));
    out.set("eventcount", Value::string(std::to_string(txn.events.size())));
    if (keepevicted_) out.set("closed_txn", Value::string(complete ? "1" : "0"));
    done_.push_back(std::move(out));
    txn.events.clear();
}

void TransactionOperator::finish() {
    // Events arrive newest first (the compiler orders them before this command).
    using Key = std::vector<std::string>;
    std::map<Key, Open> open;
    // The open pool, least recently used first (Splunk evicts by LRU past maxopentxn/maxopenevents).
    std::set<std::pair<uint64_t, Open*>> lru;
    uint64_t clock = 0;
    size_t open_events = 0, evicted = 0;
    auto shut = [&](Open& txn, bool started, bool evict = false) {
        lru.erase({txn.touched, &txn});
        open_events -= txn.events.size();
        close(txn, started, evict);
    };
    for (Event& e : input_) {
        auto key = field_key(e, fields_);
        if (!key) continue;
        Open& txn = open[*key];
        double t = e.time();
        if (!txn.events.empty()) {
            double newest = txn.events.front().time(), oldest = txn.events.back().time();
            if ((maxspan_ >= 0 && newest - t > maxspan_) || (maxpause_ >= 0 && oldest - t > maxpause_) ||
                txn.events.size() >= maxevents_)
                shut(txn, false);
        }
        bool is_end = ends_ && ends_->matches(e);
        if (is_end) {
            shut(txn, false);
            txn.ended = true;
        } else if (txn.events.empty()) {
            if (ends_ && !keepevicted_) continue;  // an event after the last end: no transaction
            txn.ended = false;
        }
        bool is_start = starts_ && starts_->matches(e);
        lru.erase({txn.touched, &txn});
        txn.touched = ++clock;
        lru.insert({txn.touched, &txn});
        txn.events.push_back(std::move(e));
        ++open_events;
        if (is_start) {
            shut(txn, true);
            continue;
        }
        while (lru.size() > maxopentxn_ || open_events > maxopenevents_) {
            Open* victim = lru.begin()->second;
            if (victim == &txn && lru.size() == 1) break;  // one transaction over maxopenevents: keep it
            shut(*victim, false, true);
            ++evicted;
        }
    }
    if (evicted)
        ctx_.notice(fmt::format("transaction: {} open transactions evicted (maxopentxn={}, maxopenevents={}){}",
                                evicted, maxopentxn_, maxopenevents_,
                                keepevicted_ ? ", kept with closed_txn=0" : ", dropped (keepevicted=false)"));
    for (auto& [key, txn] : open) close(txn, false);
    input_.clear();
    std::stable_sort(done_.begin(), done_.end(), [](const Event& a, const Event& b) { return a.time() > b.time(); });
    for (auto& e : done_) emit(std::move(e));
    done_.clear();
    Operator::finish();
}

}  // namespace minispl
