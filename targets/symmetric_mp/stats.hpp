// Per-port packet counters of this process.
//
// RX is counted on the port a burst came from; TX and Drop on the port it was sent to, so for
// each pair (a, b): RX(a) == TX(b) + Drop(b) within one process. Only the main lcore touches
// them, so plain 64-bit integers suffice.
#pragma once

#include <array>
#include <cstdint>
#include <span>

#include <rte_build_config.h>

namespace symmp {

struct PortCounters {
    std::uint64_t rx = 0;
    std::uint64_t tx = 0;
    std::uint64_t drop = 0;
};

using CounterTable = std::array<PortCounters, RTE_MAX_ETHPORTS>;

// Prints "Port <p>: RX - <n>, TX - <n>, Drop - <n>" for each port, in the order given.
void print_port_stats(std::span<const std::uint16_t> ports, const CounterTable& counters);

}  // namespace symmp
