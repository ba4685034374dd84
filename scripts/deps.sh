#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Install every Debian 12 package the build, the virtual board and the test
# suite need (`deps.sh bench`: and what `make bench` needs). Idempotent and
# quiet when everything is already there; needs root (or sudo) only when
# something is missing.
set -eu

PKGS="build-essential bc bison flex libssl-dev libelf-dev cpio kmod rsync \
xz-utils python3 python3-yaml perl git \
linux-source-6.12 linux-source-6.1 \
gcc-aarch64-linux-gnu gcc-arm-linux-gnueabihf libc6-dev-arm64-cross \
libc6-dev-armhf-cross \
qemu-system-arm device-tree-compiler dt-schema sparse udev dkms"
# `make bench` draws its picture with gnuplot
[ "${1:-}" = bench ] && PKGS="$PKGS gnuplot-nox"

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$st" = "install ok installed" ] || missing="$missing $p"
done
# The guests' busybox (arm64, and armhf for the 32-bit ARM guests) comes
# from Debian through multiarch.
foreign=""
for a in arm64 armhf; do
	dpkg --print-foreign-architectures | grep -qx $a || foreign="$foreign $a"
done

[ -z "$missing" ] && [ -z "$foreign" ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
echo "deps: installing:$missing" >&2
for a in $foreign; do
	$SUDO dpkg --add-architecture $a
done
export DEBIAN_FRONTEND=noninteractive
# A mirror in the middle of a sync can fail one index of many: what the
# install needs may still be there, so the install decides.
$SUDO apt-get update -q >/dev/null ||
	echo "deps: apt-get update reported errors; installing anyway" >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null
echo "deps: done" >&2
