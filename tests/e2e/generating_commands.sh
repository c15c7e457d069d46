#!/usr/bin/env bash
# Generating commands from the command line, with no --input (issue 14): makeresults and
# inputlookup run; a search that reads events, rest, and makeresults not first are errors with
# exit code 1 and a message naming the problem.
set -euo pipefail
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

"$MINISPL" search '| makeresults count=3 | eval n=1 | stats sum(n) as total' --format json >"$tmp/out"
[ "$(cat "$tmp/out")" = '{"total":"3"}' ] || { cat "$tmp/out"; exit 1; }

mkdir "$tmp/lookups"; printf 'user,role\nalice,admin\nbob,dev\n' >"$tmp/lookups/roles.csv"
"$MINISPL" search '| inputlookup roles.csv where role=admin | table user' --lookups "$tmp/lookups" --format csv >"$tmp/out"
[ "$(cat "$tmp/out")" = $'user\nalice' ] || { cat "$tmp/out"; exit 1; }

expect_error() {  # expect_error PATTERN minispl-args...
    local pattern=$1; shift
    set +e; "$MINISPL" "$@" >"$tmp/out" 2>&1; local rc=$?; set -e
    [ "$rc" -eq 1 ] || { echo "exit $rc for: $*"; cat "$tmp/out"; exit 1; }
    grep -q -- "$pattern" "$tmp/out" || { echo "no '$pattern' for: $*"; cat "$tmp/out"; exit 1; }
}
expect_error 'error\[no-input\]: the search reads events and no input was given' search 'index=main | stats count'
expect_error 'error\[unsupported\]: minispl does not run rest: it asks a Splunk server' search '| rest /services/apps/local'
expect_error 'error\[command-position\]' search '| makeresults | makeresults'
expect_error 'maxresultrows' search '| makeresults count=1000000'

# A rule with no test datasets whose search generates its own rows runs without --input.
mkdir -p "$tmp/pack/detections"
cat >"$tmp/pack/detections/gen.yml" <<'YML'
name: Generated Rows
id: 00000000-0000-0000-0000-000000000001
search: '| makeresults count=2 | eval rule="gen" | stats count by rule'
YML
"$MINISPL" run "$tmp/pack/detections/gen.yml" --format csv -q >"$tmp/out"
[ "$(cat "$tmp/out")" = $'rule,count\ngen,2' ] || { cat "$tmp/out"; exit 1; }
echo ok
