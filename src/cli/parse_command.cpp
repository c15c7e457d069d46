// `minispl parse`: shows a search after macro expansion, and its syntax tree.
#include "commands.hpp"
#include "minispl/lint/format.hpp"
#include "minispl/lint/linter.hpp"
#include "minispl/macros/expander.hpp"
#include "minispl/parse/parser.hpp"
#include "minispl/rules/detection.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

namespace minispl::cli {

namespace {
struct ParseArgs {
    std::string rule, spl;
    std::vector<std::string> macro_dirs;
    bool explain = false;
};

//! Line `n` (1-based) of `text`.
std::string line_of(const std::string& text, uint32_t n) {
    std::istringstream in(text);
    std::string l;
    for (uint32_t i = 0; i < n && std::getline(in, l); ++i) {}
    return l;
}
}  // namespace

void add_parse_command(CLI::App& app) {
    auto a = std::make_shared<ParseArgs>();
    auto* cmd = app.add_subcommand(
        "parse",
        "Show a search after macro expansion and its syntax tree.\n\n"
        "  minispl parse detections/cloud/aws_exfiltration_via_ec2_snapshot.yml\n"
        "  minispl parse --explain --spl '`cloudtrail` eventName=CreateSnapshot | stats count by src'\n\n"
        "Exit status: 0 parsed, 1 syntax or macro error, 2 usage or I/O error.");
    auto* rule_opt = cmd->add_option("rule", a->rule, "a detection YAML")->check(CLI::ExistingFile);
    auto* spl_opt = cmd->add_option("--spl", a->spl, "an SPL search instead of a rule");
    rule_opt->excludes(spl_opt);
    cmd->add_option("--macros", a->macro_dirs, "macro directory (default: the rule pack's macros/)")
        ->check(CLI::ExistingDirectory);
    cmd->add_flag("--explain", a->explain, "also show which macros expanded where (the source map)");
    cmd->callback([a] {
        namespace fs = std::filesystem;
        if (a->rule.empty() && a->spl.empty()) throw CLI::ValidationError("parse", "give a RULE.yml or --spl 'SPL'");
        Detection rule;
        bool is_rule = !a->rule.empty();
        MacroTable macros;
        try {
            if (is_rule) {
                rule = load_detection(a->rule);
                fs::path pack = rule_pack_root(rule.file);
                std::error_code ec;
                if (a->macro_dirs.empty() && !pack.empty() && fs::is_directory(pack / "macros", ec))
                    macros.load_directory(pack / "macros");
            }
            for (const auto& d : a->macro_dirs) macros.load_directory(d);
        } catch (const SplError& e) {
            const Diagnostic& d = e.diagnostic();
            std::cerr << fmt::format("{}:{}:{}: error[{}]: {}\n", d.file.empty() ? a->rule : d.file, d.pos.line,
                                     d.pos.column, d.rule, d.message);
            throw CLI::RuntimeError(is_rule && d.file == a->rule ? 1 : 2);
        }
        const std::string& text = is_rule ? rule.search : a->spl;
        ExpandOptions eo;
        if (is_rule) eo.filter_macro = rule.filter_macro_name();
        Expansion exp = expand_macros(text, macros, eo);

        // Errors are shown where they are in the rule file (or in the --spl text).
        auto report = [&](Diagnostic d, bool on_expanded) {
            if (on_expanded) map_to_original(exp, d);
            if (is_rule) {
                map_to_file(rule, d);
                std::cerr << format_diagnostic(d, &rule.search_map.file_line(d.pos.line));
            } else {
                d.file = "<spl>";
                d.pos = position_of(a->spl, d.offset);
                std::string line = line_of(a->spl, d.pos.line);
                std::cerr << format_diagnostic(d, &line);
            }
        };
        bool failed = false;
        for (const auto& d : exp.diagnostics) {
            if (d.rule == "missing-filter-macro") continue;
            report(d, false);
            failed = failed || d.severity == Severity::Error;
        }
        std::cout << exp.text << "\n";
        if (a->explain) {
            std::cout << "\nmacros:";
            for (const auto& m : exp.macros_used) std::cout << " " << m;
            std::cout << "\nsource map (expanded [begin,end) <- original [begin,end)):\n";
            for (const auto& s : exp.map.segments())
                std::cout << fmt::format("  [{},{}) <- [{},{}){}\n", s.out_begin, s.out_end, s.src_begin, s.src_end,
                                         s.from_macro ? " macro `" + s.macro + "`" : "");
        }
        try {
            ast::PipelinePtr p = parse_search(exp.text);
            std::cout << "\n" << dump_ast(*p);
        } catch (const SplError& e) {
            Diagnostic d = e.diagnostic();
            if (d.rule.empty()) d.rule = "syntax";
            report(d, true);
            failed = true;
        }
        if (failed) throw CLI::RuntimeError(1);
    });
}

}  // namespace minispl::cli
