#!/usr/bin/env bash
# `minispl lint` and `minispl parse` as a user and pre-commit see them: exit codes, file:line:col
# with a caret, JSON and SARIF output, the AST dump.
set -euo pipefail
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$MINISPL" lint "$SRC/detections" >"$tmp/out" || { cat "$tmp/out"; echo "the example pack must lint clean"; exit 1; }
grep -q "2 rules, 0 errors" "$tmp/out"

mkdir -p "$tmp/pack/detections" "$tmp/pack/macros"
cp "$SRC/macros/"*.yml "$tmp/pack/macros/"
sed 's/values(eventName)  values/values(eventName)  values(/' \
  "$SRC/detections/cloud/aws_exfiltration_via_ec2_snapshot.yml" > "$tmp/pack/detections/broken.yml"
set +e; "$MINISPL" lint "$tmp/pack/detections/broken.yml" >"$tmp/out" 2>&1; rc=$?; set -e
cat "$tmp/out"
[ "$rc" -eq 1 ]
grep -Eq "broken.yml:14:[0-9]+: error\[syntax\]" "$tmp/out"   # the search: line of the YAML
grep -q '\^' "$tmp/out"                                       # a caret under the SPL

set +e; "$MINISPL" lint "$tmp/pack/detections/broken.yml" --format sarif >"$tmp/sarif"; set -e
jq -e '.version == "2.1.0" and (.runs[0].results | length) >= 1' "$tmp/sarif" >/dev/null
jq -e '.runs[0].results[0].locations[0].physicalLocation.region.startLine == 14' "$tmp/sarif" >/dev/null
set +e; "$MINISPL" lint "$tmp/pack/detections/broken.yml" --format json >"$tmp/json"; set -e
jq -e '.' "$tmp/json" >/dev/null

set +e; "$MINISPL" lint "$tmp/does-not-exist" >/dev/null 2>&1; rc=$?; set -e
[ "$rc" -eq 2 ]

"$MINISPL" parse --explain "$SRC/detections/cloud/aws_exfiltration_via_ec2_snapshot.yml" >"$tmp/ast"
grep -q "sourcetype=aws:cloudtrail eventName IN" "$tmp/ast"    # the expanded search
grep -q "stats" "$tmp/ast" && grep -q "by _time userName src_ip aws_account_id" "$tmp/ast"
# drilldown_searches: parsed with %original_detection_search% and $tokens$ substituted; tokens
# must be outputs of the search (info_min_time/info_max_time are Splunk's own).
sed -e "s/^search: .*/search: 'index=x | stats count by user src'/" \
    "$SRC/tests/fixtures/runner/detections/cloud/fx_pass.yml" >"$tmp/pack/detections/drill.yml"
cat >>"$tmp/pack/detections/drill.yml" <<'YML'
drilldown_searches:
- name: View $user$
  search: '%original_detection_search% | search user = $user$ | stats count by ('
  earliest_offset: $info_min_time$
- name: Other
  search: '%original_detection_search% | search host = $host$ src = $src$'
YML
set +e; "$MINISPL" lint "$tmp/pack/detections/drill.yml" >"$tmp/out" 2>&1; rc=$?; set -e
[ "$rc" -eq 1 ] || { cat "$tmp/out"; exit 1; }
grep -q 'error\[drilldown-syntax\]: drilldown search does not parse' "$tmp/out"
grep -q 'warning\[drilldown-field\]: drilldown token \$host\$ is not an output' "$tmp/out"
! grep -q 'token \$src\$\|token \$user\$\|info_min_time' "$tmp/out"
echo ok
