#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <string>
#include <vector>

namespace minispl {

//! `convert [timeformat=F] fn(field) [as alias] ...`: per value of the field (wildcards allowed)
//! ctime (epoch → text, F default "%m/%d/%Y %H:%M:%S", UTC), mktime (text → epoch), dur2sec
//! ("[D+]HH:MM:SS"), mstime ("[MM:]SS.SSS"), memk (kilobytes from k/m/g sizes), rmcomma,
//! rmunit (leading number), auto (best numeric reading, or untouched), num (as auto, but
//! unconvertible fields are removed), none (exempts fields from the other conversions).
//! A value that does not convert is left as it was (num removes it). With `as`, the original stays.
class ConvertOperator : public Operator {
public:
    //! Throws SplError("convert") for an unknown function or option.
    ConvertOperator(const ast::ConvertCmd& cmd, const OpContext& ctx);
    void push(Event event) override;

private:
    struct Conversion { std::string function, field, alias; };
    std::vector<Conversion> conversions_;
    std::vector<std::string> exempt_;  //!< none(...) fields
    std::string timeformat_ = "%m/%d/%Y %H:%M:%S";
};

}  // namespace minispl
