#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# `make check`: every test the project has, one result line each
# (`ok N - <name>` / `not ok N - <name> # <why>`), then the failed ones by
# name and the summary `N passed, N failed, N skipped`. Exit 1 on any failure.
#
# The kernels and CPUs (configurations, see `configs` below): the default
# one, 6.12 on arm64, runs every set (each mix where it applies); the others run the mainline-
# behaviour suite (sets ref and ours) with shorter stress loops, and name
# themselves in the set field: `ok 17 - ours@6.1-arm64 imx8mm demo2.tty`.
#
# Environment: MODULES=all|ref|ours|<set> (integration sets, default: each
# configuration's own), KERNELS="6.12 6.1 7" and ARCHES="arm64 arm"
# (configurations and compile-matrix lines to run, default all; with
# KASAN=1, 6.12 arm64 only), KASAN=1 (KASAN + kmemleak kernel for the
# default configuration), BOARDS="imx8mm ..." (default: each
# configuration's boards), MATRIX=0 (skip the compile-only lines),
# STATIC=0 (skip sparse, checkpatch and the device-tree checks),
# GUEST_TIMEOUT=secs, ONLY=<glob> (integration scenarios whose name
# matches, e.g. 'demo*'), FUZZ_SEED=<n> and FUZZ_FRAMES=<n> (the run of
# robust.fuzz_frames, to replay the seed a failure noted).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/check
rm -rf "$out"
mkdir -p "$out"
res=$out/results.tap
: > "$res"
n=0
# passed to the guest's tests (scripts/guest/init)
fuzz=${FUZZ_SEED:+ amp.fuzz_seed=$FUZZ_SEED}${FUZZ_FRAMES:+ amp.fuzz_frames=$FUZZ_FRAMES}

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

# Record every `ok`/`not ok` line of file $1; with a configuration label
# $2, its first word (the set, or "kunit") becomes word@label.
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
		if [ -n "${2:-}" ]; then
			case $name in
			*" "*) name="${name%% *}@$2 ${name#* }" ;;
			*) name="$name@$2" ;;
			esac
		fi
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

# The configurations: label, kernel (scripts/kernel/source.sh), arch,
# kernel variant, boards, module sets, life-cycle loop count. The first is
# the default; its names carry no label. `7` is the newest mainline and
# its label the version it resolves to (7.3-arm64). The 32-bit kernel has
# LPAE: 64-bit phys_addr_t and dma_addr_t beside 32-bit longs and
# pointers, the case where mixing them up truncates; the compile lines
# cover 32-bit ARM without it. stm32mp1-rcc is on 6.1 for the in-tree
# stm32_rproc, which cannot drive the SCMI-wired stm32mp1 there.
# A board may name its own sets (board:set+set): the bus and client mixes
# do not depend on the SoC and run on imx8mm only; mix-rproc runs on the
# stm32mp1 and stm32mp1-rcc wirings too; imx8mm-buf1k (the RPMsg-only
# link with 1 KiB buffers) runs only the tests that name it.
# MODULES overrides both lists.
configs="
6.12-arm64 6.12 arm64 - imx8mm,imx8mm-buf1k:ref+ours,stm32mp1:ref+ours+mix-rproc,stm32mp1-rcc:ref+ours+mix-rproc,stm32mp1-autoboot:ref+ours all 100
6.1-arm64 6.1 arm64 - imx8mm,stm32mp1,stm32mp1-rcc ref,ours 10
7-arm64 7 arm64 - imx8mm,stm32mp1 ref,ours 10
6.12-arm 6.12 arm lpae imx7d,stm32mp1 ref,ours 10
"
# Compile-only lines (kernel, arch) where no configuration runs a guest.
matrix="6.1:arm 7:arm"

kasan=${KASAN:-0}
if [ "$kasan" = 1 ]; then
	kernels=${KERNELS:-6.12} arches=${ARCHES:-arm64}
else
	kernels=${KERNELS:-6.12 6.1 7} arches=${ARCHES:-arm64 arm}
fi
# wanted KERNEL ARCH: does KERNELS/ARCHES select it?
wanted() {
	case " $kernels " in *" $1 "*) ;; *) return 1 ;; esac
	case " $arches " in *" $2 "*) ;; *) return 1 ;; esac
}

# install_check KDIR ARCH LABEL: `make modules_install` as the README gives
# it, against the full kernel tree KDIR, into a root file system
# (scripts/install_check.sh); LABEL names another configuration than the
# default. On 6.1 kbuild's default directory is extra/: only the
# Makefile's INSTALL_MOD_DIR puts the modules under updates/ there.
install_check() {
	local cross=aarch64-linux-gnu- log=$out/install${3:+-$3}.log
	[ "$2" = arm ] && cross=arm-linux-gnueabihf-
	if "$top/scripts/install_check.sh" "$1" "$2" "$cross" > "$log" 2>&1; then
		record ok "package modules_install${3:+ ($3)}"
	else
		record fail "package modules_install${3:+ ($3)}" "$(grep -m1 '^FAIL' "$log" || tail -n 1 "$log")"
	fi
}

# The project against kernel tree $1 ($2 arch): `build <ver> <arch> W=1`
# ($3 names it), then the tree keeps the modules for the guest.
kb() {
	make -C "$kbdir" M="$top" ARCH="$kbarch" CROSS_COMPILE="$kbcross" AMP_TESTS=1 "$@"
}
build_project() {
	kbdir=$1 kbarch=$2
	case $2 in arm64) kbcross=aarch64-linux-gnu- ;; arm) kbcross=arm-linux-gnueabihf- ;; esac
	log=$out/build-$(echo "$3" | tr ' ' -).log
	kb clean >/dev/null 2>&1
	# modules_prepare trees have no Module.symvers: modpost can only
	# warn that the kernel's symbols are undefined, which is expected
	# there, and only there.
	if [ -s "$kbdir/Module.symvers" ]; then
		kb W=1 modules > "$log" 2>&1
	else
		kb W=1 KBUILD_MODPOST_WARN=1 modules > "$log" 2>&1
	fi
	mrc=$?
	w=$(grep -E 'warning:|error:|WARNING:|ERROR:' "$log" |
		if [ -s "$kbdir/Module.symvers" ]; then cat; else
			grep -vE 'WARNING: modpost: ("[^"]+" \[[^]]+\] undefined!|[^:]+\.ko: symbol [^ ]+ undefined!|suppressed [0-9]+ unresolved symbol warnings)|Module.symvers is missing'
		fi | head -n 1)
	if [ $mrc -ne 0 ]; then
		record fail "build $3 W=1" "$(grep -m1 -iE 'error' "$log")"
		return 1
	elif [ -n "$w" ]; then
		record fail "build $3 W=1" "$w"
	else
		record ok "build $3 W=1"
	fi
}

# a guest's time: 30 minutes, three times that on the KASAN kernel, where
# a test may also stay silent longer (scripts/qemu/boot.sh): 40 minutes.
# On a busy machine the kernel's bus took 18 minutes to create
# robust.ns_flood's 10,000 channels there, and more than the 21 minutes
# allowed before to create and remove them (the test says `progress`
# while the flood moves; the stop that removes them cannot).
tmo=1800
if [ "$kasan" = 1 ]; then
	tmo=5400
	export GUEST_IDLE=${GUEST_IDLE:-2400}
fi
tmo=${GUEST_TIMEOUT:-$tmo}

# run_guests LABEL KDIR ARCH "BOARDS" "SETS" CYCLES: the KUnit suites,
# then the integration suite per board and set, on the kernel of KDIR
# with the project's modules just built against it. LABEL ("" for the
# default configuration) goes into every name. A board given as
# board:set+set runs those sets (unless MODULES names them).
run_guests() {
	local label=$1 kd=$2 arch=$3 bds=$4 sts=$5 cycles=$6 sfx b e bs s d first
	sfx=${label:+-$label}
	export AMP_ARCH=$arch
	"$top/scripts/guest_payload.sh" "$top/build/guest-$arch" "$arch" \
		> "$out/payload$sfx.log" 2>&1 ||
		{ record fail "firmware and tools${label:+ $label}" "$(tail -n 1 "$out/payload$sfx.log")"; return 1; }
	kos=$(find "$top" -path "$top/build" -prune -o -name '*.ko' -print)
	# shellcheck disable=SC2086
	"$top/scripts/initramfs.sh" "$kd" "$out/initramfs$sfx.cpio.gz" "$top/build/guest-$arch" $kos ||
		{ record fail "initramfs${label:+ $label}" "scripts/initramfs.sh failed"; return 1; }
	for e in $bds; do
		b=${e%%:*}
		[ -f "$out/$b-$arch.dtb" ] && continue
		"$top/scripts/qemu/dtb.sh" "$b" "$out/$b-$arch.dtb" > "$out/dtb-$b-$arch.log" 2>&1 ||
			record fail "dtb $b ($arch)" "$(tail -n 1 "$out/dtb-$b-$arch.log")"
	done
	first=$(echo $bds | cut -d' ' -f1)
	first=${first%%:*}

	# kunit.autorun: kernels after 6.12 have a KUNIT_AUTORUN_ENABLED that
	# allnoconfig leaves off (suites load, but do not run); older
	# kernels ignore the parameter
	echo "check: KUnit suites in the guest${label:+ ($label)}"
	d=$out/kunit$sfx
	"$top/scripts/qemu/boot.sh" "$kd" "$out/initramfs$sfx.cpio.gz" "$out/$first-$arch.dtb" \
		"$d" "$tmo" "amp.mode=kunit amp.board=$first kunit.autorun=1"
	python3 "$top/scripts/kunit_results.py" "$(readlink -f "$kd/source")" "$d/results.log" \
		"$(cat "$d/verdict")" "$d" > "$d/tap" ||
		record fail "kunit${label:+@$label} results" "scripts/kunit_results.py failed"
	record_tap "$d/tap" "$label"
	if [ "$(cat "$d/verdict")" != finished ]; then
		record fail "kunit${label:+@$label} guest" "$(cat "$d/verdict")"
	fi

	for e in $bds; do
		b=${e%%:*} bs=$sts
		case $e in *:*) [ -n "${MODULES:-}" ] || bs=$(echo "${e#*:}" | tr + ' ') ;; esac
		for s in $bs; do
			case " $all_sets " in
			*" $s "*) ;;
			*) record fail "$s${label:+@$label} $b" "no module set $s in scripts/guest/sets"; continue ;;
			esac
			echo "check: integration, set $s, board $b${label:+ ($label)}"
			d=$out/$s-$b$sfx
			t0=$(date +%s)
			"$top/scripts/qemu/boot.sh" "$kd" "$out/initramfs$sfx.cpio.gz" "$out/$b-$arch.dtb" \
				"$d" "$tmo" "amp.mode=check amp.sets=$s amp.board=$b amp.only=${ONLY:-*} amp.cycles=$cycles$fuzz"
			echo "check: the guest took $(($(date +%s) - t0)) s"
			record_tap "$d/results.log" "$label"
			plan=$(sed -n 's/^1\.\.\([0-9]*\).*/\1/p' "$d/results.log" | head -n 1)
			got=$(grep -cE '^(not )?ok ' "$d/results.log")
			v=$(cat "$d/verdict")
			if [ "$v" != finished ] || [ -z "$plan" ] || [ "$got" -lt "$plan" ]; then
				last=$(sed -n 's/^# start [0-9]* - //p' "$d/results.log" | tail -n 1)
				[ "$got" -lt "${plan:-0}" ] && [ -n "$last" ] && v="$v during '$last'"
				record fail "$s${label:+@$label} $b guest" "$v; ${got} of ${plan:-?} tests reported (console: $d/console.log)"
			fi
		done
	done
}

# board_list "a,b,c": the configuration's boards that BOARDS lets run
board_list() {
	local b r=
	for b in $(echo "$1" | tr , ' '); do
		case " ${BOARDS:-${b%%:*}} " in *" ${b%%:*} "*) r="$r $b" ;; esac
	done
	echo $r
}
all_sets=$(sed -n 's/^\([a-z][a-z0-9-]*\):.*/\1/p' "$top/scripts/guest/sets" | tr '\n' ' ')
# set_list "ref,ours" or "all": the configuration's sets, or MODULES's
set_list() {
	case ${MODULES:-} in
	'') if [ "$1" = all ]; then echo $all_sets; else echo "$1" | tr , ' '; fi ;;
	all) echo $all_sets ;;
	*) echo "$MODULES" ;;
	esac
}

# --- the default configuration: 6.12 arm64 -------------------------------------
# shellcheck disable=SC2046
set -- $(echo "$configs" | sed -n 2p)
def_boards=$(board_list "$5") def_sets=$(set_list "$6") def_cycles=$7
variant=
[ "$kasan" = 1 ] && variant=kasan
echo "check: test kernel (cached after the first build)"
kdir=$("$top/scripts/kernel/build.sh" 6.12 arm64 full $variant) ||
	{ record fail "kernel 6.12 arm64 ${variant:-test} build" "see the log above"; finish; }
ksrc=$(readlink -f "$kdir/source")

# --- build the project: W=1 must be clean, then sparse -------------------------
build_project "$kdir" arm64 "6.12 arm64" || finish

# The other configurations' kernels (and the compile lines' trees) build
# in the background, at the lowest priority, while the static checks and
# the guests run: a guest leaves much of the CPU idle. Each configuration
# waits for its own kernel (wait_prebuilt), then finds it cached.
prebuild() {
	local label ver arch var rest m
	while read -r label ver arch var rest; do
		[ -n "$label" ] && wanted "$ver" "$arch" || continue
		[ "$var" = - ] && var=
		nice -n 19 "$top/scripts/kernel/build.sh" "$ver" "$arch" full $var \
			> "$out/prebuild-$label.log" 2>&1
		touch "$out/.prebuilt-$label"
	done < "$out/.configs"
	[ "${MATRIX:-1}" = 1 ] || return 0
	for m in $matrix; do
		ver=${m%:*} arch=${m#*:}
		wanted "$ver" "$arch" || continue
		nice -n 19 "$top/scripts/kernel/build.sh" "$ver" "$arch" prepare \
			> "$out/prebuild-$ver-$arch.log" 2>&1
		touch "$out/.prebuilt-$ver-$arch"
	done
}
echo "$configs" | sed -n '3,$p' > "$out/.configs"
prebuild < /dev/null &
prebuild_pid=$!
wait_prebuilt() {
	while [ ! -e "$out/.prebuilt-$1" ] && kill -0 "$prebuild_pid" 2>/dev/null; do
		sleep 5
	done
}
# --- static checks (STATIC=0 skips them: quicker runs while working) ----------
if [ "${STATIC:-1}" = 1 ]; then
	kb C=2 CHECK="sparse -Wsparse-error" modules > "$out/sparse.log" 2>&1
	w=$(grep -E 'warning:|error:' "$out/sparse.log" | head -n 1)
	if [ -n "$w" ]; then record fail "static sparse" "$w"; else record ok "static sparse"; fi

	# --- kernel style ----------------------------------------------------------
	# Firmware, user-space tools and the bench's QEMU plugin are not kernel
	# code: their integer types are C's (uint32_t) and they have no
	# <linux/compiler.h>; everything else of the kernel's style applies.
	# checkpatch KSRC NAME: with KSRC's script
	# (the newest kernel's asks for more: kzalloc_obj() in 7.x).
	checkpatch() {
		local srcs kern user cp log=$out/checkpatch-$(echo "$2" | tr ' ' -).log
		srcs=$(cd "$top" && git ls-files -co --exclude-standard -- '*.c' '*.h')
		[ -n "$srcs" ] || return 0
		kern=$(echo "$srcs" | grep -vE '^(drivers/vremote/firmware|samples/rpmsg-tools|scripts/qemu)/')
		user=$(echo "$srcs" | grep -E '^(drivers/vremote/firmware|samples/rpmsg-tools|scripts/qemu)/')
		(cd "$top" && cp="perl $1/scripts/checkpatch.pl --no-tree --strict --terse --show-types" &&
			{ [ -z "$kern" ] || $cp -f $kern; } &&
			{ [ -z "$user" ] || $cp --ignore PREFER_KERNEL_TYPES,PREFER_DEFINED_ATTRIBUTE_MACRO -f $user; }) \
			> "$log" 2>&1
		w=$(grep -E ': (ERROR|WARNING|CHECK):' "$log" | head -n 1)
		if [ -n "$w" ]; then record fail "$2" "$w"; else record ok "$2"; fi
	}
	checkpatch "$ksrc" "static checkpatch --strict"

	# --- the udev rule for stable names, under the host's udev -----------------
	if "$top/scripts/udev_check.sh" > "$out/udev.log" 2>&1; then
		record ok "static udev rule (udevadm test)"
	else
		record fail "static udev rule (udevadm test)" "$(grep -m1 -v '^ok' "$out/udev.log")"
	fi

	# --- the Yocto layer and the Buildroot external tree: what can be checked
	# without bitbake or Buildroot (Documentation/shipping.md) --------------------
	for c in "yocto layer" "buildroot external"; do
		if python3 "$top/scripts/contrib_check.py" "${c%% *}" "$ksrc" \
			> "$out/contrib-${c%% *}.log" 2>&1; then
			record ok "package $c (offline)"
		else
			record fail "package $c (offline)" "$(grep -m1 '^FAIL' "$out/contrib-${c%% *}.log" ||
				tail -n 1 "$out/contrib-${c%% *}.log")"
		fi
	done

	# --- DKMS: dkms.conf run, for the test kernel, as a user runs it ------------
	if "$top/scripts/dkms_check.sh" "$kdir" arm64 aarch64-linux-gnu- > "$out/dkms.log" 2>&1; then
		record ok "package dkms"
	else
		record fail "package dkms" "$(grep -m1 '^FAIL' "$out/dkms.log" || tail -n 1 "$out/dkms.log")"
	fi

	# --- the virtual boards' DTBs, each on the QEMU machine it runs on -----------
	# imx7d is a 32-bit board (Cortex-A7); the others are arm64's (stm32mp1
	# also runs on arm, below).
	board_arch() {
		case $1 in imx7d) echo arm ;; *) echo arm64 ;; esac
	}
	vboards=$(board_list "$(cd "$top/dts" && ls *-virt.dtso | sed 's/-virt\.dtso$//' | tr '\n' ,)")
	for b in $vboards; do
		a=$(board_arch "$b")
		if AMP_ARCH=$a "$top/scripts/qemu/dtb.sh" "$b" "$out/$b-$a.dtb" > "$out/dtb-$b.log" 2>&1; then
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
	for b in $vboards; do
		a=$(board_arch "$b")
		[ -f "$out/$b-$a.dtb" ] && dt_check "$b" "$out/$b-$a.dtb" "$top/dts/$b-virt.dtso"
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
fi

# --- make modules_install, as the README gives it, into a root fs ------------
wanted 6.12 arm64 && install_check "$kdir" arm64 ""

# --- the default configuration's guests ---------------------------------------
if wanted 6.12 arm64 && [ -n "$def_boards" ]; then
	run_guests "" "$kdir" arm64 "$def_boards" "$def_sets" "$def_cycles"
fi

# --- the other kernels and CPUs ------------------------------------------------
while read -r label ver arch var bds sts cycles; do
	[ -n "$label" ] && wanted "$ver" "$arch" || continue
	[ "$var" = - ] && var=
	bds=$(board_list "$bds")
	echo "check: kernel $ver $arch${var:+ $var} (cached after the first build)"
	wait_prebuilt "$label"
	if ! kd=$("$top/scripts/kernel/build.sh" "$ver" "$arch" full $var < /dev/null); then
		record fail "kernel $label build" "see the log above"
		continue
	fi
	kver=$(cat "$kd/amp.kver")
	label=$kver-${label#*-}
	build_project "$kd" "$arch" "$kver $arch${var:+-$var}" || continue
	install_check "$kd" "$arch" "$label"
	case $ver in 7*) [ "$arch" = arm64 ] && [ "${STATIC:-1}" = 1 ] &&
		checkpatch "$(readlink -f "$kd/source")" "static checkpatch --strict ($kver)" ;;
	esac
	[ -n "$bds" ] || continue
	run_guests "$label" "$kd" "$arch" "$bds" "$(set_list "$sts")" "$cycles" < /dev/null
done < "$out/.configs"

# --- compile matrix: the kernels and CPUs no guest runs ------------------------
if [ "${MATRIX:-1}" = 1 ]; then
	for m in $matrix; do
		ver=${m%:*} arch=${m#*:}
		wanted "$ver" "$arch" || continue
		echo "check: compile matrix $ver $arch"
		wait_prebuilt "$ver-$arch"
		if ! mdir=$("$top/scripts/kernel/build.sh" "$ver" "$arch" prepare); then
			record fail "build $ver $arch W=1" "kernel tree did not build"
			continue
		fi
		build_project "$mdir" "$arch" "$(cat "$mdir/amp.kver") $arch"
	done
fi
# leave the tree built for the test kernel, as `make` would
build_project_quiet() {
	kbdir=$kdir kbarch=arm64 kbcross=aarch64-linux-gnu-
	kb clean >/dev/null 2>&1
	kb modules >/dev/null 2>&1
}
build_project_quiet
wait "$prebuild_pid"

finish
