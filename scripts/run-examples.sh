#!/usr/bin/env bash
# The main job on a fresh machine: install, build, then run the project's example rules on their data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
for rule in detections/*/*.yml; do
  echo "== $rule"
  ./build/minispl run "$rule"
done
