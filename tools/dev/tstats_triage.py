#!/usr/bin/env python3
"""Why does a failing tstats rule return nothing on its test file? (issue 13 triage)

For each failed test of a `minispl test --json` report whose search starts with `| tstats ... from
datamodel=`, runs minispl on the rule's first test dataset and narrows the loss down:
  1. the dataset's records (`| datamodel M D search | stats count`): none means no event of the file
     has the dataset's tags (no event of that kind, e.g. no Sysmon EventCode 1 in the file);
  2. each top-level term of the `where` clause alone: the first term that no record satisfies;
     its literals are then looked for in the raw file (case-insensitive): absent means no event
     holds the value, so Splunk returns nothing too;
  3. every term alone matches but not together: no single event satisfies the whole clause;
  4. the tstats stage has rows: the later stage that empties the result (a threshold, a lookup).
Prints one line per test (`CLASS | rule | detail`) and a count per data model and class.

  tools/dev/tstats_triage.py build/minispl ../shared/security_content ../shared/attack_data report.json
"""
import collections
import json
import os
import re
import subprocess
import sys

import yaml

sys.path.insert(0, os.path.dirname(__file__))
from stage_trace import split_pipes  # noqa: E402


def top_level_terms(where):
    """The where clause split into its AND-ed terms (spaces/AND outside quotes, parens, backticks).
    A clause with a top-level OR stays one term."""
    terms, cur, quote, depth, tick, i = [], '', False, 0, False, 0
    while i < len(where):
        c = where[i]
        if quote:
            cur += c
            if c == '\\' and i + 1 < len(where):
                cur += where[i + 1]
                i += 1
            elif c == '"':
                quote = False
        elif c == '"':
            quote = True
            cur += c
        elif c == '`':
            tick = not tick
            cur += c
        elif c == '(':
            depth += 1
            cur += c
        elif c == ')':
            depth -= 1
            cur += c
        elif c.isspace() and depth == 0 and not tick:
            if cur:
                terms.append(cur)
            cur = ''
        else:
            cur += c
        i += 1
    if cur:
        terms.append(cur)
    # glue `a = b`, `a IN (...)`, `NOT x` back together
    out = []
    for t in terms:
        if out and (t in ('=', '!=') or out[-1] in ('=', '!=', 'NOT', 'not') or out[-1].endswith(('=', '!='))
                    or t.startswith(('=', '!=')) or t.startswith('(') and out[-1].upper().endswith(' IN')
                    or t.upper() == 'IN' or t.upper().startswith('IN(')):
            out[-1] += ' ' + t
        else:
            out.append(t)
    if any(t.upper() == 'OR' for t in out):
        return [' '.join(out)]
    return [t for t in out if t.upper() != 'AND']


def literals(term):
    """The value texts a term compares with, wildcards removed (longest piece of each)."""
    vals = re.findall(r'"((?:[^"\\]|\\.)*)"', term) or re.findall(r'[=]\s*([^\s()]+)', term)
    out = []
    for v in vals:
        v = v.replace('\\\\', '\\')
        pieces = [p for p in v.split('*') if p]
        if pieces:
            out.append(max(pieces, key=len))
    return out


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    minispl, content, attack_data, report = sys.argv[1:5]
    macros, lookups = os.path.join(content, 'macros'), os.path.join(content, 'lookups')
    summary = collections.defaultdict(collections.Counter)
    for t in json.load(open(report, encoding='utf-8'))['tests']:
        if t['status'] != 'failed':
            continue
        d = yaml.safe_load(open(t['file'], encoding='utf-8'))
        # the rule's own `<name>_filter` macro is empty in a test run: leave its stage out
        parts = [x for x in split_pipes(d['search']) if not re.fullmatch(r'\s*`\w+_filter`\s*', x)]
        m = re.match(r'\s*tstats\b(.*?)\bfrom\s+datamodel\s*=\s*"?([\w.]+)"?(.*)$', parts[1] if len(parts) > 1 else '',
                     re.S | re.I)
        if not parts[0].strip() == '' or not m:
            continue
        model = m.group(2)
        rest = m.group(3)
        w = re.search(r'\bwhere\b(.*?)(\bby\b.*)?$', rest, re.S | re.I)
        where = w.group(1).strip() if w else ''
        ad = d['tests'][0]['attack_data'][0]
        path = os.path.join(attack_data, ad['data'].split('attack_data/master/')[-1])
        raw = open(path, encoding='utf-8', errors='replace').read().lower()

        def rows(spl):
            r = subprocess.run([minispl, 'search', spl, '-i', path, '--sourcetype', ad.get('sourcetype', ''),
                                '--source', ad.get('source', ''), '--macros', macros, '--lookups', lookups, '-q',
                                '-f', 'jsonl'], capture_output=True, text=True)
            if r.returncode:
                return -1
            return len([l for l in r.stdout.splitlines() if l.strip()])

        def expand(text):
            r = subprocess.run([minispl, 'parse', '--spl', 'search ' + text, '--macros', macros], capture_output=True, text=True)
            return r.stdout.splitlines()[0][len('search '):] if r.returncode == 0 and r.stdout else text

        ds = model.replace('.', ' ', 1) if '.' in model else model
        base = '| tstats count from datamodel=%s' % model
        if rows('| tstats count from datamodel=%s | where count > 0' % model) == 0:
            cls, detail = 'no-dataset-events', 'no event of the file is in %s' % model
        else:
            cls, detail = None, ''
            for term in top_level_terms(where):
                if rows(base + ' where ' + term + ' | where count > 0') == 0:
                    lits = literals(expand(term))
                    absent = [x for x in lits if x.lower() not in raw and x.lower().replace('\\', '\\\\') not in raw]
                    if lits and len(absent) == len(lits):
                        cls, detail = 'value-absent-from-raw', '%s: %s not in the file' % (term[:80], ', '.join(absent)[:80])
                    elif lits and rows('| datamodel %s search | search %s' % (ds, ' OR '.join(
                            '"*%s*"' % x.replace('\\', '\\\\').replace('"', '\\"') for x in lits))) == 0:
                        cls, detail = 'value-absent-from-dataset-events', '%s: %s in no event of %s' % (
                            term[:80], ', '.join(lits)[:80], model)
                    else:
                        # the literal is in the dataset's events, in other fields: show the field's values there
                        m2 = re.match(r'\(*"?([\w.]+)"?\s*(=|!=|\bIN\b)', expand(term), re.I)
                        seen = ''
                        if m2 and lits:
                            r = subprocess.run([minispl, 'search', '| datamodel %s search | search %s | stats values("%s") as v'
                                                % (ds, ' OR '.join('"*%s*"' % x.replace('\\', '\\\\').replace('"', '\\"')
                                                                   for x in lits), m2.group(1)),
                                                '-i', path, '--sourcetype', ad.get('sourcetype', ''), '--source',
                                                ad.get('source', ''), '--macros', macros, '--lookups', lookups, '-q', '-f', 'jsonl'],
                                               capture_output=True, text=True)
                            seen = r.stdout.strip()[:160]
                        cls, detail = 'value-in-other-fields-only', '%s: the events holding %s have %s' % (
                            term[:80], ', '.join(lits)[:60], seen or '(no value)')
                    break
            if cls is None:
                n = rows('|'.join(parts[:2]))
                if n == 0:
                    cls, detail = 'no-event-satisfies-all-terms', where[:120]
                else:
                    for k in range(3, len(parts) + 1):
                        stage = parts[k - 1].strip()
                        if stage.startswith('`') and 'ctime' in stage:
                            continue
                        got = rows('|'.join(parts[:k]))
                        if got <= 0:
                            cls, detail = ('later-stage-empties' if got == 0 else 'stage-error'), stage[:120]
                            break
                    else:
                        cls, detail = 'has-results-here', 'the whole search returns rows: check the judging'
        summary[model.split('.')[0] + ('.' + model.split('.')[1] if '.' in model else '')][cls] += 1
        print('%s | %s | %s | %s' % (cls, t['rule'], os.path.relpath(path, attack_data), detail), flush=True)
    print()
    for model, c in sorted(summary.items()):
        print(model, dict(c))


if __name__ == '__main__':
    main()
