#!/usr/bin/env python3
"""Per-source figures of the Windows raw-event tests from a `minispl test --json` report (issue 12 triage).

Joins the report's tests to tools/dev/windows_tests.py's list of Windows raw-event test datasets (by
detection file and test name) and counts passed / failed / skipped per source (Sysmon, Security,
PowerShell, System, other Windows channels). A test whose datasets declare several Windows sources
counts under the first one. --list prints each failed (or --all: every) test with its source,
status, reason, event and result counts.

  tools/dev/windows_test_figures.py ../shared/security_content ../shared/attack_data report.json [--list|--all]
"""
import argparse
import collections
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('content')
    ap.add_argument('attack_data')
    ap.add_argument('report', help='the file written by minispl test --json')
    ap.add_argument('--list', action='store_true', help='one line per failed test')
    ap.add_argument('--all', action='store_true', help='one line per test')
    a = ap.parse_args()

    rows = json.loads(subprocess.check_output(
        [sys.executable, os.path.join(HERE, 'windows_tests.py'), a.content, a.attack_data, '--json']))
    source_of = {}
    for r in rows:
        source_of.setdefault((r['detection'], r['test']), r['source'])
    report = json.load(open(a.report, encoding='utf-8'))
    counts = collections.defaultdict(collections.Counter)
    listed = []
    for t in report['tests']:
        key = (os.path.splitext(os.path.basename(t['file']))[0], t.get('test', ''))
        src = source_of.get(key)
        if src is None:
            continue
        status = t['status']
        bucket = status if status in ('passed', 'failed') else 'skipped'
        counts[src][bucket] += 1
        if status != 'passed' and status != 'failed':
            counts[src][status] += 1
        if a.all or (a.list and status == 'failed'):
            listed.append((src, status, t['rule'], t.get('reason', ''), t.get('events', 0), t.get('results', 0)))
    for l in sorted(listed):
        print('%s\t%s\t%s\t%s\tevents=%s results=%s' % l)
    if listed:
        print()
    order = ['Sysmon', 'Security', 'PowerShell', 'System']
    keys = order + sorted(k for k in counts if k not in order)
    extra = sorted({k for c in counts.values() for k in c} - {'passed', 'failed', 'skipped'})
    print('| source | tests | passed | failed | skipped | ' + ' | '.join('of which ' + e for e in extra) + ' |')
    print('|---' * (5 + len(extra)) + '|')
    total = collections.Counter()
    for k in keys:
        c = counts[k]
        total.update(c)
        print('| %s | %d | %d | %d | %d | %s |' % (k, c['passed'] + c['failed'] + c['skipped'], c['passed'], c['failed'],
                                               c['skipped'], ' | '.join(str(c[e]) for e in extra)))
    print('| all | %d | %d | %d | %d | %s |' % (total['passed'] + total['failed'] + total['skipped'], total['passed'],
                                             total['failed'], total['skipped'], ' | '.join(str(total[e]) for e in extra)))


if __name__ == '__main__':
    main()
