// Port handling. The primary owns port configuration (it sets up one RX and one TX queue per
// process on every port); secondaries only check that what the primary set up matches their
// own command line, because ports and their queues live in shared memory.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "options.hpp"

struct rte_mempool;

namespace symmp {

// What the primary chose for one port, reported in one line once the port runs.
struct PortPlan {
    std::uint16_t port = 0;
    std::uint16_t queues = 0;
    std::uint16_t rx_descriptors = 0;
    std::uint16_t tx_descriptors = 0;
    std::uint64_t rss_hf = 0;      // 0 when RSS is off
    std::string rss_off_reason;    // why RSS is off
    std::uint64_t rx_offloads = 0; // the RX checksum offloads requested (0 = none)
    std::string csum_off_reason;   // why no RX checksum offload
    std::string request;           // OffloadRequest::DpdkExample: what was asked and how the device answered
};

// Both process kinds: every port of the mask must exist and be available to this application.
// Throws Failure(kExitUsage) naming the first missing port.
void require_ports_exist(const Options& opts);

// Primary, step 1: configure every port with `queues` RX and TX queues (RSS and RX checksum
// offload where the device supports them) and settle the ring sizes. No mbufs needed yet, so
// the pool can afterwards be sized from the real ring sizes.
// With OffloadRequest::DpdkExample the request is DPDK's example's, retried as the example does.
std::vector<PortPlan> configure_ports(std::span<const std::uint16_t> ports, std::uint16_t queues,
                                      OffloadRequest request = OffloadRequest::Capabilities);

// Total RX+TX descriptors over all ports and queues of the plans (for sizing the pool).
std::uint64_t total_descriptors(std::span<const PortPlan> plans);

// Primary, step 2: set up the queues on `pool`, start each port, enable promiscuous mode and
// print its one-line summary.
void start_ports(std::span<const PortPlan> plans, rte_mempool* pool);

// Primary, at exit: stop and close the ports (releases their queues and vdev back-ends).
void close_ports(std::span<const std::uint16_t> ports);

// Secondary: every port must carry exactly `num_procs` RX and TX queues, i.e. the primary was
// started with the same --num-procs. Throws Failure otherwise.
void require_primary_layout(std::span<const std::uint16_t> ports, std::uint16_t num_procs);

}  // namespace symmp
