#include "forwarder.hpp"

#include <array>

#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include "shutdown.hpp"

namespace symmp {
namespace {
constexpr std::uint16_t kBurst = 32;
}

void forward_until_stopped(std::span<const std::uint16_t> ports, std::uint16_t queue, CounterTable& counters) {
    std::array<rte_mbuf*, kBurst> burst{};
    while (!stop_requested()) {
        for (std::size_t i = 0; i < ports.size(); ++i) {
            const std::uint16_t src = ports[i];
            const std::uint16_t dst = ports[i ^ 1];  // 1st<->2nd, 3rd<->4th, ... of the mask
            const std::uint16_t received = rte_eth_rx_burst(src, queue, burst.data(), kBurst);
            if (received == 0)
                continue;
            counters[src].rx += received;

            const std::uint16_t sent = rte_eth_tx_burst(dst, queue, burst.data(), received);
            counters[dst].tx += sent;
            if (sent < received) {
                // The TX ring is full (the peer is not draining it): these packets are lost.
                const unsigned unsent = received - sent;
                rte_pktmbuf_free_bulk(burst.data() + sent, unsent);
                counters[dst].drop += unsent;
            }
        }
    }
}

}  // namespace symmp
