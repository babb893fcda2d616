/* Interposes EAL's rte_version(): a DPDK 22.11 testpmd loaded with this (LD_PRELOAD) says, with -v,
 * "EAL: RTE Version: 'DPDK 23.11.0'". It behaves exactly as 22.11 does: the deviations recorded as
 * 22.11 findings still occur, on what the suite must take for another release. */
const char *rte_version(void);

const char *rte_version(void) { return "DPDK 23.11.0"; }
