#!/usr/bin/env bash
# End to end: `minispl test` on the fixture rule pack (verdicts, summary, exit codes, reports, filter,
# deprecated folders) and, when the shared corpus is there, on a real CloudTrail rule.
# Env: MINISPL (the binary), SRC (the repository), SHARED (../shared).
set -u
: "${MINISPL:?}" "${SRC:?}"
PACK="$SRC/tests/fixtures/runner"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
check() {  # description, then a command that must succeed
    local what=$1; shift
    if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fails=$((fails + 1)); fi
}

MINISPL_SOURCETYPES="$SRC/tests/fixtures/runner_sourcetypes" "$MINISPL" test "$PACK/detections" --attack-data "$TMP" --offline -j 2 --junit "$TMP/r.xml" --json "$TMP/r.json" \
    >"$TMP/out" 2>"$TMP/err"
code=$?
check "exit 1 when a test fails" test "$code" = 1
check "closing line" test "$(tail -n 1 "$TMP/out")" = "4 passed, 4 failed, 5 skipped"
check "PASS line" grep -qx 'PASS Fx Pass — 2 results' "$TMP/out"
check "FAIL no results" grep -qx 'FAIL Fx No Results — no results' "$TMP/out"
check "FAIL risk object" grep -qx 'FAIL Fx Missing Risk — risk object field user missing or null in results' "$TMP/out"
check "SKIP mstats" grep -qx 'SKIP Fx Mstats — metrics/summary indexes not available (mstats)' "$TMP/out"
check "SKIP unsupported" grep -qx 'SKIP Fx Unknown Command — unsupported command anomalydetection' "$TMP/out"
check "SKIP missing lookup" grep -qx 'SKIP Fx Missing Lookup — missing lookup no_such_table' "$TMP/out"
check "SKIP dataset missing names the URL, the mirror's file and the cache" grep -qx "SKIP Fx Missing Dataset — dataset missing: https://media.githubusercontent.com/media/splunk/attack_data/master/datasets/fixture/nope.json (not at $TMP/datasets/fixture/nope.json; offline: not in the cache (.*))" "$TMP/out"
check "two tests: named" grep -q '^SKIP Fx Two Tests \[Second Test\] — dataset missing' "$TMP/out"
check "update_timestamp: relative time sees the events" grep -qx 'PASS Fx Recent — 4 results' "$TMP/out"
check "no update_timestamp: 2020 events are old" grep -qx 'FAIL Fx Stale — no results' "$TMP/out"
check "deprecated folder skipped" bash -c "! grep -q 'Fx Old' '$TMP/out'"
check "lines in path order" bash -c "grep -o 'Fx [A-Za-z ]*' '$TMP/out' | head -3 | tr '\n' '|' | grep -qx 'Fx Missing Dataset |Fx Missing Lookup |Fx Missing Risk |'"
check "no progress bar off a terminal" test ! -s "$TMP/err"
check "JUnit report" grep -q '<testsuites tests="13" failures="4" skipped="5"' "$TMP/r.xml"
check "JSON report" grep -q '"status": "dataset_missing"' "$TMP/r.json"

"$MINISPL" test "$PACK/detections" --attack-data "$TMP" --offline --filter 'fx_pass*' >"$TMP/out2" 2>"$TMP/err2"
check "filter: only the matching rule, exit 0" test "$?" = 0 -a "$(tail -n 1 "$TMP/out2")" = "1 passed, 0 failed, 0 skipped"
check "a sourcetype minispl does not define: said once on stderr" \
    test "$(grep -c "sourcetype 'fx:login' is not defined" "$TMP/err2")" = 1

"$MINISPL" test "$PACK/detections" --attack-data "$TMP" --offline --filter 'Fx Mstats' >/dev/null
check "skips alone: exit 0" test "$?" = 0
"$MINISPL" test "$PACK/detections" --attack-data "$TMP" --offline --filter 'Fx Mstats' --strict >/dev/null
check "skips with --strict: exit 1" test "$?" = 1

"$MINISPL" test "$PACK/detections/deprecated" --attack-data "$TMP" --offline >"$TMP/out3"
check "deprecated folder named: tested" grep -qx 'PASS Fx Old — 4 results' "$TMP/out3"

"$MINISPL" test "$PACK/detections" --attack-data "$TMP" --offline --quiet >"$TMP/out4"
check "quiet: failures and summary only" test "$(grep -c '^PASS\|^SKIP' "$TMP/out4")" = 0 -a "$(grep -c '^FAIL' "$TMP/out4")" = 4

"$MINISPL" test "$TMP/nope" >/dev/null 2>"$TMP/err5"
check "missing path: exit 2 with a message" test "$?" = 2
check "missing path named" grep -q "no such file or directory" "$TMP/err5"

if [ -n "${SHARED:-}" ] && [ -f "$SHARED/security_content/detections/cloud/aws_exfiltration_via_ec2_snapshot.yml" ] &&
   [ -d "$SHARED/attack_data" ]; then
    "$MINISPL" test "$SHARED/security_content/detections/cloud/aws_exfiltration_via_ec2_snapshot.yml" \
        --attack-data "$SHARED/attack_data" >"$TMP/real"
    check "real rule on the attack_data mirror passes" grep -q '^PASS AWS Exfiltration via EC2 Snapshot — ' "$TMP/real"
fi

[ "$fails" = 0 ] && echo "all checks passed"
exit "$fails"
