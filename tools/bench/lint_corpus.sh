#!/usr/bin/env bash
# Times `minispl lint` over the whole security_content corpus (1,711 rules incl. deprecated).
# Target: under 2 s wall on the 2-core development machine. Run on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${MINISPL:-build/minispl}
corpus=${1:-../shared/security_content/detections}
"$bin" lint "$corpus" --include-deprecated --quiet >/dev/null 2>&1 || true   # warm the page cache
for i in 1 2 3; do
  /usr/bin/time -f "%e s wall, %U s user, %M KB peak" "$bin" lint "$corpus" --include-deprecated --quiet >/dev/null 2>/tmp/lint_time.$$ || true
  tail -1 /tmp/lint_time.$$
done
rm -f /tmp/lint_time.$$
