#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <string>

namespace minispl {

//! `iplocation [prefix=p] [allfields=b] [lang=x] ipfield` adds the location of the IP address in
//! ipfield (first value of a multivalue) as p+Country, and with allfields=true p+Continent.
//! The data is Debian's geoip-database (legacy GeoIP country databases GeoIP.dat / GeoIPv6.dat,
//! read with libGeoIP): it knows countries only, so City, Region, lat, lon (and MetroCode,
//! Timezone) stay absent, as Splunk leaves a field empty when its database does not know it.
//! Private, reserved or unknown addresses and non-addresses give an empty Country.
//! The database directory is /usr/share/GeoIP, or $MINISPL_GEOIP_DIR.
class IplocationOperator : public Operator {
public:
    //! Throws SplError("iplocation") for a bad option, ("unsupported") when the database is missing.
    IplocationOperator(const ast::FieldsCmd& cmd, const OpContext& ctx);
    void push(Event event) override;

private:
    std::string field_, prefix_;
    bool allfields_ = false;
};

}  // namespace minispl
