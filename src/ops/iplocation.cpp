#include "minispl/ops/iplocation.hpp"
#include "minispl/ops/option_util.hpp"

#include "minispl/core/diagnostic.hpp"

#include <GeoIP.h>
#include <arpa/inet.h>

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace minispl {

namespace {

using opt::lower;

// The databases, opened once into memory (lookups on a memory-cached database only read it).
struct GeoDb {
    GeoIP* v4 = nullptr;
    GeoIP* v6 = nullptr;
    std::string dir;
    GeoDb() {
        const char* env = std::getenv("MINISPL_GEOIP_DIR");
        dir = env && *env ? env : "/usr/share/GeoIP";
        std::error_code ec;
        if (std::filesystem::is_regular_file(dir + "/GeoIP.dat", ec)) v4 = GeoIP_open((dir + "/GeoIP.dat").c_str(), GEOIP_MEMORY_CACHE);
        if (std::filesystem::is_regular_file(dir + "/GeoIPv6.dat", ec)) v6 = GeoIP_open((dir + "/GeoIPv6.dat").c_str(), GEOIP_MEMORY_CACHE);
    }
    ~GeoDb() {
        if (v4) GeoIP_delete(v4);
        if (v6) GeoIP_delete(v6);
    }
};

const GeoDb& geo_db() {
    static const GeoDb db;
    return db;
}

const char* continent_name(const char* code) {
    if (!code) return "";
    static const char* const table[][2] = {{"AF", "Africa"},        {"AN", "Antarctica"},    {"AS", "Asia"},
                                           {"EU", "Europe"},        {"NA", "North America"}, {"OC", "Oceania"},
                                           {"SA", "South America"}};
    for (const auto& row : table)
        if (std::strcmp(row[0], code) == 0) return row[1];
    return "";
}

// GeoIP country id of an address (0: unknown). Only literal addresses: the _by_name calls
// would resolve host names through DNS.
int country_id(const std::string& ip) {
    const GeoDb& db = geo_db();
    GeoIPLookup gl{};
    unsigned char buf[16];
    if (inet_pton(AF_INET, ip.c_str(), buf) == 1) return db.v4 ? GeoIP_id_by_addr_gl(db.v4, ip.c_str(), &gl) : 0;
    if (inet_pton(AF_INET6, ip.c_str(), buf) == 1) return db.v6 ? GeoIP_id_by_addr_v6_gl(db.v6, ip.c_str(), &gl) : 0;
    return 0;
}

}  // namespace

IplocationOperator::IplocationOperator(const ast::FieldsCmd& cmd, const OpContext&) {
    for (const auto& o : cmd.options) {
        std::string key = lower(o.key);
        if (key == "prefix") prefix_ = o.value;
        else if (key == "allfields") allfields_ = lower(o.value) == "t" || lower(o.value) == "true" || o.value == "1";
        else if (key == "lang") continue;  // the legacy database has English names only
        else
            throw SplError("iplocation", "unknown iplocation option " + o.key + "= (expected prefix, allfields, lang)",
                           o.span.begin, o.span.end > o.span.begin ? o.span.end - o.span.begin : 1);
    }
    if (cmd.fields.size() != 1) throw SplError("iplocation", "iplocation takes one IP address field");
    field_ = cmd.fields[0].name;
    if (!geo_db().v4)
        throw SplError("unsupported", "iplocation needs the GeoIP country database (Debian package geoip-database) in " +
                                          geo_db().dir);
}

void IplocationOperator::push(Event event) {
    const Value* v = event.find(field_);
    int id = 0;
    if (v && v->mv_size()) {
        std::string ip = v->mv_at(0);
        size_t b = ip.find_first_not_of(" \t"), e = ip.find_last_not_of(" \t");
        id = b == std::string::npos ? 0 : country_id(ip.substr(b, e - b + 1));
    }
    const char* code = id > 0 ? GeoIP_code_by_id(id) : nullptr;
    // "--" and the pseudo-countries A1 (anonymous proxy) and A2 (satellite) are no country.
    bool known = code && std::strcmp(code, "--") != 0 && std::strcmp(code, "A1") != 0 && std::strcmp(code, "A2") != 0;
    const char* name = known ? GeoIP_name_by_id(id) : nullptr;
    event.set(prefix_ + "Country", Value::string(name ? name : ""));
    if (allfields_) event.set(prefix_ + "Continent", Value::string(known ? continent_name(GeoIP_continent_by_id(id)) : ""));
    emit(std::move(event));
}

}  // namespace minispl
