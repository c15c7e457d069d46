#!/usr/bin/env bash
# Builds minispl and runs the whole test suite (unit, end-to-end, corpus, mutation, fuzz smoke).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
