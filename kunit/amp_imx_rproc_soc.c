// SPDX-License-Identifier: GPL-2.0
/* The SoC tables of imx_rproc, built into its KUnit suite as they are. */
#include "../drivers/remoteproc/imx_rproc_soc.c"
