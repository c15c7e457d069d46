// Field projection: a projected flatten gives exactly the full flatten restricted to the wanted
// names, on handwritten JSON (every subset of names) and on real attack_data records.
#include "minispl/io/event_reader.hpp"
#include "minispl/io/field_projection.hpp"
#include "minispl/io/json_flatten.hpp"

#include "tests/support/attack_data.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <random>
#include <set>
#include <sstream>

using namespace minispl;

namespace {

// Name, type and every value of each field, in order: what "the same fields" means here.
std::string describe(const std::vector<Event::Field>& fields) {
    std::ostringstream out;
    for (const auto& [name, v] : fields) {
        out << name << '|' << static_cast<int>(v.type());
        for (const auto& x : v.mv_values()) out << '|' << x;
        out << '\n';
    }
    return out.str();
}

std::vector<Event::Field> restricted(const Event& full, const std::set<std::string>& names) {
    std::vector<Event::Field> out;
    for (const auto& f : full.fields())
        if (names.count(f.first)) out.push_back(f);
    return out;
}

std::vector<std::string> field_names(const Event& e) {
    std::vector<std::string> n;
    for (const auto& f : e.fields()) n.push_back(f.first);
    return n;
}

//! Projected flatten of `json` on `names` equals the full flatten restricted to `names`.
void check_projection(std::string_view json, const std::vector<std::string>& names) {
    Event full;
    REQUIRE(flatten_json(json, full));
    FieldProjection p = FieldProjection::of(names);
    Event projected;
    REQUIRE(flatten_json(json, projected, &p));
    std::set<std::string> set(names.begin(), names.end());
    CHECK_MESSAGE(describe(projected.fields()) == describe(restricted(full, set)), json);
}

//! Distinct JSON records of the attack_data mirror (*.json files), at most 1000 of each.
const std::vector<std::string>& real_records() {
    static const std::vector<std::string> records = test::attack_data_records(1000);
    return records;
}

//! CloudTrail records among real_records().
std::vector<std::string> cloudtrail_records() {
    std::vector<std::string> out;
    for (const auto& r : real_records())
        if (r.find("\"eventSource\"") != std::string::npos && r.find("\"eventName\"") != std::string::npos)
            out.push_back(r);
    return out;
}

}  // namespace

TEST_CASE("projection: wants, descends, wants_raw") {
    FieldProjection p = FieldProjection::of({"eventName", "userIdentity.arn",
                                             "requestParameters.createVolumePermission.add.items{}.userId", "a{}",
                                             "m{}{}", "_raw", "eventName"});
    CHECK(p.names().size() == 6);
    CHECK(p.wants_raw());
    CHECK(p.wants("eventName"));
    CHECK(p.wants("userIdentity.arn"));
    CHECK(p.wants("a{}"));
    CHECK(p.wants("m{}{}"));
    CHECK(!p.wants("userIdentity"));
    CHECK(!p.wants("a"));
    CHECK(!p.wants("eventNam"));
    CHECK(!p.wants("eventNames"));
    CHECK(!p.wants(""));
    CHECK(p.descends("userIdentity"));
    CHECK(p.descends("requestParameters"));
    CHECK(p.descends("requestParameters.createVolumePermission"));
    CHECK(p.descends("requestParameters.createVolumePermission.add"));
    CHECK(p.descends("requestParameters.createVolumePermission.add.items"));
    CHECK(p.descends("requestParameters.createVolumePermission.add.items{}"));
    CHECK(!p.descends("requestParameters.createVolumePermission.add.items{}.userId"));
    CHECK(p.descends("a"));
    CHECK(!p.descends("a{}"));
    CHECK(p.descends("m"));
    CHECK(p.descends("m{}"));
    CHECK(!p.descends("m{}{}"));
    CHECK(!p.descends("eventName"));
    CHECK(!p.descends("userIdentity.arn"));
    CHECK(!p.descends("userIdentity.ar"));
    CHECK(!p.descends("requestParameters.createVolume"));
    CHECK(!p.descends("_raw"));

    CHECK(!FieldProjection::of({"eventName"}).wants_raw());
    FieldProjection empty = FieldProjection::of({});
    CHECK(!empty.wants("a"));
    CHECK(!empty.descends("a"));

    // Copies and moves own their names (the tables hold offsets, not pointers).
    FieldProjection copy = p;
    FieldProjection moved = std::move(p);
    p = FieldProjection::of({"x"});
    CHECK(copy.wants("userIdentity.arn"));
    CHECK(copy.descends("m{}"));
    CHECK(moved.wants("userIdentity.arn"));
    CHECK(moved.descends("requestParameters.createVolumePermission.add.items{}"));
}

TEST_CASE("projection: many names, every one found and no near miss") {
    std::vector<std::string> names;
    for (int i = 0; i < 500; ++i) names.push_back("requestParameters.item" + std::to_string(i) + ".value");
    FieldProjection p = FieldProjection::of(names);
    for (int i = 0; i < 500; ++i) {
        CHECK(p.wants("requestParameters.item" + std::to_string(i) + ".value"));
        CHECK(p.descends("requestParameters.item" + std::to_string(i)));
        CHECK(!p.wants("requestParameters.item" + std::to_string(i) + ".valuE"));
        CHECK(!p.descends("requestParameters.item" + std::to_string(i + 500)));
    }
}

TEST_CASE("projection: handwritten JSON, every subset of the names equals the restricted full flatten") {
    const char* docs[] = {
        // arrays of objects, a name both direct and under an array
        R"({"requestParameters":{"createVolumePermission":{"add":{"items":[{"userId":"111"},{"userId":"222"},{"group":"all"}]}}},
            "resources":[{"ARN":"a1","type":"t"},{"ARN":"a2"}],"eventName":"ModifySnapshotAttribute"})",
        // nested arrays, arrays of arrays of objects, scalars mixed with objects
        R"({"m":[[1,2],[3]],"o":[{"p":[{"q":"x"},{"q":"y"}]},{"p":[{"q":"z"}]}],"mix":[1,{"k":"v"},[true,null]],"e":[]})",
        // duplicate keys, a dotted key colliding with a nested one
        R"({"a":"1","b":{"c":"2"},"a":"3","b.c":"4","d":[{"x":"5"}],"d{}.x":"6"})",
        // escaped keys and values, unicode
        R"({"a\"b":"q","c\\d":{"e\u0041":"\u00e9"},"tab\tkey":"x\ny","plain":"p"})",
        // keys containing dots and braces, numbers keep their text, null/empty produce nothing
        R"({"x.y":{"z":1.50},"w{}":["s"],"n":null,"eo":{},"big":123456789012345678901234,"t":true,"f":false})",
        // an object inside an array inside an object inside an array, repeated names across levels
        R"({"r":[{"s":{"t":[{"u":"1"},{"u":"2"}]},"u":"3"},{"s":{"t":[{"u":"4"}]}}],"u":"top"})",
    };
    for (const char* doc : docs) {
        Event full;
        REQUIRE(flatten_json(doc, full));
        std::vector<std::string> names = field_names(full);
        // plus names that do not occur and bare prefixes (which name no scalar)
        names.push_back("nope");
        names.push_back("m{}");
        names.push_back("requestParameters");
        REQUIRE(names.size() <= 14);
        for (uint32_t mask = 0; mask < (1u << names.size()); ++mask) {
            std::vector<std::string> subset;
            for (size_t i = 0; i < names.size(); ++i)
                if (mask & (1u << i)) subset.push_back(names[i]);
            check_projection(doc, subset);
        }
    }
}

TEST_CASE("projection: multivalues under arrays and merged repeats stay as in the full flatten") {
    FieldProjection p = FieldProjection::of({"o{}.p{}.q", "a", "m{}{}"});
    Event e;
    REQUIRE(flatten_json(R"({"a":"1","o":[{"p":[{"q":"x"},{"q":"y"}],"z":"n"},{"p":[{"q":"z"}]}],"m":[[1,2],[3]],"a":"2"})",
                         e, &p));
    CHECK(field_names(e) == std::vector<std::string>{"a", "o{}.p{}.q", "m{}{}"});
    CHECK(e.get("o{}.p{}.q").mv_values() == std::vector<std::string>{"x", "y", "z"});
    CHECK(e.get("m{}{}").mv_values() == std::vector<std::string>{"1", "2", "3"});
    CHECK(e.get("a").mv_values() == std::vector<std::string>{"1", "2"});
}

TEST_CASE("projection: into an event that already has fields (set, not append)") {
    FieldProjection p = FieldProjection::of({"a", "b.c"});
    Event e;
    e.set("a", Value::string("old"));
    e.set("keep", Value::string("k"));
    REQUIRE(flatten_json(R"({"a":"new","b":{"c":"1","d":"2"},"x":"3"})", e, &p));
    CHECK(field_names(e) == std::vector<std::string>{"a", "keep", "b.c"});
    CHECK(e.get("a").str() == "new");
}

TEST_CASE("projection: invalid JSON is still rejected") {
    FieldProjection p = FieldProjection::of({"a"});
    FieldProjection none = FieldProjection::of({});
    for (const char* bad : {"", "   ", "[1,2]", "\"a\"", "1", "{\"a\":1} x", "{\"a\":1}}", "{\"a\":1,\"b\":{\"c\":2}",
                            "{\"b\":{\"c\":2},\"a\":1", "{\"b\":[1,2,\"a\":1}", "{\"b\":{\"c\":\"x}}", "{\"a\":1,}",
                            "{\"b\":{\"c\":2}}{\"a\":1}", "{\"b\" 1,\"a\":1}", "{\"b\":{\"c\":2} \"a\":1}"}) {
        for (const FieldProjection* proj : {&p, &none}) {
            Event e;
            CHECK_MESSAGE(!flatten_json(bad, e, proj), bad);
            CHECK(e.size() == 0);
        }
    }
}

TEST_CASE("projection: every truncation of a real CloudTrail line is rejected") {
    auto lines = cloudtrail_records();
    if (lines.empty()) return;  // no attack_data mirror
    FieldProjection small = FieldProjection::of({"eventName"});
    FieldProjection six = FieldProjection::of({"eventName", "eventSource", "awsRegion", "eventType", "sourceIPAddress", "eventTime"});
    FieldProjection none = FieldProjection::of({});
    // The first 100 bytes of a line, as the brief of this feature names it, then every cut of a few lines.
    for (const auto& line : lines) {
        if (line.size() <= 100) continue;
        Event e;
        CHECK(!flatten_json(std::string_view(line).substr(0, 100), e, &small));
    }
    for (size_t k = 0; k < lines.size() && k < 20; ++k) {
        std::string_view line = lines[k * (lines.size() / 20 + 1) % lines.size()];
        for (size_t n = 0; n < line.size(); ++n) {
            std::string_view cut = line.substr(0, n);
            // a cut that only drops trailing spaces is not a truncation
            if (cut.find_last_not_of(" \t\r\n") == line.find_last_not_of(" \t\r\n")) continue;
            for (const FieldProjection* proj : {&small, &six, &none}) {
                Event e;
                if (flatten_json(cut, e, proj)) FAIL_CHECK("accepted a truncated line: " << cut);
            }
        }
    }
}

TEST_CASE("projection: real records, random subsets of their names equal the restricted full flatten") {
    const auto& records = real_records();
    if (records.empty()) return;  // no attack_data mirror
    MESSAGE(records.size() << " distinct real records");
    CHECK(records.size() >= 1000);
    std::mt19937 rng(20240607);
    size_t checked = 0;
    for (const auto& json : records) {
        Event full;
        if (!flatten_json(json, full)) continue;
        std::vector<std::string> names = field_names(full);
        for (int round = 0; round < 4; ++round) {
            std::vector<std::string> subset;
            std::uniform_int_distribution<int> keep_one(0, round == 0 ? 1 : 9);  // ~1/2, then ~1/10
            for (const auto& n : names)
                if (keep_one(rng) == 0) subset.push_back(n);
            if (round == 3) subset.push_back("_raw");
            check_projection(json, subset);
            ++checked;
        }
    }
    CHECK(checked >= 4000);
}

TEST_CASE("projection: read_flat_events adds _raw only when wanted") {
    const std::filesystem::path file = std::filesystem::temp_directory_path() / "minispl_projection_test.json";
    {
        std::FILE* f = std::fopen(file.c_str(), "w");
        REQUIRE(f);
        std::fputs("{\"a\":\"1\",\"b\":{\"c\":\"2\"}}\n{\"a\":\"3\",\"z\":[1]}\n{\"a\":\n", f);
        std::fclose(f);
    }
    auto read = [&](const FieldProjection* p) {
        std::vector<std::vector<std::string>> out;
        ReadStats stats;
        read_flat_events(
            file, [&](Event& e, uint64_t) { out.push_back(field_names(e)); }, stats, {}, p);
        CHECK(stats.events == 2);
        CHECK(stats.bad_records == 1);
        return out;
    };
    FieldProjection no_raw = FieldProjection::of({"b.c"});
    FieldProjection with_raw = FieldProjection::of({"b.c", "_raw"});
    CHECK(read(nullptr) == std::vector<std::vector<std::string>>{{"_raw", "a", "b.c"}, {"_raw", "a", "z{}"}});
    CHECK(read(&no_raw) == std::vector<std::vector<std::string>>{{"b.c"}, {}});
    CHECK(read(&with_raw) == std::vector<std::vector<std::string>>{{"_raw", "b.c"}, {"_raw"}});
    std::filesystem::remove(file);
}

TEST_CASE("projection: time to flatten 10k real CloudTrail lines, full vs 6 fields (a measurement, not a check)") {
    auto lines = cloudtrail_records();
    if (lines.empty()) return;
    std::vector<std::string_view> batch;
    while (batch.size() < 10000) batch.push_back(lines[batch.size() % lines.size()]);
    FieldProjection six = FieldProjection::of({"eventName", "eventSource", "awsRegion", "eventType", "sourceIPAddress", "eventTime"});
    auto time_it = [&](const FieldProjection* p) {
        double best = 1e9;
        size_t fields = 0;
        for (int rep = 0; rep < 5; ++rep) {
            fields = 0;
            auto t0 = std::chrono::steady_clock::now();
            for (auto line : batch) {
                Event e;
                flatten_json(line, e, p);
                fields += e.size();
            }
            best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        }
        return std::make_pair(best, fields);
    };
    auto [full_ms, full_fields] = time_it(nullptr);
    auto [six_ms, six_fields] = time_it(&six);
    MESSAGE("flatten 10k CloudTrail lines (" << lines.size() << " distinct, mean "
            << full_fields / batch.size() << " fields): full " << full_ms << " ms, 6-field projection " << six_ms
            << " ms (" << six_fields / static_cast<double>(batch.size()) << " fields/event)");
    CHECK(six_fields <= 6 * batch.size());
}
