#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
#   scripts/bench_report.py OUTDIR BOARD CLOCK SET...
#
# For `make bench`: reads OUTDIR/raw.txt (the guest's `bench <set> <metric>
# <value>...` lines), prints each metric's median over the rounds with its
# spread, the ours/ref ratios of the medians, and writes OUTDIR/bench.json
# and OUTDIR/bench.png (with gnuplot, when it is there). Exit 1 when a
# measurement failed or a set measured nothing.
import json
import os
import shutil
import subprocess
import sys

out, board, clock, sets = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]

LAT = [("p50_us", "lower"), ("p99_us", "lower")]
# what each guest line carries, in order; None: not compared
FIELDS = {
    "start_us": [("start_us", "lower")],
    "lat16": LAT,
    "lat128": LAT,
    "lat496": LAT,
    "lat16load": LAT,
    "stream": [("msgs_per_s", "higher"), ("MB_per_s", "higher")],
    "stream4k": [("msgs_per_s", None), ("MB_per_s", "higher")],
    "tty": [("bytes", None), ("MB_per_s", "higher")],
}


def key(line, field):
    return line if line == field else line + "_" + field


samples = {s: {} for s in sets}
cdfs = {s: {} for s in sets}
errors = []
for text in open(os.path.join(out, "raw.txt")):
    f = text.split()
    if len(f) < 3 or f[1] not in samples or f[2] not in FIELDS:
        errors.append(text.strip())
        continue
    vals, cdf = f[3:], []
    if "cdf" in vals:
        cdf = vals[vals.index("cdf") + 1:]
        vals = vals[:vals.index("cdf")]
    try:
        nums = [float(v) for v in vals]
        cdf = [tuple(float(x) for x in c.split(":")) for c in cdf]
    except ValueError:
        errors.append(text.strip())
        continue
    if len(nums) != len(FIELDS[f[2]]):
        errors.append(text.strip())
        continue
    for (field, _), v in zip(FIELDS[f[2]], nums):
        samples[f[1]].setdefault(key(f[2], field), []).append(v)
    if cdf:
        cdfs[f[1]].setdefault(f[2], []).append(cdf)


def median(v):
    v = sorted(v)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


metrics = [(key(line, field), better) for line, fl in FIELDS.items()
           for field, better in fl if better]
stats = {}
for s in sets:
    stats[s] = {}
    for k, v in samples[s].items():
        m = median(v)
        stats[s][k] = {"median": m, "min": min(v), "max": max(v),
                       "spread_pct": 100.0 * (max(v) - min(v)) / m if m else None,
                       "rounds": v}

print("%-22s" % "metric" + "".join("%30s" % (s + " median [min, max]") for s in sets))
for k, _ in metrics:
    row = "%-22s" % k
    for s in sets:
        st = stats[s].get(k)
        row += "%30s" % ("-" if not st else "%.5g [%.5g, %.5g]" % (st["median"], st["min"], st["max"]))
    print(row)

ratios = {}
if "ours" in stats and "ref" in stats:
    print()
    for k, better in metrics:
        o, r = stats["ours"].get(k), stats["ref"].get(k)
        if not o or not r or not r["median"]:
            print("ratio %s ours/ref: n/a" % k)
            continue
        ratios[k] = round(o["median"] / r["median"], 3)
        print("ratio %s ours/ref: %.3f (%s is better; spread ours %.1f%%, ref %.1f%%)"
              % (k, ratios[k], better, o["spread_pct"] or 0, r["spread_pct"] or 0))
for e in errors:
    print("error: " + e)

# the picture: latency distributions (per percentile, the median over the
# rounds), throughput relative to the last set, and the start time
png = os.path.join(out, "bench.png")
cdf_med = {s: {m: [(c[0][0], median([p[1] for p in c])) for c in zip(*rs)]
               for m, rs in cdfs[s].items()}
           for s in sets}
if shutil.which("gnuplot") and any(cdf_med.values()):
    lats = [m for m in ("lat16", "lat128", "lat496", "lat16load")
            if any(m in cdf_med[s] for s in sets)]
    for s in sets:
        for m, c in cdf_med[s].items():
            with open(os.path.join(out, "cdf-%s-%s.dat" % (m, s)), "w") as f:
                for p, v in c:
                    f.write("%g %g\n" % (v, p))
    tputs = [k for k in ("stream_msgs_per_s", "stream_MB_per_s", "stream4k_MB_per_s",
                         "tty_MB_per_s")
             if all(k in stats[s] for s in sets)]
    labels = {"stream_msgs_per_s": "stream msgs", "stream_MB_per_s": "stream MB",
              "stream4k_MB_per_s": "4 KiB bufs",
              "tty_MB_per_s": "tty MB/s"}
    top = 1.0
    with open(os.path.join(out, "tput.dat"), "w") as f:
        for k in tputs:
            base = stats[sets[-1]][k]["median"] or 1
            rel = [stats[s][k]["median"] / base for s in sets]
            top = max([top] + rel)
            f.write('"%s" %s\n' % (labels[k], " ".join("%g" % v for v in rel)))
    with open(os.path.join(out, "start.dat"), "w") as f:
        f.write('"start to channel" %s\n' % " ".join(
            "%g" % stats[s].get("start_us", {}).get("median", 0) for s in sets))
    gp = ["set terminal pngcairo size 1500,900 font ',10'",
          "set output '%s'" % png,
          "set multiplot layout 2,3 title '%s, %s, clock: %s' font ',12'"
          % (board, " vs ".join(sets), clock),
          "set termoption noenhanced", "set key bottom right", "set grid",
          "set ylabel 'percentile'", "set yrange [0:100]"]
    for m in lats:
        gp += ["set title 'round trip, %s'" % m,
               "set logscale x", "set xlabel 'µs (log scale)'",
               "plot " + ", ".join("'%s/cdf-%s-%s.dat' using 1:2 with linespoints title '%s'"
                                   % (out, m, s, s) for s in sets
                                   if m in cdf_med[s])]
    gp += ["unset logscale x", "set xlabel ''", "set ylabel ''",
           "set style data histograms", "set style fill solid 0.6",
           "set key top right"]
    if tputs:
        gp += ["set title 'throughput, relative to %s (higher is better)'" % sets[-1],
               "set yrange [0:%g]" % (top * 1.3),
               "plot " + ", ".join("'%s/tput.dat' using %d:xtic(1) title '%s'"
                                   % (out, i + 2, s) for i, s in enumerate(sets))]
    gp += ["set title 'echo start to its channel, median µs (lower is better)'",
           "set yrange [0:*]",
           "plot " + ", ".join("'%s/start.dat' using %d:xtic(1) title '%s'"
                               % (out, i + 2, s) for i, s in enumerate(sets))]
    gp += ["unset multiplot"]
    r = subprocess.run(["gnuplot"], input="\n".join(gp) + "\n", text=True,
                       capture_output=True)
    if r.returncode:
        errors.append("gnuplot: " + r.stderr.strip().splitlines()[-1])
        print("error: " + errors[-1])
    else:
        print("\nPNG: " + png)

json.dump({"board": board, "clock": clock, "stats": stats, "cdf": cdf_med,
           "ratios_ours_over_ref": ratios, "errors": errors},
          open(os.path.join(out, "bench.json"), "w"), indent=2)
print("JSON: " + os.path.join(out, "bench.json"))
sys.exit(1 if errors or not all(samples.values()) else 0)
