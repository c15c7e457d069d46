#!/usr/bin/env bash
# The project's own rule pack on the data its generator plants: `minispl test detections` passes
# both rules, and each finds exactly the number of attacks the generator planted (its manifest).
set -euo pipefail
cd "$SRC"
bash tools/gen/make_example_data.sh
out=$("$MINISPL" test detections --quiet 2>&1) || { echo "$out"; exit 1; }
echo "$out"
grep -qx "2 passed, 0 failed, 0 skipped" <<<"$out"
planted() { jq -r ".$2" "data/$1/cloudtrail.manifest.json"; }
rows() { "$MINISPL" run "$1" --format json -q | wc -l; }
[ "$(rows detections/cloud/aws_exfiltration_via_ec2_snapshot.yml)" -eq "$(planted aws_snapshot_exfil snapshot_exfil_sequences)" ]
[ "$(rows detections/cloud/aws_exfiltration_via_batch_service.yml)" -eq "$(planted aws_exfil_batch batch_job_created)" ]
echo ok
