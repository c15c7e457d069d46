#!/usr/bin/env python3
"""Triage groundwork for the Windows raw-event tests of security_content (issue 12).

Lists the corpus's Windows raw-event tests: the tests of detections whose search, macros expanded,
has no tstats/mstats/from/datamodel/inputlookup/pivot command (as tools/dev/raw_event_runnable.py
counts them) and whose attack_data entries declare a Windows source or sourcetype
(XmlWinEventLog / WinEventLog, any case). Per source (Sysmon, Security, PowerShell, System, other
Windows channels) it counts tests, detections and dataset files, and whether each dataset file
exists under the attack_data mirror and is in XmlWinEventLog form (first line an <Event ...>).

  tools/dev/windows_tests.py ../shared/security_content ../shared/attack_data [--list] [--json]

--list prints one line per test dataset (source, detection, file, state); --json the whole table.
Deprecated detections are left out (contentctl does not test them).
"""
import argparse
import collections
import glob
import json
import os
import re
import sys

import yaml

GENERATING = re.compile(r'(?:^|[|\[])\s*\|?\s*(tstats|mstats|from|datamodel|inputlookup|pivot)\b')
MACRO = re.compile(r'`([^`(]+)(?:\([^`]*\))?`')
URL_PREFIX = re.compile(r'^https?://[^/]+/(?:media/)?splunk/attack_data/[^/]+/')


def load_macros(content):
    macros = {}
    for f in glob.glob(os.path.join(content, 'macros', '*.yml')):
        try:
            m = yaml.safe_load(open(f, encoding='utf-8'))
        except yaml.YAMLError:
            continue
        if isinstance(m, dict) and m.get('name'):
            # a macro with arguments is named name(n) in security_content
            macros[re.sub(r'\(\d+\)$', '', str(m['name']))] = str(m.get('definition', ''))
    return macros


def expand(search, macros, depth=0):
    """The search with macros replaced by their definitions (arguments are not substituted: only
    the command names matter here)."""
    if depth > 10:
        return search
    return MACRO.sub(lambda m: '(' + expand(macros.get(m.group(1).strip(), ''), macros, depth + 1) + ')', search)


def windows_source(source, sourcetype):
    """Sysmon / Security / PowerShell / System / Windows:<channel>, or None when not Windows."""
    s, st = (source or '').strip(), (sourcetype or '').strip().lower()
    is_win = st.startswith(('xmlwineventlog', 'wineventlog')) or re.match(r'(?i)^(xml)?wineventlog:', s)
    if not is_win:
        return None
    channel = re.sub(r'(?i)^(xml)?wineventlog:', '', s) if s else re.sub(r'^(xml)?wineventlog:?', '', st)
    low = channel.lower()
    if 'sysmon' in low:
        return 'Sysmon'
    if low == 'security':
        return 'Security'
    if 'powershell' in low:
        return 'PowerShell'
    if low == 'system':
        return 'System'
    return 'Windows:' + (channel or '?')


def dataset_state(attack_data, url):
    """(relative path, state): state is xml, other-format, missing or not-a-mirror-url."""
    url = str(url).strip()
    m = URL_PREFIX.match(url)
    if not m:
        return url, 'not-a-mirror-url'
    rel = url[m.end():]
    path = os.path.join(attack_data, rel)
    if not os.path.exists(path):
        return rel, 'missing'
    try:
        with open(path, 'rb') as fh:
            head = fh.read(64).lstrip()
    except OSError:
        return rel, 'unreadable'
    return rel, 'xml' if head.startswith(b'<Event') else 'other-format'


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('content', help='the security_content checkout (detections/, macros/)')
    ap.add_argument('attack_data', help='the attack_data mirror')
    ap.add_argument('--list', action='store_true', help='one line per test dataset')
    ap.add_argument('--json', action='store_true', help='the table as JSON')
    a = ap.parse_args()

    macros = load_macros(a.content)
    rows = []
    for f in sorted(glob.glob(os.path.join(a.content, 'detections', '**', '*.yml'), recursive=True)):
        if os.sep + 'deprecated' + os.sep in f:
            continue
        try:
            d = yaml.safe_load(open(f, encoding='utf-8'))
        except yaml.YAMLError as e:
            print('%s: %s' % (f, e), file=sys.stderr)
            continue
        if not isinstance(d, dict) or not d.get('tests'):
            continue
        if GENERATING.search(expand(str(d.get('search', '')), macros)):
            continue
        name = os.path.splitext(os.path.basename(f))[0]
        for t in d['tests'] or []:
            for ad in (t or {}).get('attack_data') or []:
                src = windows_source(ad.get('source'), ad.get('sourcetype'))
                if src is None:
                    continue
                rel, state = dataset_state(a.attack_data, ad.get('data', ''))
                rows.append({'source': src, 'detection': name, 'test': t.get('name', ''), 'file': rel,
                             'declared_source': ad.get('source'), 'declared_sourcetype': ad.get('sourcetype'),
                             'state': state})

    if a.json:
        json.dump(rows, sys.stdout, indent=1)
        print()
        return
    if a.list:
        for r in rows:
            print('%-10s %-8s %s  %s' % (r['source'], r['state'], r['detection'], r['file']))
        print()
    by = collections.defaultdict(list)
    for r in rows:
        by[r['source']].append(r)
    order = ['Sysmon', 'Security', 'PowerShell', 'System']
    keys = order + sorted(k for k in by if k not in order)
    print('%-34s %6s %6s %6s %6s %8s %6s' % ('source', 'tests', 'rules', 'files', 'xml', 'missing', 'other'))
    total = collections.Counter()
    for k in keys:
        rs = by.get(k, [])
        if not rs:
            continue
        tests = {(r['detection'], r['test']) for r in rs}
        files = {r['file']: r['state'] for r in rs}
        states = collections.Counter(files.values())
        c = collections.Counter(tests=len(tests), rules=len({r['detection'] for r in rs}), files=len(files),
                                xml=states['xml'], missing=states['missing'] + states['not-a-mirror-url'],
                                other=states['other-format'] + states['unreadable'])
        total.update(c)
        print('%-34s %6d %6d %6d %6d %8d %6d' % (k, c['tests'], c['rules'], c['files'], c['xml'], c['missing'], c['other']))
    print('%-34s %6d %6d %6d %6d %8d %6d' % ('all (a rule or file may count twice)', total['tests'], total['rules'],
                                            total['files'], total['xml'], total['missing'], total['other']))


if __name__ == '__main__':
    main()
