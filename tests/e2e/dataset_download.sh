#!/usr/bin/env bash
# Datasets by URL (issue 17): `minispl test` downloads what the mirror lacks into a cache and is
# served from it later without a request; a changed remote file is noticed (--refresh); 404, a
# stall, a truncated body, a 503, an endless body, redirects (to http and to file://), --offline
# and file:// bases, each judged per test. Loopback only: a small server (dataset_server.py)
# over a temporary copy of two ../shared/attack_data files; every wait is bounded.
set -euo pipefail
tmp=$(mktemp -d)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
det="$SHARED/security_content/detections/cloud"
rules=("$det/aws_createloginprofile.yml" "$det/aws_defense_evasion_delete_cloudtrail.yml")
d1=datasets/attack_techniques/T1078/aws_createloginprofile/aws_cloudtrail_events.json
d2=datasets/attack_techniques/T1562.008/stop_delete_cloudtrail/aws_cloudtrail_events.json
for d in "$d1" "$d2"; do
    mkdir -p "$tmp/www/$(dirname "$d")"
    cp "$SHARED/attack_data/$d" "$tmp/www/$d"
    chmod u+w "$tmp/www/$d"
done
mkdir "$tmp/empty"
log="$tmp/server.log"; : >"$log"
python3 "$SRC/tests/e2e/dataset_server.py" "$tmp/www" "$log" "$tmp/port" &
server_pid=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port=$(cat "$tmp/port")
base="http://127.0.0.1:$port"

t() {  # t CACHE BASE_PREFIX extra-args...: minispl test on the two rules; output in $tmp/out, rc in $rc
    local cache=$1 prefix=$2; shift 2
    set +e
    timeout 60 "$MINISPL" test "${rules[@]}" --attack-data "$tmp/empty" --cache "$tmp/$cache" \
        --dataset-base-url "$base/$prefix/" "$@" >"$tmp/out" 2>&1
    rc=$?
    set -e
}
expect() {  # expect PATTERN: in the last output
    grep -q -- "$1" "$tmp/out" || { echo "expected '$1' in:"; cat "$tmp/out"; echo "--- server log:"; cat "$log"; exit 1; }
}
requests() { wc -l <"$log"; }

# 1. Download into the cache: both pass, each file fetched once, its sha256 recorded.
t c1 data
expect "2 passed, 0 failed, 0 skipped"; [ "$rc" -eq 0 ]
[ "$(grep -c "GET /data/.* -> 200" "$log")" -eq 2 ]
for d in "$d1" "$d2"; do
    sum=$(sha256sum "$tmp/www/$d" | cut -d' ' -f1)
    grep -rq "\"sha256\": \"$sum\"" "$tmp/c1/datasets" || { echo "no sha256 $sum recorded"; exit 1; }
done
[ "$(find "$tmp/c1/datasets" -name aws_cloudtrail_events.json | wc -l)" -eq 2 ]

# 2. A second run is served from the cache: no request at all.
n=$(requests); t c1 data
expect "2 passed, 0 failed, 0 skipped"; [ "$(requests)" -eq "$n" ]

# 3. A changed remote file: --refresh asks (If-None-Match), the unchanged one gets 304, the
#    changed one is downloaded again and reported; the run after that asks nothing.
sed -n 1p "$tmp/www/$d1" >>"$tmp/www/$d1"
n=$(requests); t c1 data --refresh
expect "2 passed"; expect "notice\[dataset\]: .*aws_createloginprofile/aws_cloudtrail_events.json changed upstream"
[ "$(tail -n +$((n + 1)) "$log" | grep -c 'if-none-match="')" -eq 2 ]
tail -n +$((n + 1)) "$log" | grep -q -- "-> 304"
sum=$(sha256sum "$tmp/www/$d1" | cut -d' ' -f1); grep -rq "\"sha256\": \"$sum\"" "$tmp/c1/datasets"
n=$(requests); t c1 data; [ "$(requests)" -eq "$n" ]

# 4. --offline: the cache serves; with an empty cache the tests say what is missing, no request.
n=$(requests); t c1 data --offline; expect "2 passed"
t c-none data --offline
expect "SKIP.*dataset missing: $base/data/$d1 (not at $tmp/empty/$d1; offline: not in the cache"; expect "0 passed, 0 failed, 2 skipped"
[ "$rc" -eq 0 ]; [ "$(requests)" -eq "$n" ]; [ ! -e "$tmp/c-none/datasets/"*/aws_cloudtrail_events.json ]

# 5. 404 for one dataset: that test is missing, the other runs.
mv "$tmp/www/$d2" "$tmp/d2.saved"
t c2 data
expect "download failed: HTTP 404"; expect "1 passed, 0 failed, 1 skipped"; [ "$rc" -eq 0 ]
mv "$tmp/d2.saved" "$tmp/www/$d2"
[ -z "$(find "$tmp/c2" -name '*.part')" ]   # nothing half-written is left for a 404
t c2b missing; expect "HTTP 404 Not Found"; expect "0 passed, 0 failed, 2 skipped"

# 6. A server that stalls: a timeout per test, within the bound.
start=$(date +%s)
t c3 stall --download-timeout 1 --retries 1
expect "download failed: timeout"; expect "(after 2 attempts)"; expect "0 passed, 0 failed, 2 skipped"
[ $(( $(date +%s) - start )) -lt 30 ]

# 7. A redirect is followed; a redirect to file:// is refused.
t c4 redirect; expect "2 passed"
grep -q "GET /redirect/.* -> 302" "$log"
t c5 redirect-file; expect "dataset missing: .*refused protocol"; expect "0 passed, 0 failed, 2 skipped"

# 8. A truncated body is resumed with a Range request (If-Range), and the file is whole.
t c6 truncate-once --retries 2
expect "2 passed"
grep -q "GET /truncate-once/.*range=bytes=[1-9][0-9]*- if-range=\"" "$log"
grep -q "GET /truncate-once/.* -> 206" "$log"
sum=$(sha256sum "$tmp/www/$d2" | cut -d' ' -f1); grep -rq "\"sha256\": \"$sum\"" "$tmp/c6/datasets"
#    ...also across runs: without retries the partial file stays, and the next run resumes it.
t c6b truncate-head --retries 0 --filter aws_createloginprofile
expect "download failed: truncated body: received [0-9]* of [0-9]* bytes"; expect "0 passed, 0 failed, 1 skipped"
[ -n "$(find "$tmp/c6b" -name '*.part')" ]
t c6b truncate-head --retries 0 --filter aws_createloginprofile
expect "1 passed"; grep -q "GET /truncate-head/.* -> 206" "$log"
[ -z "$(find "$tmp/c6b" -name '*.part')" ]
sum=$(sha256sum "$tmp/www/$d1" | cut -d' ' -f1); grep -rq "\"sha256\": \"$sum\"" "$tmp/c6b/datasets"

# 9. HTTP 503 once: retried with backoff, then passes.
t c7 flaky --retries 1; expect "2 passed"; grep -q "GET /flaky/.* -> 503" "$log"

# 10. An endless body stops at the size cap.
t c8 endless --max-download-mb 1; expect "over the size cap of 1048576 bytes"; expect "0 passed, 0 failed, 2 skipped"
[ -z "$(find "$tmp/c8" -type f -size +1100k)" ]

# 11. A file:// base is read in place: nothing is copied into the cache.
n=$(requests)
set +e
"$MINISPL" test "${rules[@]}" --attack-data "$tmp/empty" --cache "$tmp/c9" --dataset-base-url "file://$tmp/www/" >"$tmp/out" 2>&1
set -e
expect "2 passed"; [ ! -e "$tmp/c9/datasets" ]; [ "$(requests)" -eq "$n" ]

# 12. minispl run without --input fetches the same way.
set +e
"$MINISPL" run "${rules[0]}" --attack-data "$tmp/empty" --cache "$tmp/c1" --dataset-base-url "$base/data/" -f json >"$tmp/out" 2>&1
rc=$?
set -e
[ "$rc" -eq 0 ] || { cat "$tmp/out"; exit 1; }
set +e
"$MINISPL" run "${rules[0]}" --attack-data "$tmp/empty" --cache "$tmp/c-none" --offline >"$tmp/out" 2>&1; rc=$?
set -e
[ "$rc" -eq 1 ]; expect "error\[dataset-missing\]: dataset missing: .*offline: not in the cache"
echo "dataset downloads: all checks passed"
