// Choosing a file's record format from its content and declared sourcetype.
#include "minispl/io/record_format.hpp"

#include "record_stream.hpp"

namespace minispl {

namespace {
bool iequals_prefix(std::string_view s, std::string_view prefix_lower) {
    if (s.size() < prefix_lower.size()) return false;
    for (size_t i = 0; i < prefix_lower.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        if (c != prefix_lower[i]) return false;
    }
    return true;
}
}  // namespace

bool windows_event_sourcetype(std::string_view st) {
    for (std::string_view base : {std::string_view("xmlwineventlog"), std::string_view("wineventlog")})
        if (iequals_prefix(st, base) && (st.size() == base.size() || st[base.size()] == ':')) return true;
    return false;
}

const RecordFormat* detect_format(std::string_view head, std::string_view sourcetype) {
    using detail::skip_space_and_bom;
    // EVTX: the file header's signature, at offset 0 (a binary file: no BOM or spaces before it)
    if (head.substr(0, 8) == std::string_view("ElfFile\0", 8)) return &evtx_format();
    size_t i = skip_space_and_bom(head);
    if (i >= head.size()) return nullptr;
    std::string_view rest = head.substr(i);
    if (rest.substr(0, 6) == "<Event" || rest.substr(0, 5) == "<?xml" || rest.substr(0, 4) == "<!--")
        return &xml_event_format();
    if (rest[0] == '[') return &json_array_format();
    if (rest[0] == '{') {
        // {"Records": [ ... — CloudTrail's S3 delivery format
        size_t j = skip_space_and_bom(head, i + 1);
        static constexpr std::string_view key = "\"Records\"";
        if (head.substr(j, key.size()) == key) {
            j = skip_space_and_bom(head, j + key.size());
            if (j < head.size() && head[j] == ':') {
                j = skip_space_and_bom(head, j + 1);
                if (j < head.size() && head[j] == '[') return &cloudtrail_records_format();
            }
        }
        return &json_lines_format();
    }
    // Not recognisable from the content (a stray first line, say): the declared sourcetype decides,
    // and that format's reader reports the lines it cannot read.
    if (windows_event_sourcetype(sourcetype)) return &xml_event_format();
    return &json_lines_format();
}

}  // namespace minispl
