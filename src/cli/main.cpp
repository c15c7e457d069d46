// minispl: run, lint and test Splunk detection rules offline.
#include "commands.hpp"
#include "run_commands.hpp"
#include "test_command.hpp"

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
    CLI::App app{"minispl — run, lint and test Splunk SPL detection rules offline, on JSON and Windows events.\n\n"
                 "Examples:\n"
                 "  minispl search 'sourcetype=aws:cloudtrail eventName=CreateSnapshot | stats count by userName' -i events.json\n"
                 "  minispl run detections/cloud/aws_exfiltration_via_ec2_snapshot.yml -i events.json --sourcetype aws:cloudtrail\n"
                 "  minispl search '| tstats count from datamodel=Endpoint.Processes where Processes.process_name=cmd.exe by Processes.dest' -i Security.xml\n"
                 "  minispl lint detections/\n"
                 "  minispl test detections/ --attack-data ../shared/attack_data\n"
                 "  minispl parse --explain detections/cloud/aws_exfiltration_via_ec2_snapshot.yml\n",
                 "minispl"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "minispl 0.1.0");
    minispl::cli::add_search_command(app);
    minispl::cli::add_run_command(app);
    minispl::cli::add_lint_command(app);
    minispl::cli::add_parse_command(app);
    minispl::cli::add_test_command(app);
    CLI11_PARSE(app, argc, argv);
    return 0;
}
