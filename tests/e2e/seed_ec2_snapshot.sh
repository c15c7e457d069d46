#!/usr/bin/env bash
# The seed EC2-snapshot rule on the real attack_data file. Expected values were worked out by hand
# from the raw events (see the comments): only bert-jan's 12:10-12:15 window has >= 2 distinct calls.
set -euo pipefail
data="$SHARED/attack_data/datasets/attack_techniques/T1537/aws_snapshot_exfil/aws_cloudtrail_events.json"
[ -f "$data" ] || { echo "missing $data"; exit 1; }
out=$("$MINISPL" run "$SRC/detections/cloud/aws_exfiltration_via_ec2_snapshot.yml" \
        --input "$data" --sourcetype aws:cloudtrail --source aws_cloudtrail --format json -q)
echo "$out"
check() { # jq filter that must print true
  if [ "$(jq -s "$1" <<<"$out")" != "true" ]; then echo "FAILED: $1"; exit 1; fi
}
# 2019 example-role events: 4x ModifySnapshotAttribute only (dc=1); christophe 2024: one event;
# bert-jan 12:28:33 DeleteSnapshot alone in its bin. So exactly one row.
check 'length == 1'
check '.[0].userName == "bert-jan"'
check '.[0].src_ip == "192.168.10.20"'
check '.[0].aws_account_id == "123837392027"'          # IAMUser → userIdentity.accountId
check '.[0]._time == "1688991000"'                      # 2023-07-10T12:10:00Z, the 5m bin of 12:10:36..12:12:03
check '.[0].count == "5"'                               # CreateSnapshot x2, ModifySnapshotAttribute x2, DeleteSnapshot
check '.[0].distinct_api_calls == "3"'
check '.[0]["values(eventName)"] == ["CreateSnapshot","DeleteSnapshot","ModifySnapshotAttribute"]'
check '.[0].attributeType == "CREATE_VOLUME_PERMISSION"'
check '.[0].aws_account_id_added == "012345678912"'    # only the add.items{}.userId, not the remove
check '(.[0].userAgent | length) == 5'                  # five distinct user agents in the window
echo "ok"
