// The command table (command_specs.cpp): one row per command, every command the grammar names has
// one, the order facts compile and field usage rely on, and a few rows' flags.
#include "minispl/compile/command_spec.hpp"
#include "minispl/compile/compiler.hpp"
#include "minispl/compile/field_usage.hpp"
#include "minispl/compile/input_plan.hpp"
#include "minispl/compile/output_fields.hpp"
#include "minispl/parse/parser.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace minispl;

namespace {

//! Every command word of the grammar: the `cmd<TAO_PEGTL_ISTRING("name")>` of grammar/spl.hpp.
std::set<std::string> grammar_command_words() {
    std::ifstream in(std::filesystem::path(MINISPL_SOURCE_DIR) / "grammar" / "spl.hpp");
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    static const std::regex word(R"re(cmd<TAO_PEGTL_ISTRING\("([a-z]+)"\)>)re");
    std::set<std::string> out;
    for (std::sregex_iterator it(s.begin(), s.end(), word), end; it != end; ++it) out.insert((*it)[1]);
    return out;
}

//! The command `spl` after a search (a first stage without `|` would be an implicit search).
ast::Command first_command(std::string_view spl) {
    auto p = parse_search("x=1 | " + std::string(spl));
    REQUIRE(p->commands.size() == 2);
    return std::move(p->commands[1]);
}

}  // namespace

TEST_CASE("every command word of the grammar has a row") {
    const auto words = grammar_command_words();
    CHECK(words.size() > 40);  // the regex found the grammar's command words
    for (const auto& w : words) CHECK_MESSAGE(find_command(w) != nullptr, "no CommandSpec row for ", w);
}

TEST_CASE("the table is sorted, one row per name, lower case") {
    std::string_view prev;
    for (const CommandSpec& s : command_specs()) {
        CHECK_MESSAGE(prev < s.name, s.name);
        for (char c : s.name) CHECK_MESSAGE((c >= 'a' && c <= 'z'), s.name);
        CHECK(find_command(s.name) == &s);
        prev = s.name;
    }
}

TEST_CASE("every row that runs or reads fields says whether it reads the input order") {
    // A row left at Unset would silently lose the time ordering before it.
    for (const CommandSpec& s : command_specs())
        if (s.build || s.reads) CHECK_MESSAGE(s.order != OrderUse::Unset, s.name, " does not say whether it reads the order");
}

TEST_CASE("known, supported, unknown") {
    CHECK_FALSE(is_known_command("statz"));
    CHECK(is_known_command("stats"));
    CHECK(is_known_command("cyberchef"));
    CHECK(is_known_command("pivot"));
    CHECK_FALSE(is_supported_command("pivot"));
    CHECK(is_supported_command("stats"));
    CHECK_FALSE(is_supported_command("chart"));
    CHECK_FALSE(is_supported_command("statz"));
}

TEST_CASE("order flags of a few commands") {
    CHECK(reads_input_order(first_command("dedup user")));
    CHECK(reads_input_order(first_command("head 5")));
    CHECK(reads_input_order(first_command("table user")));
    CHECK(reads_input_order(first_command("streamstats count")));
    CHECK_FALSE(reads_input_order(first_command("eval x=1")));
    CHECK_FALSE(reads_input_order(first_command("where x>1")));
    CHECK_FALSE(reads_input_order(first_command("stats count by user")));
    CHECK(reads_input_order(first_command("stats first(x) by user")));
    CHECK(reads_input_order(first_command("eventstats last(x)")));
    CHECK_FALSE(reads_input_order(first_command("statz count")));

    CHECK(replaces_input_order(first_command("stats count")));
    CHECK(replaces_input_order(first_command("sort - x")));
    CHECK(replaces_input_order(first_command("top user")));
    CHECK_FALSE(replaces_input_order(first_command("eventstats count")));
    CHECK_FALSE(replaces_input_order(first_command("dedup user")));
}

TEST_CASE("lint and test facts of a few commands") {
    CHECK(find_command("tstats")->indexed_data);
    CHECK(find_command("datamodel")->indexed_data);
    CHECK_FALSE(find_command("stats")->indexed_data);
    CHECK(find_command("outputlookup")->lookup_table == LookupTableUse::Creates);
    CHECK(find_command("inputlookup")->lookup_table == LookupTableUse::Reads);
    CHECK(find_command("stats")->wildcard_aggregations);
    CHECK_FALSE(find_command("streamstats")->wildcard_aggregations);
}

TEST_CASE("compile sorts by _time before the first command that reads the order, not before others") {
    // `head 1` takes the newest event once sorted; without the time order it would take the first read.
    auto p = parse_search("search x=1 | eval y=x | head 1");
    CompileContext ctx;
    Event a;
    a.set("_time", Value::number(10));
    a.set("x", Value::string("1"));
    Event b;
    b.set("_time", Value::number(20));
    b.set("x", Value::string("1"));
    auto c2 = compile_pipeline(*p, ctx);
    c2->head().push(a);
    c2->head().push(b);
    c2->finish();
    REQUIRE(c2->sink.rows.size() == 1);
    CHECK(c2->sink.rows[0].time() == 20);
}

TEST_CASE("plan_input: projection, leading search, generating pipelines") {
    InputOptions opts;
    auto p = parse_search("eventName=Create* | stats count by userName");
    InputPlan plan = plan_input(*p, opts);
    CHECK(plan.reads_events);
    CHECK(plan.leading_search == &p->commands.front());
    CHECK_FALSE(plan.usage.all);
    CHECK(plan.usage.reads("userName"));
    CHECK_FALSE(plan.prefilter.empty());

    // A sourcetype-derived field's values are not in the raw text: no prefilter on it.
    opts.derived_fields = {"eventName"};
    CHECK(plan_input(*p, opts).prefilter.empty());

    opts = {};
    opts.field_projection = false;
    opts.raw_prefilter = false;
    plan = plan_input(*p, opts);
    CHECK(plan.usage.all);
    CHECK(plan.prefilter.empty());

    auto gen = parse_search("| inputlookup t.csv | table a");
    plan = plan_input(*gen, {});
    CHECK_FALSE(plan.reads_events);
    CHECK(plan.leading_search == nullptr);

    plan = time_only_input();
    CHECK(plan.reads_events);
    CHECK(plan.usage.names == std::vector<std::string>{"_time"});
    CHECK_FALSE(plan.usage.reads("user"));
    CHECK(plan.prefilter.empty());
    CHECK(plan.leading_search == nullptr);

    // A leading search with a subsearch stays in the pipeline: the compiler substitutes it.
    auto sub = parse_search("x=1 [| inputlookup t.csv | fields x] | stats count");
    CHECK(plan_input(*sub, {}).leading_search == nullptr);
}

TEST_CASE("output_fields asks each row what it writes") {
    auto fields = [](std::string_view spl) { return output_fields(*parse_search(spl)); };
    CHECK_FALSE(fields("x=1 | eval y=1").has_value());
    CHECK(fields("x=1 | stats count by user | rename user AS u | eval z=1") ==
          std::vector<std::string>{"count", "u", "z"});
    CHECK(fields("x=1 | table a b | fields - b | dedup a | sort a | head 3") == std::vector<std::string>{"a"});
    CHECK_FALSE(fields("x=1 | table a | xmlkv").has_value());  // a row without `writes`: unknown
    CHECK_FALSE(fields("x=1 | table a | statz").has_value());  // no row at all: unknown
    CHECK(rex_group_names(R"((?<a>x)(?P<b>y))") == std::vector<std::string>{"a", "b"});
}
