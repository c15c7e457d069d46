#!/usr/bin/env python3
"""Synthetic XmlWinEventLog files (one <Event> per line, Splunk's form) for tests and benchmarks,
resampled from the real Windows events of ../shared/attack_data (the *.log files; see
attack_data/PROVENANCE-windows.md: OTRF Security-Datasets captures, MIT).

Background events are real events, drawn at random from attack_data's distinct events (so the
channel mix is theirs: about 64% Sysmon, 23% Security, 11% PowerShell, 2% System), with their time (TimeCreated/@SystemTime and, for
Sysmon, the UtcTime data), EventRecordID (counting up per host and channel) and Computer varied; the
run is deterministic for a given --seed. Background events are attack_data's, which was cut to
match detections, so they do make detections fire; the planted sequences are each on a host of
their own (PLANTED-<n>.attack.local), so a detection's rows for those hosts are exactly the
planted ones:

  * lsass access: Sysmon 1 of rundll32 running comsvcs.dll MiniDump on lsass, then the Sysmon 10
    of that process opening lsass.exe with GrantedAccess 0x1010 (detect_credential_dumping_through_
    lsass_access: one row per sequence), and the Security 4688 of the same command line;
  * PowerShell 4104 script block invoking Mimikatz (detect_mimikatz_with_powershell_script_block_
    logging: one row per sequence, the text carries the sequence number);
  * System 7045 installing a service from C:\\Users\\Public (windows_service_created_with_suspicious_
    service_path: one row per sequence).

Each planted event is a real event of the same EventCode with its fields replaced, so its shape is
real. Memory stays flat in the output size: the pool of real events is held once (about 45 MB),
output is written line by line. The counts are printed as one JSON line on stderr (and written to
--manifest when given). Output goes only where told: stdout, or --out FILE (.gz = gzip).

  gen_xmlwineventlog.py --size 100M --seed 3 -o win.log
  gen_xmlwineventlog.py --events 50000 --plant 5 --channels Security,System -o sec.log.gz
"""
import argparse
import datetime as dt
import glob
import gzip
import json
import os
import random
import re
import sys

EVENT_ID = re.compile(r"<EventID(?: [^>]*)?>(\d+)</EventID>")
CHANNEL = re.compile(r"<Channel>([^<]*)</Channel>")
SYSTEM_TIME = re.compile(r"(<TimeCreated SystemTime=')[^']*(')")
RECORD_ID = re.compile(r"(<EventRecordID>)\d+(</EventRecordID>)")
COMPUTER = re.compile(r"(<Computer>)[^<]*(</Computer>)")
UTC_TIME = re.compile(r"(<Data Name='UtcTime'>)[^<]*(</Data>)")


def default_attack_data():
    """$MINISPL_SHARED/attack_data, else shared/attack_data beside the checkout or one of its parents
    (a worktree under /work/wt/<name> finds /work/shared)."""
    env = os.environ.get("MINISPL_SHARED")
    if env:
        return os.path.join(env, "attack_data")
    d = os.path.dirname(os.path.abspath(__file__))
    while os.path.dirname(d) != d:
        d = os.path.dirname(d)
        candidate = os.path.join(d, "shared", "attack_data")
        if os.path.isdir(candidate):
            return candidate
    return os.path.join("..", "shared", "attack_data")


def parse_size(s):
    mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    s = s.strip().upper().rstrip("B")
    if s and s[-1] in mult:
        return int(float(s[:-1]) * mult[s[-1]])
    return int(s)


def load_pool(attack_data, channels):
    """Real events as (channel, event_code, line), in a stable order; duplicates dropped."""
    seen, pool = set(), []
    for f in sorted(glob.glob(os.path.join(attack_data, "**", "*.log"), recursive=True)):
        with open(f, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                line = line.rstrip("\r\n")
                if not line.startswith("<Event") or line in seen:
                    continue
                ch, ec = CHANNEL.search(line), EVENT_ID.search(line)
                if not ch or not ec or (channels and ch.group(1) not in channels):
                    continue
                seen.add(line)
                pool.append((ch.group(1), ec.group(1), line))
    return pool


def set_data(line, name, value):
    """Replace (or, when absent, append) <Data Name='name'> of an event line."""
    pat = re.compile(r"(<Data Name='%s'>)[^<]*(</Data>)" % re.escape(name))
    if pat.search(line):
        return pat.sub(lambda m: m.group(1) + value + m.group(2), line, count=1)
    return line.replace("</EventData>", "<Data Name='%s'>%s</Data></EventData>" % (name, value), 1)


SECURITY = re.compile(r"<Security(?: UserID='[^']*')?/>")


def set_user_sid(line, sid):
    """The System/Security/@UserID of an event line (rules group service installs by UserID)."""
    return SECURITY.sub("<Security UserID='%s'/>" % sid, line, count=1)


class Stamper:
    """Gives an event its new time, host and per-(host, channel) record number."""

    def __init__(self):
        self.records = {}

    def stamp(self, line, channel, host, t):
        when = dt.datetime.fromtimestamp(t, dt.timezone.utc)
        rid = self.records.get((host, channel), 1000) + 1
        self.records[(host, channel)] = rid
        line = SYSTEM_TIME.sub(lambda m: m.group(1) + when.strftime("%Y-%m-%dT%H:%M:%S.%f") + "000Z" + m.group(2), line, count=1)
        line = RECORD_ID.sub(lambda m: m.group(1) + str(rid) + m.group(2), line, count=1)
        line = COMPUTER.sub(lambda m: m.group(1) + host + m.group(2), line, count=1)
        if channel == "Microsoft-Windows-Sysmon/Operational":
            utc = when.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (when.microsecond // 1000)
            line = UTC_TIME.sub(lambda m: m.group(1) + utc + m.group(2), line, count=1)
        return line


def template(pool, channel, code):
    for ch, ec, line in pool:
        if ch == channel and ec == code:
            return line
    return None


def planted_sequence(pool, rng, n, t):
    """The planted events of sequence n as (time, channel, host, line); skips kinds with no template."""
    host = "PLANTED-%d.attack.local" % n
    pid, lsass = 4000 + n, 600 + n % 50
    guid = "{%08x-1111-2222-3333-%012x}" % (n, rng.getrandbits(48))
    cmd = r"C:\Windows\System32\rundll32.exe C:\Windows\System32\comsvcs.dll, MiniDump %d C:\Users\Public\lsass-%d.dmp full" % (lsass, n)
    out = []
    sysmon = "Microsoft-Windows-Sysmon/Operational"
    base = template(pool, sysmon, "1")
    if base:
        for k, v in (("Image", r"C:\Windows\System32\rundll32.exe"), ("OriginalFileName", "RUNDLL32.EXE"),
                     ("CommandLine", cmd), ("ProcessId", str(pid)), ("ProcessGuid", guid),
                     ("ParentImage", r"C:\Windows\System32\cmd.exe"), ("ParentCommandLine", r"C:\Windows\system32\cmd.exe"),
                     ("User", r"ATTACK\planted%d" % n), ("IntegrityLevel", "High")):
            base = set_data(base, k, v)
        out.append((t, sysmon, host, base))
    base = template(pool, sysmon, "10")
    if base:
        for k, v in (("SourceImage", r"C:\Windows\System32\rundll32.exe"), ("SourceProcessId", str(pid)),
                     ("SourceProcessGUID", guid), ("TargetImage", r"C:\Windows\system32\lsass.exe"),
                     ("TargetProcessId", str(lsass)), ("GrantedAccess", "0x1010")):
            base = set_data(base, k, v)
        out.append((t + 1, sysmon, host, base))
    base = template(pool, "Security", "4688")
    if base:
        for k, v in (("NewProcessName", r"C:\Windows\System32\rundll32.exe"), ("NewProcessId", hex(pid)),
                     ("CommandLine", cmd), ("ParentProcessName", r"C:\Windows\System32\cmd.exe"),
                     ("SubjectUserName", "planted%d" % n)):
            base = set_data(base, k, v)
        out.append((t, "Security", host, base))
    ps = "Microsoft-Windows-PowerShell/Operational"
    base = template(pool, ps, "4104")
    if base:
        base = set_data(base, "ScriptBlockText", "Invoke-Mimikatz -DumpCreds # planted %d" % n)
        base = set_data(base, "MessageNumber", "1")
        base = set_data(base, "MessageTotal", "1")
        out.append((t + 2, ps, host, base))
    base = template(pool, "System", "7045")
    if base:
        for k, v in (("ServiceName", "plantsvc%d" % n), ("ImagePath", r"C:\Users\Public\plantsvc%d.exe" % n),
                     ("ServiceType", "user mode service"), ("StartType", "demand start"), ("AccountName", "LocalSystem")):
            base = set_data(base, k, v)
        out.append((t + 3, "System", host, set_user_sid(base, "S-1-5-21-1000-2000-3000-%d" % (1100 + n))))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-o", "--out", default="-", help="output file (- = stdout; .gz = gzip)")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--events", type=int, help="number of background events (default 10000)")
    g.add_argument("--size", help="approximate output size in bytes, e.g. 500M, 2G (background events until reached)")
    ap.add_argument("--plant", type=int, default=3, help="planted attack sequences (each on its own host)")
    ap.add_argument("--hosts", type=int, default=40, help="background host names")
    ap.add_argument("--channels", help="only these channels, comma-separated (e.g. Security,System)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", default="2024-03-01T00:00:00Z", help="first event time (UTC)")
    ap.add_argument("--days", type=float, default=7.0, help="time span of the events")
    ap.add_argument("--attack-data", default=default_attack_data(), help="the shared attack_data dir (read only)")
    ap.add_argument("--manifest", help="also write the planted counts (JSON) here")
    a = ap.parse_args()

    channels = set(a.channels.split(",")) if a.channels else None
    pool = load_pool(a.attack_data, channels)
    if not pool:
        sys.exit("gen_xmlwineventlog: no XmlWinEventLog events found under " + a.attack_data)
    rng = random.Random(a.seed)
    hosts = ["%s-%04d.corp.example" % (rng.choice(["WS", "WIN", "SRV", "DC"]), i) for i in range(a.hosts)]
    start = dt.datetime.strptime(a.start, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc).timestamp()
    span = a.days * 86400

    n_events = a.events if a.events is not None else (None if a.size else 10000)
    target = parse_size(a.size) if a.size else None
    mean = sum(len(p[2]) for p in pool) / len(pool)
    expected = n_events if n_events is not None else max(1, int(target / (mean + 1)))
    step = span / max(expected, 1)

    planted = []
    for i in range(a.plant):
        planted.extend(planted_sequence(pool, rng, i, start + span * (i + 0.5) / max(a.plant, 1)))
    planted.sort(key=lambda p: p[0])
    kinds = {}
    for _, ch, _, line in planted:
        key = "%s %s" % (ch, EVENT_ID.search(line).group(1))
        kinds[key] = kinds.get(key, 0) + 1

    out = sys.stdout if a.out == "-" else (gzip.open(a.out, "wt", compresslevel=3, encoding="utf-8")
                                           if a.out.endswith(".gz") else open(a.out, "w", encoding="utf-8"))
    stamper = Stamper()
    written = count = pi = 0
    t = start

    def emit(line):
        nonlocal written
        out.write(line)
        out.write("\n")
        written += len(line) + 1

    while not ((n_events is not None and count >= n_events) or (target is not None and written >= target)):
        t += rng.random() * 2 * step
        while pi < len(planted) and planted[pi][0] <= t:
            pt, ch, host, line = planted[pi]
            emit(stamper.stamp(line, ch, host, pt))
            pi += 1
        ch, _, line = rng.choice(pool)
        emit(stamper.stamp(line, ch, rng.choice(hosts), t))
        count += 1
    for pt, ch, host, line in planted[pi:]:
        emit(stamper.stamp(line, ch, host, pt))
    if out is not sys.stdout:
        out.close()
    summary = {"background_events": count, "total_events": count + len(planted), "bytes": written,
               "planted_sequences": a.plant, "planted_events": kinds, "pool_events": len(pool), "seed": a.seed}
    print(json.dumps(summary), file=sys.stderr)
    if a.manifest:
        with open(a.manifest, "w") as fh:
            json.dump(summary, fh, indent=2)
            fh.write("\n")


if __name__ == "__main__":
    main()
