#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# `make check`: every test the project has, one result line each
# (`ok N - <name>` / `not ok N - <name> # <why>`), then the failed ones by
# name and the summary `N passed, N failed, N skipped`. Exit 1 on any failure.
#
# Environment: MODULES=all|ref|ours|<set> (integration sets, default all:
# every set of scripts/guest/sets),
# KASAN=1 (KASAN + kmemleak kernel), BOARDS="imx8mm ..." (default: every
# dts/*-virt.dtso), MATRIX=0 (skip the compile matrix), GUEST_TIMEOUT=secs,
# ONLY=<glob> (integration scenarios whose name matches, e.g. 'demo*').
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/check
rm -rf "$out"
mkdir -p "$out"
res=$out/results.tap
: > "$res"
n=0

# record STATUS NAME [REASON]: STATUS is ok, fail or skip
record() {
	n=$((n + 1))
	case $1 in
	ok) line="ok $n - $2" ;;
	skip) line="ok $n - $2 # SKIP ${3:-}" ;;
	*) line="not ok $n - $2 # ${3:-failed}" ;;
	esac
	echo "$line" | tee -a "$res"
}

# Record every `ok`/`not ok` line of file $1.
record_tap() {
	grep -E '^(not )?ok ' "$1" | tr -d '\r' | while IFS= read -r l; do
		case $l in
		"not ok"*) st=fail; l=${l#not ok} ;;
		*) st=ok; l=${l#ok} ;;
		esac
		l=$(echo "$l" | sed 's/^ *[0-9]* *- *//')
		name=${l%% # *}
		why=
		case $l in *" # "*) why=${l#* # } ;; esac
		case $why in SKIP*) st=skip; why=${why#SKIP} ;; esac
		echo "$st|$name|$why"
	done > "$out/.tap"
	while IFS='|' read -r st name why; do
		record "$st" "$name" "$why"
	done < "$out/.tap"
}

finish() {
	pass=$(grep -c '^ok ' "$res" | tr -d ' ')
	skipped=$(grep -c '^ok .* # SKIP' "$res" | tr -d ' ')
	failed=$(grep -c '^not ok ' "$res" | tr -d ' ')
	pass=$((pass - skipped))
	echo
	if [ "$failed" -gt 0 ]; then
		echo "Failed:"
		grep '^not ok ' "$res" | sed 's/^not ok [0-9]* - /  /'
		echo "(logs under $out)"
	fi
	if [ "$skipped" -gt 0 ]; then
		echo "$pass passed, $failed failed, $skipped skipped"
	else
		echo "$pass passed, $failed failed"
	fi
	[ "$failed" -eq 0 ]
	exit $?
}

"$top/scripts/deps.sh" || { record fail "setup: packages" "scripts/deps.sh failed"; finish; }

variant=
[ "${KASAN:-0}" = 1 ] && variant=kasan
echo "check: test kernel (cached after the first build)"
kdir=$("$top/scripts/kernel/build.sh" 6.12 arm64 full $variant) ||
	{ record fail "kernel 6.12 arm64 ${variant:-test} build" "see the log above"; finish; }
ksrc=$(readlink -f "$kdir/source")

# --- build the project: W=1 must be clean, then sparse --------------------
kb() {
	make -C "$kdir" M="$top" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- AMP_TESTS=1 "$@"
}
kb clean >/dev/null 2>&1
if kb W=1 modules > "$out/build.log" 2>&1; then
	w=$(grep -E 'warning:|error:' "$out/build.log" | head -n 1)
	if [ -n "$w" ]; then
		record fail "build 6.12 arm64 W=1" "$w"
	else
		record ok "build 6.12 arm64 W=1"
	fi
else
	record fail "build 6.12 arm64 W=1" "$(grep -m1 -E 'error|Error' "$out/build.log")"
	finish
fi
kb C=2 CHECK="sparse -Wsparse-error" modules > "$out/sparse.log" 2>&1
w=$(grep -E 'warning:|error:' "$out/sparse.log" | head -n 1)
if [ -n "$w" ]; then record fail "static sparse" "$w"; else record ok "static sparse"; fi

# --- kernel style ----------------------------------------------------------
# Firmware and user-space tools are not kernel code: their integer types
# are C's (uint32_t) and they have no <linux/compiler.h>; everything else
# of the kernel's style applies.
srcs=$(cd "$top" && git ls-files -co --exclude-standard -- '*.c' '*.h')
if [ -n "$srcs" ]; then
	kern=$(echo "$srcs" | grep -vE '^(drivers/vremote/firmware|samples/rpmsg-tools)/')
	user=$(echo "$srcs" | grep -E '^(drivers/vremote/firmware|samples/rpmsg-tools)/')
	(cd "$top" && cp="perl $ksrc/scripts/checkpatch.pl --no-tree --strict --terse --show-types" &&
		{ [ -z "$kern" ] || $cp -f $kern; } &&
		{ [ -z "$user" ] || $cp --ignore PREFER_KERNEL_TYPES,PREFER_DEFINED_ATTRIBUTE_MACRO -f $user; }) \
		> "$out/checkpatch.log" 2>&1
	w=$(grep -E ': (ERROR|WARNING|CHECK):' "$out/checkpatch.log" | head -n 1)
	if [ -n "$w" ]; then record fail "static checkpatch --strict" "$w"
	else record ok "static checkpatch --strict"; fi
fi

# --- the virtual board -----------------------------------------------------
"$top/scripts/guest_payload.sh" "$top/build/guest" > "$out/payload.log" 2>&1 ||
	{ record fail "firmware and tools" "$(tail -n 1 "$out/payload.log")"; finish; }
kos=$(find "$top" -path "$top/build" -prune -o -name '*.ko' -print)
# shellcheck disable=SC2086
"$top/scripts/initramfs.sh" "$kdir" "$out/initramfs.cpio.gz" $kos ||
	{ record fail "initramfs" "scripts/initramfs.sh failed"; finish; }

boards=${BOARDS:-$(cd "$top/dts" && ls *-virt.dtso | sed 's/-virt\.dtso$//')}
for b in $boards; do
	if "$top/scripts/qemu/dtb.sh" "$b" "$out/$b.dtb" > "$out/dtb-$b.log" 2>&1; then
		record ok "dtb $b"
	else
		record fail "dtb $b" "$(tail -n 1 "$out/dtb-$b.log")"
	fi
done
# --- device tree bindings: the schemas, and the board DTBs against them ------
bind=$top/Documentation/devicetree/bindings
kbind=$ksrc/Documentation/devicetree/bindings
for y in $(cd "$bind" && ls */*.yaml 2>/dev/null); do
	# dt-schema reports on stderr and exits 0: any output is a finding
	w=$(dt-doc-validate -u "$kbind" -u "$bind" "$bind/$y" 2>&1 | head -n 2 | tr '\n' ' ')
	if [ -n "$w" ]; then record fail "binding $y" "$w"; else record ok "binding $y"; fi
done
# The kernel's schemas with ours, processed once per kernel and bindings.
skey=$( { readlink -f "$ksrc"; cat "$bind"/*/*.yaml; } | sha256sum | cut -c1-12)
schema=${AMP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/amp-oot}/dt-schema-$skey.json
if [ ! -s "$schema" ]; then
	echo "check: processing the DT schemas (about a minute, cached)"
	dt-mk-schema -j "$kbind" "$bind" > "$schema.tmp" 2> "$out/dt-mk-schema.log" &&
		mv "$schema.tmp" "$schema"
fi
# Neither QEMU's virt tree nor the kernel's board trees are schema-clean
# (node names, PCIe properties, Debian's dt-schema selecting fsl,qe.yaml for
# every simple-bus node): only the nodes a project overlay defines count,
# the rest is in the log; on a real board, what the board's own DTB
# already has does not count either. dt_check NAME DTB OVERLAY_DTS [BASE_DTB]
# dt-schema reads a phandle-array whose name ends in "s" with the target's
# "#<name>-cells" (none here, so one cell each): st,syscfg-pdds, a syscon
# phandle and two cells, is then "too short"/"too long". The kernel's own
# stm32mp151.dtsi gets the same findings; they are the tool's, not ours.
dt_findings() { # DTB LOG -> one finding per line, without the file name
	dt-validate -s "$schema" "$1" > "$2" 2>&1
	awk '/^\tFrom schema:/ { print prev " |" $0; next } { prev = $0 }' "$2" |
		grep -v '/fsl,qe\.yaml$' |
		grep -vE ': st,syscfg-pdds(:0)?: \[.*\] is too (short|long) \|' |
		sed "s|^$1: ||"
}
dt_check() {
	local name=$1 dtb=$2 ovl=$3 base=${4:-} ours w nd
	ours=$(dtc -I dts -O dts "$ovl" 2>/dev/null |
		sed -nE 's/^\s*([A-Za-z0-9_]+: )*([A-Za-z0-9_@,.+-]+) \{$/\2/p' |
		grep -vE '^(fragment@[0-9]+|__overlay__|__fixups__|__local_fixups__|__symbols__)$' |
		sort -u)
	# and the base's nodes it changes by label (&label { ... })
	for nd in $(sed -nE 's/^&([A-Za-z0-9_]+) \{$/\1/p' "$ovl"); do
		nd=$(fdtget "$dtb" /__symbols__ "$nd" 2>/dev/null) && ours="$ours ${nd##*/}"
	done
	dt_findings "$dtb" "$out/dt-validate-$name.log" > "$out/dt-findings-$name.log"
	if [ -n "$base" ]; then
		dt_findings "$base" "$out/dt-validate-$name.base.log" > "$out/dt-findings-$name.base.log"
		grep -vxF -f "$out/dt-findings-$name.base.log" "$out/dt-findings-$name.log" \
			> "$out/dt-findings-$name.new.log" || true
		mv "$out/dt-findings-$name.new.log" "$out/dt-findings-$name.log"
	fi
	w=$(for nd in $ours; do grep -F "$nd:" "$out/dt-findings-$name.log" | grep "^$nd:"; done |
		head -n 1)
	if [ ! -s "$schema" ]; then
		record fail "dt-validate $name" "no processed schema (see $out/dt-mk-schema.log)"
	elif [ -z "$ours" ]; then
		record fail "dt-validate $name" "no nodes found in $ovl"
	elif [ -n "$w" ]; then
		record fail "dt-validate $name" "$w"
	else
		record ok "dt-validate $name"
	fi
}
for b in $boards; do
	[ -f "$out/$b.dtb" ] && dt_check "$b" "$out/$b.dtb" "$top/dts/$b-virt.dtso"
done
# The real boards: each overlay of dts/boards on the kernel's own board DTS.
for o in "$top"/dts/boards/*.dtso; do
	bd=$(basename "$o" .dtso)
	if "$top/scripts/board_dtb.sh" "$ksrc" "$o" "$out/$bd.dtb" "$out/$bd.dtso.pp" \
		> "$out/dtb-$bd.log" 2>&1; then
		record ok "board dtb $bd"
		dt_check "$bd" "$out/$bd.dtb" "$out/$bd.dtso.pp" "$out/$bd.base.dtb"
	else
		record fail "board dtb $bd" "$(tail -n 1 "$out/dtb-$bd.log")"
	fi
done

# a guest's time: 30 minutes, three times that on the KASAN kernel, where
# a test may also stay silent longer (scripts/qemu/boot.sh): 40 minutes.
# On a busy machine the kernel's bus took 18 minutes to create
# robust.ns_flood's 10,000 channels there, and more than the 21 minutes
# allowed before to create and remove them (the test says `progress`
# while the flood moves; the stop that removes them cannot).
tmo=1800
if [ "${KASAN:-0}" = 1 ]; then
	tmo=5400
	export GUEST_IDLE=${GUEST_IDLE:-2400}
fi
tmo=${GUEST_TIMEOUT:-$tmo}
first=$(echo $boards | cut -d' ' -f1)

echo "check: KUnit suites in the guest"
"$top/scripts/qemu/boot.sh" "$kdir" "$out/initramfs.cpio.gz" "$out/$first.dtb" \
	"$out/kunit" "$tmo" "amp.mode=kunit amp.board=$first"
python3 "$top/scripts/kunit_results.py" "$ksrc" "$out/kunit/results.log" \
	"$(cat "$out/kunit/verdict")" "$out/kunit" > "$out/kunit/tap"
record_tap "$out/kunit/tap"
if [ "$(cat "$out/kunit/verdict")" != finished ]; then
	record fail "kunit guest" "$(cat "$out/kunit/verdict")"
fi

case ${MODULES:-all} in
all) sets=$(sed -n 's/^\([a-z][a-z0-9-]*\):.*/\1/p' "$top/scripts/guest/sets" | tr '\n' ' ') ;;
*) sets=$MODULES ;;
esac
for b in $boards; do
	for s in $sets; do
		echo "check: integration, set $s, board $b"
		d=$out/$s-$b
		"$top/scripts/qemu/boot.sh" "$kdir" "$out/initramfs.cpio.gz" "$out/$b.dtb" \
			"$d" "$tmo" "amp.mode=check amp.sets=$s amp.board=$b amp.only=${ONLY:-*}"
		record_tap "$d/results.log"
		plan=$(sed -n 's/^1\.\.\([0-9]*\).*/\1/p' "$d/results.log" | head -n 1)
		got=$(grep -cE '^(not )?ok ' "$d/results.log")
		v=$(cat "$d/verdict")
		if [ "$v" != finished ] || [ -z "$plan" ] || [ "$got" -lt "$plan" ]; then
			last=$(sed -n 's/^# start [0-9]* - //p' "$d/results.log" | tail -n 1)
			[ "$got" -lt "${plan:-0}" ] && [ -n "$last" ] && v="$v during '$last'"
			record fail "$s $b guest" "$v; ${got} of ${plan:-?} tests reported (console: $d/console.log)"
		fi
	done
done

# --- compile matrix ----------------------------------------------------------
if [ "${MATRIX:-1}" = 1 ]; then
	for m in "6.1 arm64 aarch64-linux-gnu-" "6.12 arm arm-linux-gnueabihf-"; do
		set -- $m
		echo "check: compile matrix $1 $2"
		name="build $1 $2 W=1"
		if ! mdir=$("$top/scripts/kernel/build.sh" "$1" "$2" prepare); then
			record fail "$name" "kernel tree did not build"
			continue
		fi
		make -C "$mdir" M="$top" ARCH="$2" clean >/dev/null 2>&1
		log=$out/build-$1-$2.log
		# modules_prepare trees have no Module.symvers: modpost can only
		# warn that the kernel's symbols are undefined, which is expected.
		make -C "$mdir" M="$top" ARCH="$2" CROSS_COMPILE="$3" W=1 AMP_TESTS=1 \
			KBUILD_MODPOST_WARN=1 modules > "$log" 2>&1
		mrc=$?
		w=$(grep -E 'warning:|error:|WARNING:|ERROR:' "$log" |
			grep -vE 'WARNING: modpost: ("[^"]+" \[[^]]+\] undefined!|suppressed [0-9]+ unresolved symbol warnings)|Module.symvers is missing' |
			head -n 1)
		if [ $mrc -ne 0 ]; then
			record fail "$name" "$(grep -m1 -iE 'error' "$log")"
		elif [ -n "$w" ]; then
			record fail "$name" "$w"
		else
			record ok "$name"
		fi
	done
	# leave the tree built for the test kernel, as `make` would
	kb clean >/dev/null 2>&1
	kb modules >/dev/null 2>&1
fi

finish
