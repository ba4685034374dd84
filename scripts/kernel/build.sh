#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Build (or find in the cache) a kernel tree the project builds against.
#
#   scripts/kernel/build.sh VERSION ARCH KIND [VARIANT]
#
#   VERSION  6.12 or 6.1 (Debian 12's linux-source-VERSION), or 7 (the
#            newest mainline: scripts/kernel/source.sh fetches it)
#   ARCH     arm64 or arm
#   KIND     full     the kernel image + in-tree modules, installed under
#                     $KDIR/_modinst
#            prepare  modules_prepare only (compile matrix)
#   VARIANT  kasan    KASAN + kmemleak + lockdep (kasan.config)
#            lpae     32-bit ARM with LPAE: 64-bit phys_addr_t (lpae.config)
#
# Prints the build directory (the KDIR) on stdout; logs go to stderr and to
# $KDIR/build.log. The tree is cached outside the clone, under
# ${AMP_CACHE:-~/.cache/amp-oot}, keyed by the package version, the arch, the
# kind and the content of the config fragments, so an unchanged key is never
# rebuilt and a changed fragment never reuses a stale tree.
set -eu

ver=$1 arch=$2 kind=$3 variant=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
cache=${AMP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/amp-oot}
jobs=$(nproc)

case $arch in
arm64) cross=aarch64-linux-gnu- image=Image ;;
arm) cross=arm-linux-gnueabihf- image=zImage ;;
*) echo "build.sh: unknown arch $arch" >&2; exit 2 ;;
esac
case $kind in
full|prepare) ;;
*) echo "build.sh: unknown kind $kind" >&2; exit 2 ;;
esac

frags="$here/base.config $here/$arch.config"
case $variant in
'') ;;
kasan|lpae) frags="$frags $here/$variant.config" ;;
*) echo "build.sh: unknown variant $variant" >&2; exit 2 ;;
esac

# "7" becomes the 7.x version it resolves to (the build's name says which)
res=$("$here/source.sh" "$ver")
set -- $res
ver=$1 pkgver=$2 src=$3

key=$( { echo "$pkgver $arch $kind $variant"; cat $frags; } | sha256sum | cut -c1-12)
name=$ver-$arch-$kind${variant:+-$variant}-$key
out=$cache/build/$name
if [ -f "$out/.amp-done" ]; then
	[ -f "$out/amp.kver" ] || echo "$ver" > "$out/amp.kver"
	echo "$out"
	exit 0
fi

echo "kernel: building $name (log: $out/build.log)" >&2
# One tree per version/arch/kind/variant: drop those of older keys (a key
# is 12 hex digits: "full-*" would also take "full-kasan-<key>").
for old in "$cache/build/$ver-$arch-$kind${variant:+-$variant}"-????????????; do
	[ "$old" = "$out" ] || rm -rf "$old"
done
mkdir -p "$out"
start=$(date +%s)
mk() {
	make -C "$src" O="$out" ARCH="$arch" CROSS_COMPILE="$cross" "$@"
}
{
	cat $frags > "$out/amp.fragment"
	mk KCONFIG_ALLCONFIG="$out/amp.fragment" allnoconfig || exit 1
	# Every symbol the fragments ask for must have made it into .config.
	missing=$(cat $frags | grep -E '^CONFIG_[A-Z0-9_]+=[ym]$' | while read -r want; do
		grep -qx "$want" "$out/.config" || echo "$want"
	done)
	if [ -n "$missing" ]; then
		echo "kernel: config fragment not honoured:" $missing
		exit 1
	fi
	if [ "$kind" = full ]; then
		# the image and the modules; no DTBs (the boards' come from
		# scripts/board_dtb.sh)
		mk -j"$jobs" "$image" modules || exit 1
		rm -rf "$out/_modinst"
		mk INSTALL_MOD_PATH="$out/_modinst" modules_install || exit 1
	else
		mk -j"$jobs" modules_prepare || exit 1
	fi
} > "$out/build.log" 2>&1 || {
	echo "kernel: build of $name failed, last lines of $out/build.log:" >&2
	tail -n 30 "$out/build.log" >&2
	exit 1
}
echo "kernel: $name built in $(( $(date +%s) - start ))s" >&2
echo "$ver" > "$out/amp.kver"
touch "$out/.amp-done"
echo "$out"
