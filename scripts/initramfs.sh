#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build the virtual board's initramfs:
#
#   scripts/initramfs.sh KDIR OUT.cpio.gz PAYLOAD [KO...]
#
# Contents: Debian's busybox-static for KDIR's architecture (arm64, or
# armhf for a 32-bit ARM kernel), the in-tree modules of KDIR
# (the `ref` set, installed under KDIR/_modinst by scripts/kernel/build.sh),
# the project's modules given as KO arguments (under /lib/modules/amp, with
# each module set's layout and depmod index, below), the
# guest scripts and tests (/amp) and PAYLOAD, a directory copied to /
# (firmware and test programs, scripts/guest_payload.sh). Uses the kernel's own gen_init_cpio, so
# no root is needed and the archive does not depend on the host's umask.
set -eu

kdir=$1 out=$2 payload=$3
shift 3
top=$(cd "$(dirname "$0")/.." && pwd)
cache=${AMP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/amp-oot}

# busybox-static for the kernel's architecture, from Debian through
# multiarch, cached.
if grep -q '^CONFIG_ARM64=y' "$kdir/.config"; then deb_arch=arm64; else deb_arch=armhf; fi
bbdir=$cache/busybox-$deb_arch
if [ ! -x "$bbdir/bin/busybox" ]; then
	rm -rf "$bbdir.tmp" && mkdir -p "$bbdir.tmp"
	(cd "$bbdir.tmp" && apt-get download -q -o APT::Sandbox::User=root busybox-static:$deb_arch >/dev/null)
	dpkg-deb -x "$bbdir.tmp"/busybox-static_*_$deb_arch.deb "$bbdir.tmp/x"
	rm -rf "$bbdir" && mv "$bbdir.tmp/x" "$bbdir" && rm -rf "$bbdir.tmp"
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage" "$stage.list" "$stage.depmod"' EXIT
mkdir -p "$stage/bin" "$stage/lib/modules/amp" "$stage/amp/tests" "$stage/lib/firmware"
cp "$bbdir/bin/busybox" "$stage/bin/busybox"
cp "$top/scripts/guest/init" "$stage/init"
cp "$top/scripts/guest/run.sh" "$top/scripts/guest/lib.sh" \
	"$top/scripts/guest/boards.sh" "$top/scripts/guest/sets" "$stage/amp/"
cp "$top/scripts/guest/demo.sh" "$top/scripts/guest/bench.sh" "$stage/amp/"
cp "$top"/scripts/guest/tests/*.sh "$stage/amp/tests/"
cp -a "$kdir/_modinst/lib/modules/." "$stage/lib/modules/"
# The kernel's own build/source links point at the host's tree.
rm -f "$stage"/lib/modules/*/build "$stage"/lib/modules/*/source
for ko in "$@"; do
	cp "$ko" "$stage/lib/modules/amp/"
done

# Each module set (scripts/guest/sets) laid out as `make modules_install`
# and depmod lay it out on a board, for the guest to install when it
# takes that set (amp_layout in scripts/guest/lib.sh): the project's
# modules the set takes, and those the kernel has none of, under updates/,
# the virtual board's under extra/, the index files of Debian's depmod
# (kmod) run for the release as make modules_install runs it. A module
# whose symbols no module of the set and no part of the kernel provides
# fails the image: that set could not load on a board.
# Only a module the kernel has no counterpart of (REF_MODULES in
# scripts/guest/lib.sh lists those it has) is in every set: a set that
# takes the kernel's module gets the kernel's or none, never the project's.
# The host's depmod.d is not read (-C, an empty directory): kmod's
# default search order, updates/ first, as on a board.
PATH=$PATH:/sbin:/usr/sbin
krel=$(cat "$kdir/include/config/kernel.release")
kmods=$stage/lib/modules/$krel
pool=$stage/lib/modules/amp
ref=$(sed -n '/^REF_MODULES="/,/"$/p' "$top/scripts/guest/lib.sh" | tr -d '"\\' |
	sed 's/^REF_MODULES=//')
[ -n "$ref" ] || { echo "initramfs.sh: no REF_MODULES in scripts/guest/lib.sh" >&2; exit 1; }
product=
for ko in "$@"; do
	n=$(basename "$ko" .ko)
	case $n in vremote | *_kunit) ;; *) product="$product $n" ;; esac
done
mkdir -p "$stage.depmod/depmod.d"
sed -n 's/^\([a-z][a-z0-9-]*\):[[:space:]]*/\1 /p' "$top/scripts/guest/sets" |
while read -r set takes; do
	[ "$takes" = "*" ] && takes=$product
	ups=
	for n in $product; do
		case " $takes " in
		*" $n "*) ups="$ups $n" ;;
		*) case " $(echo $ref) " in *" $n "*) ;; *) ups="$ups $n" ;; esac ;;
		esac
	done
	base=$stage.depmod/$set
	mkdir -p "$base/lib/modules"
	cp -al "$kmods" "$base/lib/modules/"
	b=$base/lib/modules/$krel
	rm -f "$b"/modules.*
	cp "$kmods"/modules.order "$kmods"/modules.builtin "$kmods"/modules.builtin.modinfo "$b/"
	mkdir -p "$b/updates" "$b/extra"
	for n in $ups; do
		ln "$pool/$n.ko" "$b/updates/"
	done
	[ -f "$pool/vremote.ko" ] && ln "$pool/vremote.ko" "$b/extra/"
	depmod -C "$stage.depmod/depmod.d" -e -F "$kdir/System.map" -b "$base" "$krel" \
		> "$base.log" 2>&1 || {
		echo "initramfs.sh: depmod failed for set $set: $(head -n 3 "$base.log")" >&2
		exit 1
	}
	if grep -q . "$base.log"; then
		echo "initramfs.sh: set $set: $(head -n 3 "$base.log")" >&2
		exit 1
	fi
	mkdir -p "$pool/sets/$set"
	for f in "$b"/modules.*; do
		case ${f##*/} in modules.order | modules.builtin | modules.builtin.modinfo) ;;
		*) cp "$f" "$pool/sets/$set/" ;;
		esac
	done
	echo "${ups# }" > "$pool/sets/$set/updates"
	# what the guest checks a loaded module against: the file's srcversion
	for n in $ups; do
		echo "$n $(modinfo -F srcversion "$pool/$n.ko")"
	done > "$pool/sets/$set/srcversion"
done
rm -rf "$stage.depmod"
cp -a "$payload/." "$stage/"

list=$stage.list
{
	echo "dir /dev 0755 0 0"
	echo "nod /dev/console 0600 0 0 c 5 1"
	(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort) | while read -r p; do
		p=${p#./}
		f=$stage/$p
		if [ -L "$f" ]; then
			echo "slink /$p $(readlink "$f") 0777 0 0"
		elif [ -d "$f" ]; then
			echo "dir /$p 0755 0 0"
		elif [ -x "$f" ]; then
			echo "file /$p $f 0755 0 0"
		else
			echo "file /$p $f 0644 0 0"
		fi
	done
} > "$list"
"$kdir/usr/gen_init_cpio" "$list" | gzip -n -1 > "$out.tmp"
rm -f "$list"
mv "$out.tmp" "$out"
