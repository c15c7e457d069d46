#!/usr/bin/env bash
# A rule is untrusted input (issue 14): outputlookup, inputlookup and lookup names that leave the
# lookup directory ('..', absolute, a path, a NUL, a symlink out) are refused by search, run and
# test, naming the command, and nothing is written; the pack's lookups change only with
# --write-pack-lookups.
set -euo pipefail
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pack="$tmp/pack"
mkdir -p "$pack/detections" "$pack/lookups" "$pack/data" "$tmp/victim"
cp -r "$SRC/tests/fixtures/runner/macros" "$pack/"
cp "$SRC/tests/fixtures/runner/data/logins.json" "$pack/data/"
printf 'user,role\nalice,admin\n' >"$pack/lookups/roles.csv"
printf 'secret\nhunter2\n' >"$tmp/victim/secret.csv"
ln -s "$tmp/victim/secret.csv" "$pack/lookups/leak.csv"
ln -s "$tmp/victim/planted.csv" "$pack/lookups/plant.csv"   # dangling: writing would create it
# What a refused command must not touch: the pack's lookups and the files outside it.
snapshot() { (cd "$tmp" && find pack/lookups pack/data victim -print0 | sort -z | xargs -0 ls -ld --time-style=+%s.%N); }
before=$(snapshot)

fail_with() {  # fail_with PATTERN minispl-args...: exit 1, PATTERN in the output
    local pattern=$1; shift
    set +e; "$MINISPL" "$@" >"$tmp/out" 2>&1; local rc=$?; set -e
    [ "$rc" -eq 1 ] || { echo "exit $rc for: $*"; cat "$tmp/out"; exit 1; }
    grep -q -- "$pattern" "$tmp/out" || { echo "no '$pattern' for: $*"; cat "$tmp/out"; exit 1; }
}
ev="$pack/data/logins.json"
for name in "../../victim/x.csv" "$tmp/victim/abs.csv" "sub/x.csv" ".."; do
    fail_with "error\[unsafe-path\]: outputlookup: lookup table '$name'" \
        search "search * | outputlookup $name" -i "$ev" --lookups "$pack/lookups"
    fail_with "error\[unsafe-path\]: outputlookup" \
        search "search * | outputlookup $name" -i "$ev" --lookups "$pack/lookups" --write-pack-lookups
    fail_with "error\[unsafe-path\]: inputlookup" search "| inputlookup \"$name\"" --lookups "$pack/lookups"
    fail_with "error\[unsafe-path\]: lookup" search "search * | lookup \"$name\" user" -i "$ev" --lookups "$pack/lookups"
done
fail_with "error\[unsafe-path\]: inputlookup: lookup file .*leak.csv leads outside" \
    search '| inputlookup leak.csv' --lookups "$pack/lookups"
fail_with "error\[unsafe-path\]: outputlookup: lookup file .*plant.csv leads outside" \
    search 'search * | outputlookup plant.csv' -i "$ev" --lookups "$pack/lookups" --write-pack-lookups
mkdir "$tmp/outdir"; ln -s "$tmp/victim/planted2.csv" "$tmp/outdir/p.csv"
fail_with "error\[unsafe-path\]: outputlookup: lookup file .*p.csv leads outside" \
    search 'search * | outputlookup p.csv' -i "$ev" --lookups "$pack/lookups" --lookup-output "$tmp/outdir"

# run: the rule's YAML names the file; a NUL can only come from the YAML ("\0").
rule() {  # rule NAME SEARCH (YAML double-quoted)
    NAME=$1 SEARCH=$2 awk '/^name: /{print "name: " ENVIRON["NAME"]; next}
        /^search: /{print "search: \"" ENVIRON["SEARCH"] "\""; next} {print}' \
        "$SRC/tests/fixtures/runner/detections/cloud/fx_pass.yml" >"$pack/detections/$1.yml"
}
rule escape '`fx_events` | stats count by user | outputlookup ../../victim/owned.csv'
rule nul '`fx_events` | stats count by user | outputlookup \"a\0b.csv\"'
rule readout '| inputlookup \"../../victim/secret.csv\" | stats count by secret'
fail_with "escape.yml:[0-9]*:[0-9]*: error\[unsafe-path\]: outputlookup" run "$pack/detections/escape.yml" -q
fail_with "error\[unsafe-path\]: outputlookup: the lookup table name 'a'... holds a NUL byte" run "$pack/detections/nul.yml" -q
fail_with "error\[unsafe-path\]: inputlookup" run "$pack/detections/readout.yml" -q
# lint says so before anything runs
fail_with "escape.yml:[0-9]*:[0-9]*: error\[unsafe-path\]" lint "$pack/detections/escape.yml"
fail_with "readout.yml:[0-9]*:[0-9]*: error\[unsafe-path\]" lint "$pack/detections/readout.yml"
# test: a failed verdict (exit 1) that names the rule and the command
set +e; MINISPL_SOURCETYPES="$SRC/tests/fixtures/runner_sourcetypes" "$MINISPL" test "$pack/detections" \
    --attack-data "$tmp" -q >"$tmp/out" 2>&1; rc=$?; set -e
[ "$rc" -eq 1 ] || { cat "$tmp/out"; exit 1; }
grep -q "^FAIL escape — refused: outputlookup: lookup table '../../victim/owned.csv' is a path" "$tmp/out" || { cat "$tmp/out"; exit 1; }
grep -q "^FAIL readout — refused: inputlookup" "$tmp/out" || { cat "$tmp/out"; exit 1; }
grep -q "^FAIL nul — refused: outputlookup: the lookup table name 'a'... holds a NUL byte" "$tmp/out" || { cat "$tmp/out"; exit 1; }

after=$(snapshot)
[ "$before" = "$after" ] || { echo "files changed:"; diff <(echo "$before") <(echo "$after"); exit 1; }
[ ! -e "$tmp/victim/planted.csv" ] && [ ! -e "$tmp/victim/planted2.csv" ] && [ ! -e "$tmp/victim/owned.csv" ]

# A well-behaved rule: the pack's lookups change only when asked.
rule writer '`fx_events` | stats count by user | outputlookup seen_users.csv'
"$MINISPL" run "$pack/detections/writer.yml" -q >/dev/null
[ ! -e "$pack/lookups/seen_users.csv" ] || { echo "run wrote into the pack without --write-pack-lookups"; exit 1; }
"$MINISPL" run "$pack/detections/writer.yml" -q --lookup-output "$tmp/chosen" >/dev/null
[ -s "$tmp/chosen/seen_users.csv" ] && [ ! -e "$pack/lookups/seen_users.csv" ]
"$MINISPL" run "$pack/detections/writer.yml" -q --write-pack-lookups >/dev/null
grep -q '^alice,' "$pack/lookups/seen_users.csv"
set +e; "$MINISPL" run "$pack/detections/writer.yml" -q --write-pack-lookups --lookup-output "$tmp/chosen" 2>"$tmp/out"
rc=$?; set -e
[ "$rc" -ne 0 ] && grep -q "excludes" "$tmp/out"   # a usage error: the two say opposite things
echo ok
