#!/usr/bin/env python3
"""Where does a failing rule lose its events? (issue 12 triage)

For each failed test of a `minispl test --json` report (or only the rules named), runs the rule's search
on its first test dataset cut after its 1st, 2nd, ... top-level pipe (macros expanded by minispl,
ctime and _filter macros skipped) and prints the row count after each stage, stopping at the first
stage that returns nothing. The stage that empties the result names the reason to check in the raw
events (an absent EventCode or value, a by-field that is null, a threshold not reached).

  tools/dev/stage_trace.py build/minispl ../shared/security_content ../shared/attack_data report.json [rule ...]
"""
import json
import os
import subprocess
import sys

import yaml


def split_pipes(s):
    """The search split at the pipes that are outside quotes, brackets and backticks."""
    out, cur, quote, depth, tick, i = [], '', None, 0, False, 0
    while i < len(s):
        c = s[i]
        if quote:
            cur += c
            if c == '\\' and i + 1 < len(s):
                cur += s[i + 1]
                i += 1
            elif c == quote:
                quote = None
        elif c == '"':
            quote = c
            cur += c
        elif c == '`':
            tick = not tick
            cur += c
        elif c in '[(':
            depth += 1
            cur += c
        elif c in '])':
            depth -= 1
            cur += c
        elif c == '|' and depth == 0 and not tick:
            out.append(cur)
            cur = ''
        else:
            cur += c
        i += 1
    out.append(cur)
    return out


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    minispl, content, attack_data, report = sys.argv[1:5]
    wanted = set(sys.argv[5:])
    macros, lookups = os.path.join(content, 'macros'), os.path.join(content, 'lookups')
    for t in json.load(open(report, encoding='utf-8'))['tests']:
        if t['status'] != 'failed' or (wanted and t['rule'] not in wanted):
            continue
        d = yaml.safe_load(open(t['file'], encoding='utf-8'))
        ad = d['tests'][0]['attack_data'][0]
        path = os.path.join(attack_data, ad['data'].split('attack_data/master/')[-1])
        parts = split_pipes(d['search'])
        print('## %s | %s' % (t['rule'], os.path.relpath(path, attack_data)))
        for n in range(1, len(parts) + 1):
            stage = parts[n - 1].strip()
            if stage.startswith('`') and ('ctime' in stage or stage.endswith('_filter`')):
                continue
            r = subprocess.run([minispl, 'search', '|'.join(parts[:n]), '-i', path,
                                '--sourcetype', ad.get('sourcetype', ''), '--source', ad.get('source', ''),
                                '--macros', macros, '--lookups', lookups, '-q', '-f', 'jsonl'],
                               capture_output=True, text=True)
            rows = [l for l in r.stdout.splitlines() if l.strip()]
            err = (' ERROR ' + r.stderr.strip()[:200]) if r.returncode else ''
            print('  [%d] %d rows%s :: %s' % (n, len(rows), err, stage[:150]))
            if not rows:
                break


if __name__ == '__main__':
    main()
