#!/usr/bin/env python3
"""How many raw-event detections `minispl lint` calls runnable, and why the rest are not.

A raw-event detection (reference/corpus-facts.md) is one whose macro-expanded search has no
tstats/mstats/from/datamodel/inputlookup/pivot command at any level (subsearches included).

  tools/dev/raw_event_runnable.py BUILD/minispl ../shared/security_content/detections [--commands a,b]

--commands: also count the raw-event rules that use any of these commands (and how many of those
are runnable) — to measure what a set of new operators brought.
"""
import collections, json, re, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

GENERATING = re.compile(r'(?:^|[|\[])\s*\|?\s*(tstats|mstats|from|datamodel|inputlookup|pivot)\b')


def command_names(text):
    return set(m.group(1).lower() for m in re.finditer(r'(?:^|[|\[])\s*\|?\s*([A-Za-z_]\w*)', text))


def main():
    binary, detections = sys.argv[1], sys.argv[2]
    watch = set()
    if '--commands' in sys.argv:
        watch = set(sys.argv[sys.argv.index('--commands') + 1].split(','))
    lint = json.loads(subprocess.run([binary, 'lint', detections, '--format', 'json'],
                                     capture_output=True, text=True).stdout)
    rules = [r for r in lint['rules'] if not r.get('skipped')]

    def expanded(rule):
        out = subprocess.run([binary, 'parse', rule['file']], capture_output=True, text=True).stdout
        return out.split('\n', 1)[0]

    with ThreadPoolExecutor(2) as pool:
        texts = list(pool.map(expanded, rules))
    raw = [(r, t) for r, t in zip(rules, texts) if t and not GENERATING.search(t)]
    runnable = [r for r, _ in raw if r.get('runnable')]
    print(f'raw-event detections: {len(raw)}, runnable: {len(runnable)}')
    reasons = collections.Counter(r.get('not_runnable_reason', '?') for r, _ in raw if not r.get('runnable'))
    for reason, n in reasons.most_common(25):
        print(f'  {n:4d}  {reason[:150]}')
    if watch:
        using = [(r, t) for r, t in raw if command_names(t) & watch]
        print(f'raw-event detections using {",".join(sorted(watch))}: {len(using)}, runnable: '
              f'{sum(1 for r, _ in using if r.get("runnable"))}')


if __name__ == '__main__':
    main()
