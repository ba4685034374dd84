# SPDX-License-Identifier: GPL-2.0
# boards: all
#
# Every module of the set loads, shows in /proc/modules, unloads cleanly,
# and loads again after that (nothing left behind by the first unload).
vboard_load || fail "cannot load the virtual board"
for pass in 1 2; do
	for m in $REF_MODULES; do
		amp_load "$m" || fail "pass $pass: cannot load $m"
	done
	for m in $REF_MODULES; do
		grep -q "^$m " /proc/modules || fail "pass $pass: $m not in /proc/modules"
	done
	amp_unload_all || fail "pass $pass: unload left modules behind"
done
