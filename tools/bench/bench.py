#!/usr/bin/env python3
"""minispl vs jq vs DuckDB on one synthetic file: CloudTrail JSON lines or Windows XmlWinEventLog.

Generates (once, cached in --data-dir) a file of the given size with tools/gen/gen_cloudtrail.py
(`--data cloudtrail`, the default) or tools/gen/gen_xmlwineventlog.py (`--data windows`), then runs each rule with minispl (SPL), jq (a jq program) and DuckDB (SQL, via node and
@duckdb/node-api: `cd tools/bench && npm install` first) on the same file, checks that all three
give the same rows (normalised: numbers as numbers, multivalues as sorted sets, rows sorted), and
prints wall time, MB/s, events/s, peak RSS (/usr/bin/time -v) and the ratios.

  python3 tools/bench/bench.py --size 1G
  python3 tools/bench/bench.py --size 100M --rules batch_jobcreated --engines minispl,duckdb
  python3 tools/bench/bench.py --size 1G --markdown        # a table for BENCHMARKS.md
  python3 tools/bench/bench.py --data windows --size 300M --markdown

The SQL and jq programs compute the aws:cloudtrail sourcetype fields the SPL uses (src_ip, userName,
aws_account_id, _time) the way sourcetypes/aws_cloudtrail.yml defines them. On Windows events, where
neither has an XML reader, jq (-R) and DuckDB (each line as one VARCHAR) take the fields the rule reads
with a regular expression per field, as the Windows add-on's extractions do (windows-cim-facts.md 1.2):
less than a parse, so their figures are a lower bound on what an XML engine would cost.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

# --- jq helpers: the sourcetype's derived fields --------------------------------------------------
JQ_DEFS = r'''
def rp: (.requestParameters | objects) // {};
def epoch: .eventTime | sub("\\.[0-9]+Z$"; "Z") | fromdateiso8601;
def uname: .userIdentity.userName // rp.sourceIdentity // .userIdentity.sessionContext.sessionIssuer.userName
  // ((.userIdentity.arn // rp.roleArn) | strings | sub("^.*:"; "") | sub("^.*/"; ""));
def acct: if (.userIdentity.type == "AWSAccount" or .userIdentity.type == "AWSService")
  then .recipientAccountId else .userIdentity.accountId end;
def lc: tostring | ascii_downcase;
def vals: map(select(. != null) | tostring) | unique;
'''

# DuckDB: only the columns the query needs, nested objects as JSON.
DUCK_COLUMNS = ("{eventName: 'VARCHAR', eventTime: 'VARCHAR', eventSource: 'VARCHAR', awsRegion: 'VARCHAR', "
                "eventType: 'VARCHAR', sourceIPAddress: 'VARCHAR', userAgent: 'VARCHAR', "
                "recipientAccountId: 'VARCHAR', userIdentity: 'JSON', requestParameters: 'JSON'}")
DUCK_FROM = "read_ndjson('{file}', columns=" + DUCK_COLUMNS + ", maximum_object_size=16777216)"
DUCK_DERIVED = """
  SELECT *, sourceIPAddress AS src_ip,
    coalesce(userIdentity->>'$.userName', requestParameters->>'$.sourceIdentity',
             userIdentity->>'$.sessionContext.sessionIssuer.userName',
             regexp_replace(regexp_replace(coalesce(userIdentity->>'$.arn', requestParameters->>'$.roleArn'),
                                           '^.*:', ''), '^.*/', '')) AS userName,
    CASE WHEN userIdentity->>'$.type' IN ('AWSAccount', 'AWSService') THEN recipientAccountId
         ELSE userIdentity->>'$.accountId' END AS aws_account_id,
    epoch(CAST(eventTime AS TIMESTAMPTZ)) AS _time
  FROM """ + DUCK_FROM

RULES = {
    # The EC2-snapshot seed rule (detections/cloud), filter macro and ctime left out.
    "ec2_snapshot": {
        "what": "IN (4 eventNames) + src_ip!= | bin 5m | stats count dc values by 4 fields | where",
        "spl": 'sourcetype=aws:cloudtrail eventName IN ("CreateSnapshot", "DescribeSnapshotAttribute", '
               '"ModifySnapshotAttribute", "DeleteSnapshot") src_ip!="guardduty.amazonaws.com" '
               '| bin _time span=5m '
               '| stats count dc(eventName) as distinct_api_calls values(eventName) '
               'values(requestParameters.attributeType) as attributeType '
               'values(requestParameters.createVolumePermission.add.items{}.userId) as aws_account_id_added '
               'values(userAgent) as userAgent by _time userName src_ip aws_account_id '
               '| where distinct_api_calls >= 2',
        "jq": JQ_DEFS + r'''
reduce (inputs
        | select((.eventName | lc) | IN("createsnapshot", "describesnapshotattribute", "modifysnapshotattribute", "deletesnapshot"))
        | select(.sourceIPAddress != null and (.sourceIPAddress | lc) != "guardduty.amazonaws.com")
        | {t: ((epoch / 300 | floor) * 300), u: uname, s: .sourceIPAddress, a: acct, e: .eventName,
           at: rp.attributeType, ad: [rp.createVolumePermission.add.items[]?.userId], ua: .userAgent}
        | select(.t != null and .u != null and .s != null and .a != null)) as $e
  ({}; ([$e.t, $e.u, $e.s, $e.a] | tojson) as $k
       | .[$k].count += 1 | .[$k].e += [$e.e] | .[$k].at += [$e.at] | .[$k].ad += $e.ad | .[$k].ua += [$e.ua])
| to_entries[] | (.key | fromjson) as [$t, $u, $s, $a] | .value
| select((.e | map(tostring) | unique | length) >= 2)
| {_time: $t, userName: $u, src_ip: $s, aws_account_id: $a, count: .count,
   distinct_api_calls: (.e | map(tostring) | unique | length), "values(eventName)": (.e | vals),
   attributeType: (.at | vals), aws_account_id_added: (.ad | vals), userAgent: (.ua | vals)}
''',
        "sql": """
SELECT floor(_time / 300) * 300 AS _time, userName, src_ip, aws_account_id, count(*) AS count,
       count(DISTINCT eventName) AS distinct_api_calls,
       list_sort(list_distinct(list(eventName))) AS "values(eventName)",
       list_sort(list_distinct(list(requestParameters->>'$.attributeType'))) AS attributeType,
       list_sort(list_distinct(flatten(list(coalesce(
           json_extract_string(requestParameters, '$.createVolumePermission.add.items[*].userId'), []))))) AS aws_account_id_added,
       list_sort(list_distinct(list(userAgent))) AS userAgent
FROM (""" + DUCK_DERIVED + """)
WHERE lower(eventName) IN ('createsnapshot', 'describesnapshotattribute', 'modifysnapshotattribute', 'deletesnapshot')
  AND src_ip IS NOT NULL AND lower(src_ip) <> 'guardduty.amazonaws.com'
  AND userName IS NOT NULL AND src_ip IS NOT NULL AND aws_account_id IS NOT NULL
GROUP BY ALL HAVING count(DISTINCT eventName) >= 2
""",
    },
    # Selective: one eventName (the Batch Service seed rule's search, a smaller by-clause).
    "batch_jobcreated": {
        "what": "eventName=JobCreated | stats count min max by 3 fields",
        "spl": 'sourcetype=aws:cloudtrail eventName=JobCreated '
               '| stats count min(_time) as firstTime max(_time) as lastTime by src_ip aws_account_id userAgent',
        "jq": JQ_DEFS + r'''
reduce (inputs | select((.eventName | lc) == "jobcreated")
        | {s: .sourceIPAddress, a: acct, ua: .userAgent, t: epoch}
        | select(.s != null and .a != null and .ua != null)) as $e
  ({}; ([$e.s, $e.a, $e.ua] | tojson) as $k
       | .[$k].count += 1
       | .[$k].min = ([.[$k].min // $e.t, $e.t] | min) | .[$k].max = ([.[$k].max // $e.t, $e.t] | max))
| to_entries[] | (.key | fromjson) as [$s, $a, $ua]
| {src_ip: $s, aws_account_id: $a, userAgent: $ua, count: .value.count, firstTime: .value.min, lastTime: .value.max}
''',
        "sql": """
SELECT src_ip, aws_account_id, userAgent, count(*) AS count, min(_time) AS firstTime, max(_time) AS lastTime
FROM (""" + DUCK_DERIVED + """)
WHERE lower(eventName) = 'jobcreated' AND src_ip IS NOT NULL AND aws_account_id IS NOT NULL AND userAgent IS NOT NULL
GROUP BY ALL
""",
    },
    # Low selectivity (nearly every event), stats by three fields: a fixed number of groups.
    "api_calls_by_region": {
        "what": "eventType=AwsApiCall (most events) | stats count dc by 3 fields",
        "spl": 'sourcetype=aws:cloudtrail eventType=AwsApiCall '
               '| stats count dc(src_ip) as src_ips by eventSource eventName awsRegion',
        "jq": JQ_DEFS + r'''
reduce (inputs | select((.eventType | lc) == "awsapicall")
        | select(.eventSource != null and .eventName != null and .awsRegion != null)) as $e
  ({}; ([$e.eventSource, $e.eventName, $e.awsRegion] | tojson) as $k
       | .[$k].count += 1 | if $e.sourceIPAddress != null then .[$k].ips[$e.sourceIPAddress | tostring] = 1 else . end)
| to_entries[] | (.key | fromjson) as [$es, $en, $ar]
| {eventSource: $es, eventName: $en, awsRegion: $ar, count: .value.count, src_ips: ((.value.ips // {}) | length)}
''',
        "sql": """
SELECT eventSource, eventName, awsRegion, count(*) AS count, count(DISTINCT src_ip) AS src_ips
FROM (""" + DUCK_DERIVED + """)
WHERE lower(eventType) = 'awsapicall' AND eventSource IS NOT NULL AND eventName IS NOT NULL AND awsRegion IS NOT NULL
GROUP BY ALL
""",
    },
}


# --- Windows XmlWinEventLog: the fields by one regular expression each ----------------------------
def jq_data(name):
    return f'(capture("<Data Name=\'{name}\'>(?<v>[^<]+)</Data>") | .v) // null'


JQ_WIN = r"""
def sys(e): (capture("<" + e + "(?: [^>]*)?>(?<v>[^<]+)</" + e + ">") | .v) // null;
def data(n): (capture("<Data Name='" + n + "'>(?<v>[^<]+)</Data>") | .v) // null;
def lc: ascii_downcase;
"""


def sql_sys(e):
    return f"nullif(regexp_extract(line, '<{e}(?: [^>]*)?>([^<]+)</{e}>', 1), '')"


def sql_data(n):
    return f"nullif(regexp_extract(line, '<Data Name=''{n}''>([^<]+)</Data>', 1), '')"


DUCK_LINES = ("read_csv('{file}', columns={'line': 'VARCHAR'}, header=false, delim=chr(1), quote='', escape='', "
              "max_line_size=67108864)")
DUCK_WIN = ("(SELECT *, " + sql_sys("EventID") + " AS EventCode, 'XmlWinEventLog:' || " + sql_sys("Channel") +
            " AS source, " + sql_sys("Computer") + " AS Computer FROM " + DUCK_LINES + ")")

WINDOWS_RULES = {
    # Every event read and parsed: the reading rate the 300 MB/s target is about.
    "eventcode_count": {
        "what": "every event | stats count by source EventCode",
        "spl": "sourcetype=XmlWinEventLog | stats count by source EventCode",
        "jq": JQ_WIN + r"""
reduce (inputs | {s: sys("Channel"), c: sys("EventID")} | select(.s != null and .c != null)) as $e
  ({}; .[[$e.s, $e.c] | tojson] += 1)
| to_entries[] | (.key | fromjson) as [$s, $c] | {source: ("XmlWinEventLog:" + $s), EventCode: $c, count: .value}
""",
        "sql": "SELECT source, EventCode, count(*) AS count FROM " + DUCK_WIN +
               " WHERE source IS NOT NULL AND EventCode IS NOT NULL GROUP BY ALL",
    },
    # A Sysmon rule (the shape of detect_credential_dumping_through_lsass_access): one EventCode of one
    # channel, a wildcard and an IN on Data fields; the raw prefilter skips most events.
    "lsass_access": {
        "what": "Sysmon EventCode=10 TargetImage=*lsass.exe GrantedAccess IN (2) | stats count by 3 fields",
        "spl": 'sourcetype=XmlWinEventLog source="XmlWinEventLog:Microsoft-Windows-Sysmon/Operational" EventCode=10 '
               'TargetImage=*lsass.exe GrantedAccess IN ("0x1010", "0x1410") '
               '| stats count by Computer SourceImage GrantedAccess',
        "jq": JQ_WIN + r"""
reduce (inputs | select(sys("Channel") == "Microsoft-Windows-Sysmon/Operational" and sys("EventID") == "10")
        | {c: sys("Computer"), t: data("TargetImage"), si: data("SourceImage"), g: data("GrantedAccess")}
        | select(.t != null and (.t | lc | endswith("lsass.exe")) and .g != null and ((.g | lc) | IN("0x1010", "0x1410")))
        | select(.c != null and .si != null)) as $e
  ({}; .[[$e.c, $e.si, $e.g] | tojson] += 1)
| to_entries[] | (.key | fromjson) as [$c, $si, $g] | {Computer: $c, SourceImage: $si, GrantedAccess: $g, count: .value}
""",
        "sql": "SELECT Computer, " + sql_data("SourceImage") + " AS SourceImage, " + sql_data("GrantedAccess") +
               " AS GrantedAccess, count(*) AS count FROM " + DUCK_WIN +
               " WHERE source = 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational' AND EventCode = '10'"
               " AND lower(" + sql_data("TargetImage") + ") LIKE '%lsass.exe'"
               " AND lower(" + sql_data("GrantedAccess") + ") IN ('0x1010', '0x1410')"
               " AND Computer IS NOT NULL AND " + sql_data("SourceImage") + " IS NOT NULL GROUP BY ALL",
    },
    # Security logons: one EventCode of a frequent channel, stats with dc by two Data fields.
    "logons_by_user": {
        "what": "Security EventCode=4624 | stats count dc(IpAddress) by TargetUserName LogonType",
        "spl": 'sourcetype=XmlWinEventLog source="XmlWinEventLog:Security" EventCode=4624 '
               '| stats count dc(IpAddress) as src_ips by TargetUserName LogonType',
        "jq": JQ_WIN + r"""
reduce (inputs | select(sys("Channel") == "Security" and sys("EventID") == "4624")
        | {u: data("TargetUserName"), l: data("LogonType"), ip: data("IpAddress")}
        | select(.u != null and .l != null)) as $e
  ({}; ([$e.u, $e.l] | tojson) as $k | .[$k].count += 1
       | if $e.ip != null then .[$k].ips[$e.ip] = 1 else . end)
| to_entries[] | (.key | fromjson) as [$u, $l]
| {TargetUserName: $u, LogonType: $l, count: .value.count, src_ips: ((.value.ips // {}) | length)}
""",
        "sql": "SELECT " + sql_data("TargetUserName") + " AS TargetUserName, " + sql_data("LogonType") +
               " AS LogonType, count(*) AS count, count(DISTINCT " + sql_data("IpAddress") + ") AS src_ips FROM " +
               DUCK_WIN + " WHERE source = 'XmlWinEventLog:Security' AND EventCode = '4624'"
               " AND " + sql_data("TargetUserName") + " IS NOT NULL AND " + sql_data("LogonType") +
               " IS NOT NULL GROUP BY ALL",
    },
    # A rare literal (the planted Mimikatz script blocks): the prefilter's best case on XML.
    "mimikatz_scriptblock": {
        "what": "PowerShell EventCode=4104 ScriptBlockText=*mimikatz* | stats count by Computer",
        "spl": 'sourcetype=XmlWinEventLog EventCode=4104 ScriptBlockText="*mimikatz*" | stats count by Computer',
        "jq": JQ_WIN + r"""
reduce (inputs | select(sys("EventID") == "4104") | {c: sys("Computer"), t: data("ScriptBlockText")}
        | select(.c != null and .t != null and (.t | lc | contains("mimikatz")))) as $e
  ({}; .[$e.c] += 1)
| to_entries[] | {Computer: .key, count: .value}
""",
        "sql": "SELECT Computer, count(*) AS count FROM " + DUCK_WIN + " WHERE EventCode = '4104' AND lower(" +
               sql_data("ScriptBlockText") + ") LIKE '%mimikatz%' AND Computer IS NOT NULL GROUP BY ALL",
    },
}

DATA = {
    "cloudtrail": {"rules": RULES, "sourcetype": "aws:cloudtrail", "name": "ct_{size}_s{seed}.jsonl",
                   "gen": ["gen_cloudtrail.py", "--snapshot-exfil", "5", "--batch-jobs", "3"]},
    "windows": {"rules": WINDOWS_RULES, "sourcetype": "XmlWinEventLog", "name": "win_{size}_s{seed}.log",
                "gen": ["gen_xmlwineventlog.py"]},
}


def parse_size(s):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG]?)", s.upper())
    if not m:
        raise SystemExit(f"bad size {s!r}")
    return int(float(m.group(1)) * {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m.group(2)])


def dataset(args):
    os.makedirs(args.data_dir, exist_ok=True)
    d = DATA[args.data]
    path = os.path.join(args.data_dir, d["name"].format(size=args.size, seed=args.seed))
    if not os.path.exists(path):
        print(f"generating {path} ...", file=sys.stderr)
        tmp = path + ".tmp"
        gen, *opts = d["gen"]
        subprocess.run([sys.executable, os.path.join(ROOT, "tools", "gen", gen), "--size", args.size, *opts,
                        "--seed", str(args.seed), "-o", tmp, "--manifest", path + ".manifest.json"], check=True)
        os.rename(tmp, path)
    return path


def count_lines(path):
    n = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 24):
            n += chunk.count(b"\n")
    return n


def timed(cmd, env=None):
    """Runs cmd under /usr/bin/time -v: (stdout, wall seconds, peak RSS MB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-v", "-o", tf.name] + cmd, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, env=env)
        wall = time.perf_counter() - t0
        report = tf.read()
    if p.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({p.returncode}): {p.stderr[-2000:]}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
    return p.stdout, wall, (int(m.group(1)) / 1024 if m else float("nan"))


def norm_scalar(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    s = str(v)
    try:
        f = float(s)
        if f == int(f) and abs(f) < 1e15:
            return str(int(f))
        return repr(round(f, 6))
    except ValueError:
        return s


def norm_value(v):
    if isinstance(v, list):
        vals = sorted({norm_scalar(x) for x in v if x is not None})
        return vals[0] if len(vals) == 1 else tuple(vals)
    return norm_scalar(v)


def normalise(stdout, columns):
    rows = []
    for line in stdout.splitlines():
        line = line.strip()
        if not line:
            continue
        obj = json.loads(line)
        rows.append(tuple(norm_value(obj.get(c)) for c in columns))
    return sorted(rows)


def run_engine(engine, rule, path, args):
    if engine == "minispl":
        cmd = [args.minispl, "search", rule["spl"], "--input", path, "--sourcetype", DATA[args.data]["sourcetype"],
               "--format", "json", "--quiet"]
        if args.threads:
            cmd += ["--threads", str(args.threads)]
        return timed(cmd)
    if engine == "jq":
        return timed(["jq", "-n", "-c"] + (["-R"] if args.data == "windows" else []) + [rule["jq"], path])
    if engine == "duckdb":
        sql = rule["sql"].replace("{file}", path.replace("'", "''"))
        return timed(["node", os.path.join(HERE, "duckdb_query.mjs"), sql])
    raise SystemExit(f"unknown engine {engine}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", default="1G", help="data size, e.g. 100M, 1G (default 1G)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--data-dir", default="/tmp/minispl-bench", help="where generated data is cached")
    ap.add_argument("--input", help="use this file instead of generating one")
    ap.add_argument("--data", default="cloudtrail", choices=sorted(DATA), help="which generated data and rules")
    ap.add_argument("--rules", help="comma-separated (default all): " + "; ".join(
        f"{k}: " + ", ".join(v["rules"]) for k, v in DATA.items()))
    ap.add_argument("--engines", default="minispl,jq,duckdb")
    ap.add_argument("--minispl", default=None, help="the minispl binary (default build-perf/, then build/)")
    ap.add_argument("--threads", type=int, default=0, help="pass --threads N to minispl (0: its default)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per engine; the fastest is reported")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = ap.parse_args()
    if not args.minispl:
        for cand in ("build-perf/minispl", "build/minispl"):
            if os.path.exists(os.path.join(ROOT, cand)):
                args.minispl = os.path.join(ROOT, cand)
                break
    path = args.input or dataset(args)
    size_mb = os.path.getsize(path) / 1e6
    events = count_lines(path)
    load = os.getloadavg()
    print(f"input {path}: {size_mb:.0f} MB, {events} events; nproc {os.cpu_count()}; "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", file=sys.stderr)
    engines = args.engines.split(",")
    results = []  # (rule, engine, wall, rss, rows)
    ok = True
    rules = DATA[args.data]["rules"]
    for name in (args.rules.split(",") if args.rules else rules):
        if name not in rules:
            raise SystemExit(f"no rule {name!r} for --data {args.data}: " + ", ".join(rules))
        rule = rules[name]
        columns = None
        reference = None
        for engine in engines:
            best = None
            for _ in range(args.repeat):
                out, wall, rss = run_engine(engine, rule, path, args)
                if best is None or wall < best[1]:
                    best = (out, wall, rss)
            out, wall, rss = best
            if columns is None:
                first = next((json.loads(l) for l in out.splitlines() if l.strip()), {})
                columns = list(first.keys())
            rows = normalise(out, columns)
            same = ""
            if reference is None:
                reference = (engine, rows)
            elif rows != reference[1]:
                ok = False
                same = f"DIFFERS from {reference[0]}"
                a, b = set(reference[1]), set(rows)
                for r in sorted(a - b)[:3]:
                    print(f"  only {reference[0]}: {r}", file=sys.stderr)
                for r in sorted(b - a)[:3]:
                    print(f"  only {engine}: {r}", file=sys.stderr)
            results.append((name, engine, wall, rss, len(rows), same))
            print(f"{name:22} {engine:8} {wall:8.2f} s {size_mb / wall:8.1f} MB/s {events / wall / 1e3:7.0f} k ev/s "
                  f"{rss:8.0f} MB  {len(rows)} rows {same}", file=sys.stderr, flush=True)
    # ratios against minispl
    base = {r[0]: r[2] for r in results if r[1] == "minispl"}
    if args.markdown:
        print(f"\nInput: {size_mb:.0f} MB, {events} events. Load average at start: {load[0]:.2f}.\n")
        print("| rule | engine | wall s | MB/s | k events/s | peak RSS MB | rows | x minispl time |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, engine, wall, rss, nrows, same in results:
        ratio = wall / base[name] if name in base else float("nan")
        if args.markdown:
            print(f"| {name} | {engine} | {wall:.2f} | {size_mb / wall:.0f} | {events / wall / 1e3:.0f} | {rss:.0f} | "
                  f"{nrows}{' ' + same if same else ''} | {ratio:.1f} |")
        else:
            print(f"{name:22} {engine:8} {wall:8.2f} s  {size_mb / wall:8.1f} MB/s  {events / wall / 1e3:7.0f} k ev/s  "
                  f"peak {rss:7.0f} MB  rows {nrows:5}  {ratio:6.1f}x minispl  {same}")
    if not ok:
        print("RESULTS DIFFER", file=sys.stderr)
        sys.exit(1)
    print("all engines agree", file=sys.stderr)


if __name__ == "__main__":
    main()
