#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
#   scripts/bench_profile.py SYSTEM_MAP OPS DIR_SET1 [DIR_SET2 ...]
#
# For `make bench PROFILE=...`: each DIR holds two boots of one module set
# under the insn_profile plugin, `run` (the workload, OPS operations) and
# `base` (the same boot without it): insns.txt (block address,
# instructions) and results.log (whose "ksym" lines are the modules'
# symbols). Prints, per set, the instructions per operation by component
# (the kernel, each module, user space) and by function, and, for two
# sets, the functions side by side.
import bisect
import os
import sys

system_map, ops, dirs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]

kernel_syms = []
for line in open(system_map):
    f = line.split()
    if len(f) >= 3 and f[1] in "tTwW":
        kernel_syms.append((int(f[0], 16), f[2], "kernel"))


def symbols(results):
    syms = list(kernel_syms)
    for line in open(results, errors="replace"):
        f = line.split()
        if len(f) >= 5 and f[0] == "ksym" and f[2] in "tT":
            syms.append((int(f[1], 16), f[3], f[4].strip("[]")))
    syms.sort()
    return syms


def profile(d):
    """instructions per function of one boot, and the calls (the runs of
    the block at its first instruction): {(component, name): [insns, calls]}"""
    syms = symbols(os.path.join(d, "results.log"))
    addrs = [s[0] for s in syms]
    prof = {}
    for line in open(os.path.join(d, "insns.txt")):
        a, n, r = line.split()
        a, n, r = int(a, 16), int(n), int(r)
        if a < 1 << 63:
            k, entry = ("user", "[user space]"), False
        else:
            i = bisect.bisect_right(addrs, a) - 1
            k = (syms[i][2], syms[i][1]) if i >= 0 else ("kernel", "?")
            entry = i >= 0 and syms[i][0] == a
        v = prof.setdefault(k, [0, 0])
        v[0] += n
        if entry:
            v[1] += r
    return prof


per_op, calls = {}, {}
for d in dirs:
    run, base = profile(os.path.join(d, "run")), profile(os.path.join(d, "base"))
    keys = set(run) | set(base)
    per_op[d] = {k: (run.get(k, [0, 0])[0] - base.get(k, [0, 0])[0]) / ops
                 for k in keys}
    calls[d] = {k: (run.get(k, [0, 0])[1] - base.get(k, [0, 0])[1]) / ops
                for k in keys}

names = [os.path.basename(d) for d in dirs]
for d, name in zip(dirs, names):
    p = per_op[d]
    total = sum(p.values())
    comp = {}
    for (c, _), v in p.items():
        comp[c] = comp.get(c, 0) + v
    print("%s: %.0f instructions per operation" % (name, total))
    for c, v in sorted(comp.items(), key=lambda x: -x[1]):
        if abs(v) >= 1:
            print("  %-24s %8.0f" % (c, v))
    print()

print("instructions (and calls) per operation, by function (top 60 by the largest)")
print("%-44s" % "function [component]" + "".join("%18s" % n for n in names))
keys = set()
for d in dirs:
    keys |= set(per_op[d])
top = sorted(keys, key=lambda k: -max(per_op[d].get(k, 0) for d in dirs))[:60]
for k in top:
    print("%-44s" % ("%s [%s]" % (k[1], k[0]))[:44] +
          "".join("%11.0f (%4.1f)" % (per_op[d].get(k, 0), calls[d].get(k, 0))
                  for d in dirs))
