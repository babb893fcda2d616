#!/bin/sh
# Debian's dpdk-testpmd 22.11, made to report itself as DPDK 23.11.0 (rte_version() interposed, see
# rte_version_2311.c): the testpmd cases must not take a 22.11 finding for what this "23.11" does.
# MPDTS_FAKE_RTE_VERSION names the interposer (built as mpdts_fake_rte_version_2311).
: "${MPDTS_FAKE_RTE_VERSION:?set MPDTS_FAKE_RTE_VERSION to the built mpdts_fake_rte_version_2311 library}"
LD_PRELOAD="$MPDTS_FAKE_RTE_VERSION${LD_PRELOAD:+:$LD_PRELOAD}" exec /usr/bin/dpdk-testpmd "$@"
