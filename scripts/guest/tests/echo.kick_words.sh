# SPDX-License-Identifier: GPL-2.0
# boards: imx8mm imx7d stm32mp1
#
# Linux's kicks reach the remote in the SoC's format: on the i.MX MU a word
# with the vring's notify id in its upper half (vqid << 16, seed 001), on
# the STM32 IPCC one channel per vring. The emulator decodes them as
# firmware does; after an echo exchange both vrings were kicked and no
# word was malformed.
r=$(board_up) || board_fail "$r"
rproc_start "$r" echo || fail "start failed"
dev=$(ept_to_channel rpmsg-openamp-demo-channel) || fail "$dev"
rpmsg_echo_test "$dev" 1 64 || fail "echo test failed"
bad=$(vcore_stat bad_kick_words)
vq0=$(vcore_stat kicks_vq0)
vq1=$(vcore_stat kicks_vq1)
echo "kicks: vq0 $vq0, vq1 $vq1, malformed $bad"
[ "$bad" = 0 ] || fail "$bad kick words not in the vqid << 16 format"
[ "$vq0" -gt 0 ] || fail "the rx vring (0) was never kicked"
[ "$vq1" -gt 0 ] || fail "the tx vring (1) was never kicked"
