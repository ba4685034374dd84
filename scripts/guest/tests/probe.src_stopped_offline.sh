# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d
#
# The SRC word says the M4 is held stopped: imx_rproc leaves it alone and
# the remote processor reads `offline`, ready for firmware and `start`.
vboard_load || fail "cannot load the virtual board"
phys_write32 "$SRC_SCR" "$SRC_SCR_M4_STOP"
amp_load imx_rproc || fail "cannot load imx_rproc"
r=$(rproc_wait imx-rproc) || fail "no remoteproc named imx-rproc appeared"
state=$(cat "$r/state")
[ "$state" = offline ] || fail "state is '$state', expected 'offline'"
[ "$(phys_read32 "$SRC_SCR")" = "$SRC_SCR_M4_STOP" ] ||
	fail "probe changed the SRC word to $(phys_read32 "$SRC_SCR")"
