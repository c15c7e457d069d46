#include "minispl/io/result_writer.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace minispl;

namespace {
Event row(std::vector<std::pair<std::string, Value>> fs) {
    Event e;
    for (auto& [k, v] : fs) e.set(k, v);
    return e;
}
}  // namespace

TEST_CASE("columns: first-seen order, internal fields hidden except _time and _raw") {
    std::vector<Event> rows = {row({{"_time", Value::string("1")}, {"a", Value::string("x")}, {"_cd", Value::string("1:2")}}),
                               row({{"b", Value::string("y")}, {"a", Value::string("z")}, {"_raw", Value::string("r")}})};
    CHECK(result_columns(rows) == std::vector<std::string>{"_time", "a", "b", "_raw"});
}

TEST_CASE("table: aligned, multivalue one value per line, _time as a UTC date") {
    std::vector<Event> rows = {
        row({{"_time", Value::string("1546300800")}, {"user", Value::string("bob")}, {"ips", Value::multi({"1.1.1.1", "2.2.2.2"})}}),
        row({{"_time", Value::string("1546300800.5")}, {"user", Value::string("alice-long")}})};
    std::ostringstream out;
    write_table(out, rows);
    CHECK(out.str() ==
          "_time                    user        ips\n"
          "-----------------------  ----------  -------\n"
          "2019-01-01 00:00:00      bob         1.1.1.1\n"
          "                                     2.2.2.2\n"
          "2019-01-01 00:00:00.500  alice-long\n");
}

TEST_CASE("table: no rows writes nothing; given columns are used as is") {
    std::ostringstream out;
    write_table(out, {});
    CHECK(out.str().empty());
    write_table(out, {row({{"a", Value::string("1")}, {"b", Value::string("2")}})}, {"b", "c"});
    CHECK(out.str() == "b  c\n-  -\n2\n");
}

TEST_CASE("json lines: every field, multivalue as array, escapes") {
    std::ostringstream out;
    write_json_lines(out, {row({{"_raw", Value::string("{\"q\":1}")}, {"n", Value::number(3)},
                                {"mv", Value::multi({"a", "b"})}, {"t", Value::string("x\ty\n\x01")}})});
    CHECK(out.str() == "{\"_raw\":\"{\\\"q\\\":1}\",\"n\":\"3\",\"mv\":[\"a\",\"b\"],\"t\":\"x\\ty\\n\\u0001\"}\n");
}

TEST_CASE("csv: RFC 4180 quoting, multivalue joined by newline") {
    std::ostringstream out;
    write_csv(out, {row({{"a", Value::string("plain")}, {"b", Value::string("x,\"y\"")}}),
                    row({{"a", Value::multi({"1", "2"})}, {"c", Value::string(" sp")}})});
    CHECK(out.str() == "a,b,c\nplain,\"x,\"\"y\"\"\",\n\"1\n2\",,\" sp\"\n");
}

TEST_CASE("streaming writers") {
    CHECK(parse_output_format("csv") == OutputFormat::Csv);
    CHECK(parse_output_format("json") == OutputFormat::Json);
    CHECK(parse_output_format("table") == OutputFormat::Table);
    CHECK(!parse_output_format("xml"));
    std::ostringstream out;
    auto w = make_result_writer(OutputFormat::Csv, out, {"a"});
    w->write(row({{"a", Value::string("1")}}));
    w->write(row({{"b", Value::string("2")}}));
    w->finish();
    CHECK(out.str() == "a\n1\n\n");
    std::ostringstream t;
    auto tw = make_result_writer(OutputFormat::Table, t);
    tw->write(row({{"a", Value::string("1")}}));
    tw->finish();
    CHECK(t.str() == "a\n-\n1\n");
}
