# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d
#
# The SRC word says the M4 runs (U-Boot's bootaux started it): imx_rproc
# attaches and the remote processor reads `attached`.
vboard_load || fail "cannot load the virtual board"
phys_write32 "$SRC_SCR" 0
amp_load imx_rproc || fail "cannot load imx_rproc"
r=$(rproc_wait imx-rproc) || fail "no remoteproc named imx-rproc appeared"
state=$(cat "$r/state")
[ "$state" = attached ] || fail "state is '$state', expected 'attached'"
