#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# `make bench` (not part of `make check`): on the virtual board (BOARD,
# default imx8mm) with the echo and multi-services firmware, the module
# sets (MODULES, default "ours ref") measured in the same boot:
# round-trip latency through /dev/rpmsgN for 16- and 496-byte payloads
# (p50, p99), streaming throughput (messages/s, MB/s), and /dev/ttyRPMSG0
# throughput. Prints a table, then one line per metric with the ours/ref
# ratio, and writes the numbers to a JSON file whose path it prints.
# ROUNDS (default 5) rounds, the sets' order alternating; the medians count.
# Absolute numbers are the emulator's (QEMU TCG, a software M-core);
# the ratios compare the drivers.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
board=${BOARD:-imx8mm}
sets=${MODULES:-ours ref}
out=$top/build/bench
rm -rf "$out"
mkdir -p "$out"

kdir=$("$top/scripts/guest_image.sh" "$out")
"$top/scripts/qemu/dtb.sh" "$board" "$out/$board.dtb"
echo "bench: $board, sets: $sets (kernel console: $out/guest/console.log)"
"$top/scripts/qemu/boot.sh" "$kdir" "$out/initramfs.cpio.gz" "$out/$board.dtb" \
	"$out/guest" "${GUEST_TIMEOUT:-1200}" \
	"amp.mode=bench amp.sets=$(echo $sets | tr ' ' ,) amp.board=$board amp.rounds=${ROUNDS:-5}"
grep -a '^bench ' "$out/guest/results.log" | tr -d '\r' > "$out/raw.txt" || true
python3 - "$out/raw.txt" "$out/bench.json" "$board" $sets <<'PY'
import json, sys
raw, js, board, sets = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
names = {
    "lat16": [("lat16_p50_us", "lower"), ("lat16_p99_us", "lower")],
    "lat496": [("lat496_p50_us", "lower"), ("lat496_p99_us", "lower")],
    "stream": [("stream_msgs_per_s", "higher"), ("stream_MB_per_s", "higher")],
    "tty": [("tty_bytes", None), ("tty_MB_per_s", "higher")],
}
samples = {s: {} for s in sets}
errors = []
for line in open(raw):
    f = line.split()
    if len(f) < 3 or f[1] not in samples:
        continue
    if f[2] == "error" or f[2] not in names:
        errors.append(line.strip())
        continue
    for (key, _), v in zip(names[f[2]], f[3:]):
        try:
            samples[f[1]].setdefault(key, []).append(float(v))
        except ValueError:
            errors.append(line.strip())
# the median of the rounds
res = {s: {k: sorted(v)[len(v) // 2] for k, v in m.items()}
       for s, m in samples.items()}
metrics = [(k, b) for m in names.values() for k, b in m if b]
print("%-22s" % "metric" + "".join("%14s" % s for s in sets))
for k, _ in metrics:
    print("%-22s" % k + "".join("%14s" % res[s].get(k, "-") for s in sets))
ratios = {}
if "ours" in res and "ref" in res:
    print()
    for k, better in metrics:
        o, r = res["ours"].get(k), res["ref"].get(k)
        if o is None or not r:
            print("ratio %s ours/ref: n/a" % k)
            continue
        ratios[k] = round(o / r, 3)
        print("ratio %s ours/ref: %.3f (%s is better)" % (k, o / r, better))
for e in errors:
    print("error: " + e)
json.dump({"board": board, "median": res, "rounds": samples,
           "ratios_ours_over_ref": ratios, "errors": errors},
          open(js, "w"), indent=2)
print("\nJSON: " + js)
sys.exit(1 if errors or not all(res.values()) else 0)
PY
