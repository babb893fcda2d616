#include "stats.hpp"

#include <cinttypes>

#include "console.hpp"

namespace symmp {

void print_port_stats(std::span<const std::uint16_t> ports, const CounterTable& counters) {
    for (const std::uint16_t port : ports) {
        const PortCounters& c = counters.at(port);
        say("Port %u: RX - %" PRIu64 ", TX - %" PRIu64 ", Drop - %" PRIu64, static_cast<unsigned>(port), c.rx,
            c.tx, c.drop);
    }
}

}  // namespace symmp
