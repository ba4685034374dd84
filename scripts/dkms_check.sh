#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
#   scripts/dkms_check.sh KDIR ARCH CROSS_COMPILE
#
# dkms.conf under Debian's DKMS, as a user runs it for a kernel that is not
# the running one: `dkms add`, `dkms build` and `dkms install` of this
# tree for KDIR's release (--kernelsourcedir KDIR, -a ARCH, cross-built),
# then DKMS must have built, and installed under
# /lib/modules/<release>/updates/, the modules `make` built in this tree
# (its modules.order, without the test-only ones: drivers/vremote,
# kunit/), no more, no fewer; then
# `dkms remove --all` must leave no module there and nothing of the
# package in DKMS's tree. In a mount namespace of its own (root): /usr/src,
# /var/lib/dkms and /lib/modules are tmpfs there, /lib/modules/<release>
# holding the kernel's own modules; the host is left alone.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
kdir=$1 arch=$2 cross=$3

if [ "${4:-}" != inner ]; then
	command -v dkms > /dev/null || { echo "no dkms (package dkms)"; exit 1; }
	# the mount points, where the host has none (made empty, left so)
	for m in /usr/src /var/lib/dkms /lib/modules; do
		[ -d "$m" ] || mkdir -p "$m"
	done
	exec unshare -m --propagation private "$0" "$kdir" "$arch" "$cross" inner
fi

# never on the host's own mounts
[ "$(readlink /proc/self/ns/mnt)" != "$(readlink /proc/1/ns/mnt)" ] ||
	{ echo "not in a mount namespace of its own: refusing"; exit 1; }
for m in /usr/src /var/lib/dkms /lib/modules; do
	mount -t tmpfs amp-dkms "$m"
done
kver=$(cat "$kdir/include/config/kernel.release")
mods=/lib/modules/$kver
mkdir -p "$mods"
cp -a "$kdir/_modinst/lib/modules/$kver/." "$mods/"
ln -sfn "$kdir" "$mods/build"
name=$(sed -n 's/^PACKAGE_NAME="\(.*\)"$/\1/p' "$top/dkms.conf")
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$top/dkms.conf")
src=/usr/src/$name-$ver
mkdir -p "$src"
(cd "$top" && git ls-files -co --exclude-standard | tar -cf - -T -) | tar -xf - -C "$src"

export ARCH="$arch" CROSS_COMPILE="$cross"
dk="-m $name -v $ver"
step() {
	echo "+ dkms $*"
	# shellcheck disable=SC2086
	if ! dkms "$@"; then
		tail -n 20 "/var/lib/dkms/$name/$ver/build/make.log" 2> /dev/null
		echo "FAIL: dkms $1"
		exit 1
	fi
}
# shellcheck disable=SC2086
step add $dk
# shellcheck disable=SC2086
step build $dk -k "$kver" -a "$arch" --kernelsourcedir "$kdir"
# shellcheck disable=SC2086
step install $dk -k "$kver" -a "$arch" --kernelsourcedir "$kdir"

# what make built in the tree (the test build: minus the test-only modules)
tests=$(cd "$top" && cat drivers/vremote/Kbuild kunit/Kbuild |
	sed -n 's/^obj-[^ ]* *+= *\([a-z0-9_]*\)\.o.*/\1/p' | sort)
want=$(sed 's|.*/||; s|\.o$||; s|\.ko$||' "$top/modules.order" | sort | grep -vxF "$tests")
built=$(find "/var/lib/dkms/$name/$ver/$kver/$arch/module" -name '*.ko*' |
	sed 's|.*/||; s|\.ko.*||' | sort)
installed=$(find "$mods/updates" -name '*.ko*' | sed 's|.*/||; s|\.ko.*||' | sort)
echo "make: $(echo $want)"
echo "DKMS built: $(echo $built)"
echo "installed under $mods/updates: $(echo $installed)"
[ -n "$want" ] || { echo "FAIL: no product module in $top/modules.order"; exit 1; }
[ "$built" = "$want" ] || { echo "FAIL: DKMS built other modules than make"; exit 1; }
[ "$installed" = "$want" ] || { echo "FAIL: DKMS installed other modules than make built"; exit 1; }
dkms status | grep -q "^$name/$ver, $kver, $arch: installed\$" ||
	{ echo "FAIL: dkms status: $(dkms status)"; exit 1; }

# shellcheck disable=SC2086
step remove $dk --all
left=$(find "$mods/updates" -name '*.ko*' 2> /dev/null || true)
[ -z "$left" ] || { echo "FAIL: left after dkms remove: $left"; exit 1; }
[ ! -e "/var/lib/dkms/$name" ] || { echo "FAIL: /var/lib/dkms/$name left"; exit 1; }
echo "ok: $(echo "$built" | wc -l) modules installed for $kver and removed"
