#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the guest's KUnit output into one result line per test case.

usage: kunit_results.py KSRC RESULTS_LOG VERDICT OUTDIR

The guest prints, per suite module, `amp-kunit-module NAME`, then each
suite's debugfs KTAP between `amp-ktap-begin SUITE` and `amp-ktap-end`
(or `amp-kunit-loadfail NAME ...`). Every suite's debugfs document is a
complete KTAP document of one suite; they are merged into one document and
given to the kernel's own parser (tools/testing/kunit/kunit.py parse
--json). A module that started but left no complete result (the guest
crashed or hung in it) is a failure, and so is a case the parser did not
see pass.
"""
import json
import os
import re
import subprocess
import sys


def main():
    ksrc, log, verdict, outdir = sys.argv[1:5]
    outdir = os.path.abspath(outdir)  # kunit.py changes directory
    lines = open(log, errors='replace').read().splitlines()

    started = []       # modules the guest began to load
    loadfail = {}      # module -> reason
    suites = []        # (module, suite, [ktap lines])
    cur = None
    for line in lines:
        line = line.rstrip('\r')
        if line.startswith('amp-kunit-module '):
            started.append(line.split()[1])
        elif line.startswith('amp-kunit-loadfail '):
            parts = line.split(None, 2)
            loadfail[parts[1]] = parts[2] if len(parts) > 2 else ''
        elif line.startswith('amp-ktap-begin '):
            cur = (started[-1] if started else '?', line.split()[1], [])
        elif line == 'amp-ktap-end' and cur:
            suites.append(cur)
            cur = None
        elif cur is not None:
            cur[2].append(line)

    results = []   # (ok, name, reason)
    crashed = [started[-1]] if cur is not None and started else []
    for mod in started:
        if mod in loadfail:
            results.append((False, 'kunit ' + mod, 'module failed to load: ' + loadfail[mod]))
        elif mod in crashed or not any(s[0] == mod for s in suites):
            results.append((False, 'kunit ' + mod, 'no complete result: ' + verdict))

    if suites:
        doc = ['KTAP version 1', '1..%d' % len(suites)]
        for i, (_, name, body) in enumerate(suites, 1):
            # drop the per-suite document header, renumber the suite line
            body = body[2:] if body[:1] == ['KTAP version 1'] else body
            for b in body:
                if b.startswith('ok 1 ' + name) or b.startswith('not ok 1 ' + name):
                    b = b.replace(' 1 ' + name, ' %d %s' % (i, name), 1)
                doc.append(b)
        ktap = os.path.join(outdir, 'kunit.ktap')
        jpath = os.path.join(outdir, 'kunit.json')
        open(ktap, 'w').write('\n'.join(doc) + '\n')
        with open(os.path.join(outdir, 'kunit-parse.log'), 'w') as plog:
            subprocess.run([sys.executable, os.path.join(ksrc, 'tools/testing/kunit/kunit.py'),
                            'parse', '--json=' + jpath, ktap],
                           stdout=plog, stderr=subprocess.STDOUT, check=False)
        try:
            tree = json.load(open(jpath))
        except (OSError, ValueError) as e:
            tree = None
            results.append((False, 'kunit parse', 'kunit.py parse gave no result: %s' % e))
        if tree is not None:
            why = {}
            for _, name, body in suites:
                for b in body:
                    m = re.match(r'\s*# (\S+): (.*(FAILED at|try faulted|try timed out).*)', b)
                    if m:
                        why.setdefault(name + '.' + m.group(1), m.group(2))
            walk(tree, '', results, why, top=True)

    if not started:
        results.append((False, 'kunit', 'no suite module ran: ' + verdict))
    for ok, name, reason in results:
        print(('ok - ' if ok else 'not ok - ') + name + ('' if ok else ' # ' + reason))


def walk(group, prefix, results, why, top=False):
    name = prefix if top else (prefix + '.' if prefix else '') + group['name']
    for sub in group.get('sub_groups', []):
        walk(sub, name, results, why)
    for case in group.get('test_cases', []):
        cname = (name + '.' if name else '') + case['name']
        st = case['status']
        if st == 'SKIP':
            results.append((True, 'kunit ' + cname + ' # SKIP', ''))
        else:
            results.append((st == 'PASS', 'kunit ' + cname,
                            st + (': ' + why[cname] if cname in why else '')))


if __name__ == '__main__':
    main()
