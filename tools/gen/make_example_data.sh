#!/usr/bin/env bash
# Generates the datasets the example rule pack's tests name (data/…), deterministic from fixed
# seeds, by resampling the public CloudTrail records in ../shared/datasets. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/../.."
gen=tools/gen/gen_cloudtrail.py
make() { # out events snapshot batch seed
  [ -s "$1" ] && return 0
  mkdir -p "$(dirname "$1")"
  python3 "$gen" -o "$1" --events "$2" --snapshot-exfil "$3" --batch-jobs "$4" --seed "$5" --manifest "${1%.json}.manifest.json" 2>/dev/null
}
make data/aws_snapshot_exfil/cloudtrail.json 2000 3 0 11
make data/aws_exfil_batch/cloudtrail.json 2000 0 2 12
