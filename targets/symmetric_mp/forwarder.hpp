// The forwarding loop: poll our RX queue on every port, send each burst out of our TX queue
// on the paired port, free and count what the TX queue did not take.
#pragma once

#include <cstdint>
#include <span>

#include "stats.hpp"

namespace symmp {

// Runs on the calling (main) lcore until stop_requested(). `ports` is in mask order and has an
// even length; ports[i] is paired with ports[i ^ 1].
void forward_until_stopped(std::span<const std::uint16_t> ports, std::uint16_t queue, CounterTable& counters);

}  // namespace symmp
