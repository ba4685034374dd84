#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Find (or fetch and extract) the kernel source tree of one version:
#
#   scripts/kernel/source.sh VERSION
#
#   VERSION  6.1 or 6.12: Debian 12's linux-source-VERSION package
#            (scripts/deps.sh installs it);
#            7: the newest mainline, Debian's linux-source-7.x from its
#            newer suites, fetched with apt-get download through a private
#            apt configuration (never the machine's sources). The version
#            the project was tested with is pinned below; when the archive
#            no longer has it, the newest linux-source-7.* is taken and
#            this says so on stderr.
#
# Prints "<kernel version> <package version> <source dir>" on stdout, e.g.
# "7.3 7.3.4-1~bpo13+1 /root/.cache/amp-oot/src/linux-source-7.3". The tree
# is extracted once under ${AMP_CACHE:-~/.cache/amp-oot}/src.
set -eu

ver=$1
cache=${AMP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/amp-oot}

# The 7.x kernel make check was last run against.
PIN7_PKG=linux-source-7.3
PIN7_VER=7.3.4-1~bpo13+1
SUITES7="sid trixie-backports"
MIRROR7=${AMP_DEBIAN_MIRROR:-http://deb.debian.org/debian}

# extract TARBALL_CMD DIR PKGVER: a tree, once per package version
extract() {
	dir=$1 pkgver=$2
	shift 2
	if [ -f "$dir/.amp-extracted" ] && [ "$(cat "$dir/.amp-extracted")" = "$pkgver" ]; then
		return 0
	fi
	echo "kernel: extracting $(basename "$dir") $pkgver" >&2
	rm -rf "$dir" "$dir.tmp"
	mkdir -p "$dir.tmp"
	"$@" | tar -C "$dir.tmp" -xJf - || { rm -rf "$dir.tmp"; return 1; }
	mv "$dir.tmp/$(basename "$dir")" "$dir"
	rmdir "$dir.tmp"
	echo "$pkgver" > "$dir/.amp-extracted"
}

case $ver in
7)
	apt=$cache/apt
	mkdir -p "$apt/lists/partial" "$apt/archives/partial" "$apt/debs"
	for s in $SUITES7; do
		echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR7 $s main"
	done > "$apt/sources.list"
	# Everything apt keeps goes to $apt: the machine's configuration
	# (apt.conf and its parts, with their update hooks), sources, lists,
	# preferences and cache are neither read nor changed. APT_CONFIG is
	# read before the machine's files, and says not to read them.
	# Signatures are checked; a Release file past its Valid-Until date
	# (a mirror snapshot older than the clock) is still taken, else one
	# stale suite would hide the package that the other carries.
	cat > "$apt/apt.conf" <<-EOF
		Dir::Etc::main "/dev/null";
		Dir::Etc::parts "/dev/null";
		Acquire::Check-Valid-Until "false";
	EOF
	aptopt() {
		APT_CONFIG=$apt/apt.conf "$@" -q \
			-o Dir::Etc::SourceList="$apt/sources.list" \
			-o Dir::Etc::SourceParts=/dev/null \
			-o Dir::Etc::Preferences=/dev/null \
			-o Dir::Etc::PreferencesParts=/dev/null \
			-o Dir::State::Lists="$apt/lists" \
			-o Dir::State::Status=/dev/null \
			-o Dir::Cache="$apt" -o Dir::Cache::archives="$apt/archives" \
			-o APT::Architectures="$(dpkg --print-architecture)" \
			-o APT::Sandbox::User=root -o Debug::NoLocking=1
	}
	pkg=$PIN7_PKG pkgver=$PIN7_VER
	deb=$apt/debs/${pkg}_${pkgver}_all.deb
	kver=${pkg#linux-source-}
	src=$cache/src/$pkg
	if [ -f "$src/.amp-extracted" ] && [ "$(cat "$src/.amp-extracted")" = "$pkgver" ]; then
		echo "$kver $pkgver $src"
		exit 0
	fi
	# a newer one taken before, because the pinned one was gone: again
	if [ -s "$apt/chosen" ]; then
		read -r c_pkg c_ver < "$apt/chosen"
		c_src=$cache/src/$c_pkg
		if [ -f "$c_src/.amp-extracted" ] && [ "$(cat "$c_src/.amp-extracted")" = "$c_ver" ]; then
			echo "kernel: $pkg $pkgver (pinned) is not in the archive; using $c_pkg $c_ver, taken earlier" >&2
			echo "${c_pkg#linux-source-} $c_ver $c_src"
			exit 0
		fi
	fi
	if [ ! -s "$deb" ]; then
		echo "kernel: fetching the 7.x source list ($SUITES7)" >&2
		# one suite failing is not fatal while the pinned version is found;
		# the newest instead is only taken from a complete list
		upd=ok
		aptopt apt-get update >&2 || upd=
		[ -n "$upd" ] || echo "kernel: apt-get update reported errors (see above)" >&2
		if ! aptopt apt-cache show "$pkg=$pkgver" >/dev/null 2>&1; then
			[ -n "$upd" ] || { echo "kernel: $pkg $pkgver not found, and the source lists are incomplete" >&2; exit 1; }
			newest=$(aptopt apt-cache search --names-only '^linux-source-7\.[0-9]+$' |
				cut -d' ' -f1 | while read -r p; do
					aptopt apt-cache madison "$p" | awk -F'|' '{ gsub(/ /, ""); print $1, $2 }'
				done | sort -k2 -V | tail -n 1)
			[ -n "$newest" ] || { echo "kernel: no linux-source-7.* in $SUITES7" >&2; exit 1; }
			echo "kernel: $pkg $pkgver (pinned) is no longer in the archive; taking the newest, ${newest% *} ${newest#* }" >&2
			pkg=${newest% *} pkgver=${newest#* }
			kver=${pkg#linux-source-}
			src=$cache/src/$pkg
			deb=$apt/debs/${pkg}_${pkgver}_all.deb
			echo "$pkg $pkgver" > "$apt/chosen"
		fi
		echo "kernel: downloading $pkg $pkgver" >&2
		rm -f "$apt"/archives/*.deb
		(cd "$apt/archives" && aptopt apt-get download "$pkg=$pkgver" >&2) ||
			{ echo "kernel: apt-get download $pkg=$pkgver failed" >&2; exit 1; }
		mv "$apt"/archives/"${pkg}"_*.deb "$deb.tmp" && mv "$deb.tmp" "$deb"
	fi
	# the .deb holds usr/src/linux-source-7.N.tar.xz
	extract "$src" "$pkgver" sh -c 'dpkg-deb --fsys-tarfile "$1" |
		tar -xOf - "./usr/src/$2.tar.xz"' - "$deb" "$pkg"
	;;
*)
	pkg=linux-source-$ver kver=$ver
	pkgver=$(dpkg-query -W -f='${Version}' "$pkg") ||
		{ echo "kernel: $pkg is not installed (scripts/deps.sh)" >&2; exit 1; }
	src=$cache/src/$pkg
	extract "$src" "$pkgver" cat "/usr/src/$pkg.tar.xz"
	;;
esac
echo "$kver $pkgver $src"
