#!/usr/bin/env bash
# The main job on a fresh machine: install, build, generate the example rules' datasets, run the
# example rules' tests, then show what each rule finds.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
bash tools/gen/make_example_data.sh
./build/minispl test detections
for rule in detections/*/*.yml; do
  echo; echo "== $rule"
  ./build/minispl run "$rule"
done
