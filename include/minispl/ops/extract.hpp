#pragma once
#include "minispl/ops/context.hpp"
#include "minispl/ops/operator.hpp"
#include "minispl/parse/ast.hpp"

#include <string>

namespace minispl {

//! `extract [pairdelim="..."] [kvdelim="..."] [limit=N] [maxchars=N] [clean_keys=b] [mv_add=b]`
//! splits _raw into pairs at any pairdelim character (default: space, comma, semicolon, tab,
//! newline), each pair at its first kvdelim character (default '='), and adds key=value fields
//! (values trimmed, surrounding quotes removed) without overwriting fields the event has.
//! clean_keys (default true) turns characters other than letters, digits and '_' in keys into '_';
//! mv_add=t collects repeated keys into a multivalue (default: the first value wins).
//! Named extractors (transforms.conf stanzas) are not supported: SplError("unsupported").
class ExtractOperator : public Operator {
public:
    ExtractOperator(const ast::GenericCmd& cmd, const OpContext& ctx);
    void push(Event event) override;

private:
    std::string pairdelim_ = " ,;\t\r\n";
    std::string kvdelim_ = "=";
    size_t limit_ = 50;
    size_t maxchars_ = 10240;
    bool clean_keys_ = true;
    bool mv_add_ = false;
};

}  // namespace minispl
