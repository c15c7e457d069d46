#!/usr/bin/env python3
"""Synthetic CloudTrail JSON lines for tests and benchmarks, resampled from real records.

Background events are real records from ../shared/datasets (invictus_aws_dataset, stratus_red_team,
panther_analysis) with their times, users, source IPs, accounts and ids varied; the run is
deterministic for a given --seed. A known number of attacks is planted:

  * EC2 snapshot exfiltration: CreateSnapshot then ModifySnapshotAttribute adding a
    createVolumePermission userId (another account), by the same user, IP and account, inside one
    5-minute bin (so `bin _time span=5m | stats dc(eventName) ... by _time userName src_ip
    aws_account_id | where distinct_api_calls >= 2` finds exactly one row per sequence);
  * AWS Batch JobCreated service events, each in its own account (one row per event for
    `eventName=JobCreated | stats ... by src_ip aws_account_id eventName errorCode userAgent`).

Background records never use CreateSnapshot, DescribeSnapshotAttribute, ModifySnapshotAttribute,
DeleteSnapshot or JobCreated, so the planted counts are the exact expected detections.
The counts are printed as one JSON line on stderr (and written to --manifest when given).

  gen_cloudtrail.py --events 100000 --snapshot-exfil 5 --batch-jobs 3 --seed 7 -o out.jsonl
  gen_cloudtrail.py --size 1G -o big.jsonl.gz     # .gz output is gzip-compressed
"""
import argparse
import datetime as dt
import glob
import gzip
import json
import os
import random
import sys

EXCLUDED = {"CreateSnapshot", "DescribeSnapshotAttribute", "ModifySnapshotAttribute", "DeleteSnapshot", "JobCreated"}
NOT_AN_IP = ("amazonaws.com", "AWS Internal")


def default_datasets():
    env = os.environ.get("MINISPL_SHARED")
    if env:
        return os.path.join(env, "datasets")
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "datasets"))


def load_records(datasets):
    """Real CloudTrail records, as dicts, in a stable order."""
    recs = []
    for f in sorted(glob.glob(os.path.join(datasets, "invictus_aws_dataset", "CloudTrail", "*.json"))):
        with open(f) as fh:
            recs.extend(json.load(fh).get("Records", []))
    for f in sorted(glob.glob(os.path.join(datasets, "stratus_red_team", "**", "*.json"), recursive=True)):
        try:
            with open(f) as fh:
                data = json.load(fh)
        except (ValueError, OSError):
            continue
        if isinstance(data, list):
            recs.extend(r for r in data if isinstance(r, dict))
    panther = os.path.join(datasets, "panther_analysis", "AWS_CloudTrail.events_only.jsonl")
    if os.path.exists(panther):
        with open(panther) as fh:
            for line in fh:
                line = line.strip()
                if line:
                    try:
                        recs.append(json.loads(line))
                    except ValueError:
                        pass
    return [r for r in recs if isinstance(r, dict) and "eventName" in r and isinstance(r.get("userIdentity"), dict)]


def iso(t):
    return dt.datetime.fromtimestamp(t, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_size(s):
    mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    s = s.strip().upper().rstrip("B")
    if s and s[-1] in mult:
        return int(float(s[:-1]) * mult[s[-1]])
    return int(s)


class Actors:
    """Pools of accounts, users and source IPs; an actor is one (account, user, ip, role)."""

    def __init__(self, rng, n_accounts=8, n_users=60, n_ips=200):
        self.rng = rng
        self.accounts = ["%012d" % rng.randrange(10**11, 10**12) for _ in range(n_accounts)]
        first = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory",
                 "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "yves"]
        self.users = ["%s.%s" % (rng.choice(first), rng.choice(["ops", "dev", "sec", "data", "ci"])) + str(i)
                      for i in range(n_users)]
        self.roles = ["Admin", "ReadOnly", "Deploy", "DataScience", "Billing", "Support"]
        self.ips = ["%d.%d.%d.%d" % (rng.choice([34, 52, 54, 81, 91, 145, 185, 203]), rng.randrange(256),
                                     rng.randrange(256), rng.randrange(1, 255)) for _ in range(n_ips)]
        # each user works from one account and a couple of IPs
        self.home = {u: (rng.choice(self.accounts), rng.sample(self.ips, 2)) for u in self.users}

    def pick(self):
        user = self.rng.choice(self.users)
        account, ips = self.home[user]
        return account, user, self.rng.choice(ips), self.rng.choice(self.roles)


def uuid(rng):
    h = "%032x" % rng.getrandbits(128)
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def set_identity(rec, account, user, role):
    ui = rec.get("userIdentity") or {}
    kind = ui.get("type")
    if kind == "IAMUser":
        ui["accountId"] = account
        ui["userName"] = user
        ui["arn"] = "arn:aws:iam::%s:user/%s" % (account, user)
    elif kind == "AssumedRole":
        ui["accountId"] = account
        ui["arn"] = "arn:aws:sts::%s:assumed-role/%s/%s" % (account, role, user)
        issuer = (ui.get("sessionContext") or {}).get("sessionIssuer")
        if isinstance(issuer, dict) and issuer:
            issuer["accountId"] = account
            issuer["arn"] = "arn:aws:iam::%s:role/%s" % (account, role)
            issuer["userName"] = role
    elif kind == "Root":
        ui["accountId"] = account
        ui["arn"] = "arn:aws:iam::%s:root" % account
    elif "accountId" in ui:
        ui["accountId"] = account
    rec["userIdentity"] = ui


def vary(base, rng, actors, t):
    rec = json.loads(base)
    account, user, ip, role = actors.pick()
    rec["eventTime"] = iso(t)
    rec["eventID"] = uuid(rng)
    if "requestID" in rec:
        rec["requestID"] = uuid(rng)
    src = rec.get("sourceIPAddress")
    if isinstance(src, str) and not any(s in src for s in NOT_AN_IP):
        rec["sourceIPAddress"] = ip
    set_identity(rec, account, user, role)
    rec["recipientAccountId"] = account
    return rec


def snapshot_exfil(rng, actors, t, n):
    """CreateSnapshot + ModifySnapshotAttribute (add userId) in the 5-minute bin starting at t."""
    account = actors.accounts[n % len(actors.accounts)]
    user = "exfil-%d" % n  # one user per sequence: one detection row each
    ip = "198.51.100.%d" % (1 + n % 250)
    region = rng.choice(["us-east-1", "us-west-2", "eu-west-1"])
    snap = "snap-%017x" % rng.getrandbits(68)
    vol = "vol-%017x" % rng.getrandbits(68)
    t1 = t + rng.randrange(0, 120)
    t2 = t1 + rng.randrange(5, 170)  # still inside [t, t+300)
    ident = {"type": "IAMUser", "principalId": "AIDA%016X" % rng.getrandbits(64),
             "arn": "arn:aws:iam::%s:user/%s" % (account, user), "accountId": account,
             "accessKeyId": "AKIA%016X" % rng.getrandbits(64), "userName": user}
    common = {"eventVersion": "1.08", "eventSource": "ec2.amazonaws.com", "awsRegion": region,
              "sourceIPAddress": ip, "userAgent": "aws-cli/2.13.0 Python/3.11.4 Linux/5.15 exe/x86_64",
              "readOnly": False, "eventType": "AwsApiCall", "managementEvent": True,
              "recipientAccountId": account, "eventCategory": "Management"}
    create = dict(common, userIdentity=ident, eventTime=iso(t1), eventName="CreateSnapshot",
                  requestParameters={"volumeId": vol, "description": "backup"},
                  responseElements={"requestId": uuid(rng), "snapshotId": snap, "volumeId": vol,
                                    "status": "pending", "volumeSize": 8, "ownerId": account},
                  requestID=uuid(rng), eventID=uuid(rng))
    other = "%012d" % rng.randrange(10**11, 10**12)
    modify = dict(common, userIdentity=ident, eventTime=iso(t2), eventName="ModifySnapshotAttribute",
                  requestParameters={"snapshotId": snap, "createVolumePermission": {"add": {"items": [{"userId": other}]}},
                                     "attributeType": "CREATE_VOLUME_PERMISSION"},
                  responseElements={"requestId": uuid(rng), "_return": True},
                  requestID=uuid(rng), eventID=uuid(rng))
    return [(t1, create), (t2, modify)]


def batch_job(rng, t, n):
    # The job is created through the API by an IAM user of its own account, so the record names the
    # user, a source IP and a CLI user agent: the Batch Service rule groups by user, src and user_agent,
    # and stats drops events where a by-field is null.
    account = "%012d" % (900000000000 + n)  # its own account: one detection row each
    job = uuid(rng)
    user = "batch-operator-%d" % n
    ident = {"type": "IAMUser", "principalId": "AIDA%016d" % (n + 1), "arn": "arn:aws:iam::%s:user/%s" % (account, user),
             "accountId": account, "accessKeyId": "AKIA%016d" % (n + 1), "userName": user}
    return [(t, {"eventVersion": "1.08", "userIdentity": ident,
                 "eventTime": iso(t), "eventSource": "batch.amazonaws.com", "eventName": "JobCreated",
                 "awsRegion": "us-east-1", "sourceIPAddress": "203.0.113.%d" % (10 + n % 200),
                 "userAgent": "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.debian.12",
                 "requestParameters": None, "responseElements": None, "eventID": uuid(rng), "readOnly": False,
                 "eventType": "AwsServiceEvent", "managementEvent": True, "recipientAccountId": account,
                 "serviceEventDetails": {"jobArn": "arn:aws:batch:us-east-1:%s:job/%s" % (account, job),
                                         "jobName": "exfil-job-%d" % n, "jobId": job, "status": "SUBMITTED"},
                 "eventCategory": "Management"})]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--out", default="-", help="output file (- = stdout; .gz = gzip)")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--events", type=int, help="number of background events (default 10000)")
    g.add_argument("--size", help="approximate output size, e.g. 500M, 2G (background events until reached)")
    ap.add_argument("--snapshot-exfil", type=int, default=3, help="planted EC2 snapshot exfiltration sequences")
    ap.add_argument("--batch-jobs", type=int, default=2, help="planted AWS Batch JobCreated events")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", default="2024-03-01T00:00:00Z", help="first event time (UTC)")
    ap.add_argument("--days", type=float, default=7.0, help="time span of the events")
    ap.add_argument("--datasets", default=default_datasets(), help="the shared datasets dir")
    ap.add_argument("--manifest", help="also write the planted counts (JSON) here")
    a = ap.parse_args()

    rng = random.Random(a.seed)
    base = [json.dumps(r, separators=(",", ":")) for r in load_records(a.datasets) if r["eventName"] not in EXCLUDED]
    if not base:
        sys.exit("gen_cloudtrail: no CloudTrail records found under " + a.datasets)
    actors = Actors(rng)
    start = dt.datetime.strptime(a.start, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc).timestamp()
    span = a.days * 86400

    n_events = a.events if a.events is not None else (None if a.size else 10000)
    target_bytes = parse_size(a.size) if a.size else None
    # background times are evenly spread; without a known count (--size), estimate from the mean size
    mean = sum(len(b) for b in base) / len(base)
    expected = n_events if n_events is not None else max(1, int(target_bytes / (mean + 60)))
    step = span / max(expected, 1)

    # planted events, at 5-minute bin starts spread over the span, kept in time order with the rest
    planted = []
    for i in range(a.snapshot_exfil):
        t = start + int((span * (i + 0.5) / max(a.snapshot_exfil, 1)) // 300) * 300
        planted.extend(snapshot_exfil(rng, actors, t, i))
    for i in range(a.batch_jobs):
        planted.extend(batch_job(rng, start + span * (i + 0.3) / max(a.batch_jobs, 1), i))
    planted.sort(key=lambda p: p[0])

    out = sys.stdout if a.out == "-" else (gzip.open(a.out, "wt", compresslevel=3) if a.out.endswith(".gz") else open(a.out, "w"))
    written = count = 0
    t = start
    pi = 0
    write = out.write
    while True:
        if n_events is not None and count >= n_events:
            break
        if target_bytes is not None and written >= target_bytes:
            break
        t += rng.random() * 2 * step
        while pi < len(planted) and planted[pi][0] <= t:
            line = json.dumps(planted[pi][1], separators=(",", ":")) + "\n"
            write(line)
            written += len(line)
            pi += 1
        line = json.dumps(vary(rng.choice(base), rng, actors, t), separators=(",", ":")) + "\n"
        write(line)
        written += len(line)
        count += 1
    for _, rec in planted[pi:]:
        line = json.dumps(rec, separators=(",", ":")) + "\n"
        write(line)
        written += len(line)
    if out is not sys.stdout:
        out.close()
    summary = {"background_events": count, "total_events": count + len(planted), "bytes": written,
               "snapshot_exfil_sequences": a.snapshot_exfil, "batch_job_created": a.batch_jobs, "seed": a.seed}
    print(json.dumps(summary), file=sys.stderr)
    if a.manifest:
        with open(a.manifest, "w") as fh:
            json.dump(summary, fh, indent=2)
            fh.write("\n")


if __name__ == "__main__":
    main()
