#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Install every Debian 12 package the build, the virtual board and the test
# suite need. Idempotent and quiet when everything is already there; needs
# root (or sudo) only when something is missing.
set -eu

PKGS="build-essential bc bison flex libssl-dev libelf-dev cpio kmod rsync \
xz-utils python3 python3-yaml perl git \
linux-source-6.12 linux-source-6.1 \
gcc-aarch64-linux-gnu gcc-arm-linux-gnueabihf libc6-dev-arm64-cross \
qemu-system-arm device-tree-compiler dt-schema sparse"

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$st" = "install ok installed" ] || missing="$missing $p"
done
# The guest's busybox is arm64: it comes from Debian through multiarch.
arm64=yes
dpkg --print-foreign-architectures | grep -qx arm64 || arm64=no

[ -z "$missing" ] && [ "$arm64" = yes ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
echo "deps: installing:$missing" >&2
[ "$arm64" = yes ] || $SUDO dpkg --add-architecture arm64
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null
echo "deps: done" >&2
