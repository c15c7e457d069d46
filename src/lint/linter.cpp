// lint_rule / lint_file / lint_paths: runs the checks and maps every finding to file:line:col.
#include "minispl/lint/linter.hpp"

#include "minispl/datamodels/datamodel.hpp"

#include "checks.hpp"
#include "minispl/compile/command_spec.hpp"
#include "minispl/compile/compiler.hpp"
#include "minispl/core/parallel_for.hpp"
#include "minispl/macros/expander.hpp"
#include "minispl/parse/parser.hpp"
#include "minispl/sourcetypes/addons.hpp"
#include "minispl/sourcetypes/sourcetype.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>

namespace minispl {

size_t RuleReport::count(Severity s) const {
    return static_cast<size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                             [&](const Diagnostic& d) { return d.severity == s; }));
}

namespace {

bool path_has_component(const std::filesystem::path& p, const char* name) {
    for (const auto& part : p) if (part == name) return true;
    return false;
}

//! Macros and lookups of one rule pack (or of the directories given on the command line).
struct Pack {
    MacroTable macros;
    LookupIndex lookups;
    bool lookups_known = false;  //!< false: no lookup directory, so lookup-undefined is not checked
};

}  // namespace

void map_to_file(const Detection& rule, Diagnostic& d) {
    uint32_t size = static_cast<uint32_t>(rule.search.size());
    uint32_t begin = std::min(d.offset, size);
    uint32_t end = std::min(begin + std::max<uint32_t>(1, d.length), size);
    d.file = rule.file.string();
    d.pos = rule.search_map.position(begin);
    Position last = rule.search_map.position(end > begin ? end - 1 : begin);
    if (last.line == d.pos.line && last.column >= d.pos.column) {
        d.length = last.column - d.pos.column + 1;
    } else {  // the span crosses lines: underline to the end of the first line
        const std::string& line = rule.search_map.file_line(d.pos.line);
        d.length = line.size() >= d.pos.column ? static_cast<uint32_t>(line.size()) - d.pos.column + 1 : 1;
    }
    if (d.length == 0) d.length = 1;
}

void map_to_original(const Expansion& exp, Diagnostic& d) {
    uint32_t begin = d.offset, end = d.offset + std::max<uint32_t>(1, d.length);
    auto [b, e] = exp.map.to_source_range(begin, std::min<uint32_t>(end, static_cast<uint32_t>(exp.text.size())));
    if (begin >= exp.text.size()) {  // past the end (e.g. "unexpected end of search")
        b = exp.map.to_source(begin);
        e = b + 1;
    }
    std::string macro = exp.map.macro_at(std::min<uint32_t>(begin, exp.text.size() ? static_cast<uint32_t>(exp.text.size()) - 1 : 0));
    if (!macro.empty() && begin < exp.text.size()) d.message += " (in the expansion of macro `" + macro + "`)";
    d.offset = b;
    d.length = e > b ? e - b : 1;
}

RuleReport lint_rule(const Detection& rule, const MacroTable& macros, const LintContext& ctx) {
    RuleReport r;
    r.file = rule.file;
    r.name = rule.name;
    std::vector<Diagnostic> in_file;    // positions already filled
    std::vector<Diagnostic> in_search;  // offsets in the original search

    lint::check_schema(rule, in_file);
    lint::check_tests(rule, in_file);
    lint::check_sourcetypes(rule, ctx, in_file);
    lint::check_addons(rule, ctx, in_file);
    lint::check_filter_macro(rule, in_search);

    std::string unsupported;
    ExpandOptions eo;
    eo.filter_macro = rule.filter_macro_name();
    // Unknown macros stay in the text as `name(args)` stages (the parser accepts them), so an
    // unknown ES macro such as `get_asset(src)` does not also leave an empty `| |` stage; when
    // the search only parses without them, they are dropped instead.
    eo.drop_unknown = false;
    try {
        Expansion exp = expand_macros(rule.search, macros, eo);
        bool has_unknown = std::any_of(exp.diagnostics.begin(), exp.diagnostics.end(),
                                       [](const Diagnostic& d) { return d.rule == "unknown-macro"; });
        if (has_unknown) {
            try {
                parse_search(exp.text);
            } catch (const SplError&) {
                eo.drop_unknown = true;
                Expansion dropped = expand_macros(rule.search, macros, eo);
                try {
                    parse_search(dropped.text);
                    exp = std::move(dropped);
                } catch (const SplError&) {
                    // Both fail: report the error of the text as written.
                }
            }
        }
        for (auto& d : exp.diagnostics)
            if (d.rule != "missing-filter-macro") in_search.push_back(d);  // ours is check_filter_macro
        try {
            ast::PipelinePtr p = parse_search(exp.text);
            std::vector<Diagnostic> in_expanded;
            lint::check_pipeline(*p, ctx, in_expanded);
            // The verdict: a command minispl does not implement makes the rule not runnable.
            if (Unsupported u = find_unsupported(*p); !u.command.empty()) {
                Diagnostic d;
                d.rule = "unsupported";
                d.severity = Severity::Info;
                d.message = "minispl does not implement '" + u.command + "': the rule cannot run here";
                if (std::string_view why = why_not(u.command); !why.empty()) d.message += " (" + std::string(why) + ")";
                d.offset = u.span.begin;
                d.length = u.span.end > u.span.begin ? u.span.end - u.span.begin : 1;
                unsupported = d.message;
                in_expanded.push_back(std::move(d));
            }
            for (auto& d : in_expanded) {
                map_to_original(exp, d);
                in_search.push_back(std::move(d));
            }
            lint::check_message_fields(rule, *p, in_file);
            lint::check_drilldowns(rule, *p, in_file);
            lint::check_rba(rule, *p, in_file);
        } catch (SplError& e) {
            Diagnostic d = e.diagnostic();
            if (d.rule.empty()) d.rule = "syntax";
            map_to_original(exp, d);
            in_search.push_back(std::move(d));
        }
    } catch (SplError& e) {
        in_search.push_back(e.diagnostic());
    } catch (const std::exception& e) {
        Diagnostic d;
        d.rule = "internal";
        d.message = std::string("internal error: ") + e.what();
        in_search.push_back(std::move(d));
    }

    for (auto& d : in_search) {
        map_to_file(rule, d);
        r.diagnostics.push_back(std::move(d));
    }
    for (auto& d : in_file) {
        if (d.file.empty()) d.file = rule.file.string();
        r.diagnostics.push_back(std::move(d));
    }
    std::stable_sort(r.diagnostics.begin(), r.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.pos.line, a.pos.column) < std::tie(b.pos.line, b.pos.column);
    });
    // Runnable is about the engine: an error in the search or a lookup table that is not there
    // stops a run; a schema finding (a missing description, say) does not.
    r.runnable = true;
    for (const auto& d : r.diagnostics) {
        bool blocks = d.rule == "lookup-undefined" || (d.severity == Severity::Error && d.rule != "schema");
        if (blocks) {
            r.runnable = false;
            r.not_runnable_reason = d.rule + ": " + d.message;
            break;
        }
    }
    if (r.runnable && !unsupported.empty()) {
        r.runnable = false;
        r.not_runnable_reason = "unsupported: " + unsupported;
    }
    return r;
}

RuleReport lint_file(const std::filesystem::path& file, const MacroTable& macros, const LintContext& ctx,
                     bool include_deprecated) {
    try {
        Detection rule = load_detection(file);
        if (rule.deprecated && !include_deprecated) {
            RuleReport r;
            r.file = file;
            r.name = rule.name;
            r.skipped = true;
            r.not_runnable_reason = "deprecated";
            return r;
        }
        return lint_rule(rule, macros, ctx);
    } catch (SplError& e) {
        RuleReport r;
        r.file = file;
        Diagnostic d = e.diagnostic();
        if (d.rule.empty()) d.rule = "yaml";
        if (d.file.empty()) d.file = file.string();
        r.not_runnable_reason = d.rule + ": " + d.message;
        r.diagnostics.push_back(std::move(d));
        return r;
    } catch (const std::exception& e) {
        RuleReport r;
        r.file = file;
        Diagnostic d;
        d.rule = "yaml";
        d.message = e.what();
        d.file = file.string();
        r.not_runnable_reason = d.rule + ": " + d.message;
        r.diagnostics.push_back(std::move(d));
        return r;
    }
}

std::vector<RuleReport> lint_paths(const std::vector<std::filesystem::path>& paths, const LintOptions& opts) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_regular_file(p, ec)) {
            // Pre-commit hands over every changed YAML: macro and lookup definitions are not rules.
            std::string dir = fs::absolute(p).parent_path().filename().string();
            if (dir != "macros" && dir != "lookups" && dir != "stories" && dir != "baselines") files.push_back(p);
            continue;
        }
        if (!fs::is_directory(p, ec)) throw SplError("io", "no such file or directory: " + p.string());
        for (const auto& f : find_rule_files({p})) {
            fs::path rel = f.lexically_relative(p);
            // A rule pack's macro and lookup definitions are not rules.
            if (path_has_component(rel.parent_path(), "macros") || path_has_component(rel.parent_path(), "lookups") ||
                path_has_component(rel.parent_path(), "stories") || path_has_component(rel.parent_path(), "baselines"))
                continue;
            if (!opts.include_deprecated && path_has_component(rel.parent_path(), "deprecated")) continue;
            files.push_back(f);
        }
    }
    for (const auto& d : opts.macro_dirs)
        if (!fs::is_directory(d)) throw SplError("io", "no such macro directory: " + d.string());
    for (const auto& d : opts.lookup_dirs)
        if (!fs::is_directory(d)) throw SplError("io", "no such lookup directory: " + d.string());

    // One Pack per rule pack root (or one for the explicit directories), loaded before the workers.
    std::map<fs::path, std::unique_ptr<Pack>> packs;
    std::vector<const Pack*> pack_of(files.size());
    for (size_t i = 0; i < files.size(); ++i) {
        fs::path root = rule_pack_root(files[i]);
        fs::path key = opts.macro_dirs.empty() || opts.lookup_dirs.empty() ? root : fs::path();
        auto& slot = packs[key];
        if (!slot) {
            slot = std::make_unique<Pack>();
            std::error_code ec;
            if (opts.macro_dirs.empty() && !root.empty() && fs::is_directory(root / "macros", ec))
                slot->macros.load_directory(root / "macros");
            for (const auto& d : opts.macro_dirs) slot->macros.load_directory(d);
            if (opts.lookup_dirs.empty() && !root.empty() && fs::is_directory(root / "lookups", ec)) {
                slot->lookups.load_directory(root / "lookups");
                slot->lookups_known = true;
            }
            if (!opts.lookup_dirs.empty()) slot->lookups_known = true;
            for (const auto& d : opts.lookup_dirs) slot->lookups.load_directory(d);
        }
        pack_of[i] = slot.get();
    }

    std::vector<RuleReport> reports(files.size());
    // The project's sourcetype definitions, for unknown-sourcetype; a bad definition file is
    // minispl's problem, not the rule's: the check is then left out.
    std::optional<SourcetypeRegistry> sourcetypes;
    std::optional<AddonCatalogue> addons;
    try {
        sourcetypes.emplace(default_sourcetype_dir());
    } catch (const SplError&) {
    }
    try {
        addons.emplace(AddonCatalogue::load(addon_catalogue_file(default_sourcetype_dir())));
    } catch (const SplError&) {
    }
    parallel_for(files.size(), std::max(1u, opts.threads), [&](size_t i) {
        LintContext ctx;
        ctx.lookups = pack_of[i]->lookups_known ? &pack_of[i]->lookups : nullptr;
        ctx.sourcetypes = sourcetypes ? &*sourcetypes : nullptr;
        ctx.addons = addons ? &*addons : nullptr;
        ctx.datamodels = &default_datamodels();
        reports[i] = lint_file(files[i], pack_of[i]->macros, ctx, opts.include_deprecated);
    });
    return reports;
}

LintSummary summarize(const std::vector<RuleReport>& reports) {
    LintSummary s;
    for (const auto& r : reports) {
        if (r.skipped) {
            ++s.skipped;
            continue;
        }
        ++s.rules;
        s.errors += r.count(Severity::Error);
        s.warnings += r.count(Severity::Warning);
        s.infos += r.count(Severity::Info);
        if (r.runnable) ++s.runnable;
    }
    return s;
}

int lint_exit_code(const LintSummary& s, bool strict) {
    if (s.errors > 0) return 1;
    if (strict && s.warnings > 0) return 1;
    return 0;
}

const std::vector<LintRuleInfo>& lint_rule_catalogue() {
    static const std::vector<LintRuleInfo> rules = {
        {"yaml", Severity::Error, "The file is not well-formed YAML."},
        {"schema", Severity::Error, "A contentctl schema requirement is not met (required key, type, enum, UUID, date, tests of production rules)."},
        {"syntax", Severity::Error, "The SPL search (after macro expansion) does not parse."},
        {"unknown-macro", Severity::Error, "A macro call names no macro in the macro directories."},
        {"macro-arity", Severity::Error, "A macro is called with a number of arguments it is not defined for."},
        {"macro-cycle", Severity::Error, "Macro expansion recurses (a macro calls itself, directly or not)."},
        {"unknown-command", Severity::Error, "A pipeline stage names no Splunk search command."},
        {"unknown-function", Severity::Error, "An eval function or aggregation function is not known."},
        {"lookup-undefined", Severity::Error, "lookup/inputlookup names a table with no definition (<name>.yml) or file (<name>.csv) in the lookup directories."},
        {"unsafe-path", Severity::Error, "A lookup command names a path (/, \\, .., absolute, NUL) instead of a file name inside the lookup directories: minispl refuses to read or write it, as Splunk keeps lookups inside its app."},
        {"eval-dotted-name", Severity::Warning, "An eval/where expression names a field with dots unquoted (a.b): SPL reads that as a . b, the concatenation of two fields; quote it ('a.b')."},
        {"missing-filter-macro", Severity::Warning, "The search does not end with the rule's `<name>_filter` macro."},
        {"message-field", Severity::Warning, "A $field$ of the rule message is not among the search's output fields."},
        {"drilldown-syntax", Severity::Error, "A drilldown_searches search does not parse with %original_detection_search% and its $field$ tokens substituted."},
        {"drilldown-field", Severity::Warning, "A drilldown $field$ token is not an output of the search (info_min_time/info_max_time are Splunk's own)."},
        {"tests-without-data", Severity::Warning, "A tests: entry has no attack_data."},
        {"unknown-sourcetype", Severity::Info, "A test's attack_data sourcetype has no definition in sourcetypes/: its events get only the plain JSON extraction (no aliases, calculated fields or lookups)."},
        {"unsupported", Severity::Info, "The rule uses a command minispl does not implement: it is valid SPL but cannot run here."},
        {"internal", Severity::Error, "minispl failed while linting the rule (a bug: please report it)."},
    };
    return rules;
}

}  // namespace minispl
