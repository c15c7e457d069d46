#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan) and runs each for a fixed time (default 20 s).
# A crash, hang or sanitizer report fails the script; the crashing input is left in build-fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-20}"
cmake -S . -B build-fuzz -G Ninja -DMINISPL_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
targets=(fuzz_parser fuzz_macros fuzz_xml_reader fuzz_evtx fuzz_rule_yaml fuzz_lookup_csv)
cmake --build build-fuzz --target "${targets[@]}" -j"$(nproc)"
for f in "${targets[@]}"; do
  echo "== $f for ${secs}s"
  mkdir -p "build-fuzz/corpus-$f"
  (cd build-fuzz && "./tests/fuzz/$f" -max_total_time="$secs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=0 "corpus-$f" 2>&1 | tail -3)
done
