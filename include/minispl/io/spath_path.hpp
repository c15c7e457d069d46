#pragma once
// spath's path syntax and its walk over JSON and XML: one parser for the spath command and the
// spath() eval function.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace minispl {

//! A parsed spath path: `a.b{}.c{2}.d{@x}`. `{}` every element of an array (on a non-array:
//! the node itself, as security_content writes requestParameters{}.bucketName), `{N}` the Nth
//! element counting from 1, `{@x}` an XML attribute. A key may carry several indexes (`a{}{}`):
//! each further index is a keyless step.
struct SpathPath {
    struct Step {
        std::string key;  //!< empty: the step is only an index on the current node
        enum class Index { None, All, Nth, Attr } index = Index::None;
        size_t nth = 0;  //!< 1-based
        std::string attr;
    };
    std::vector<Step> steps;

    //! Parses `path`; on a malformed one (unclosed `{`, an index that is not a position >= 1)
    //! returns nullopt with `error` set.
    static std::optional<SpathPath> parse(std::string_view path, std::string& error);
    //! The path as XML flattening names it: keys joined by '.', attributes as {@x}, positions dropped.
    std::string xml_name() const;
};

//! The values at `path` in `doc`, appended to `out`: for JSON a string's text unescaped, any other
//! value its JSON text as written, null nothing; for XML (a document starting with '<') the text
//! or attribute values at the path (entities decoded). A document that is neither (or broken JSON)
//! gives nothing.
void spath_values(std::string_view doc, const SpathPath& path, std::vector<std::string>& out);

}  // namespace minispl
