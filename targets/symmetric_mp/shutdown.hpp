// SIGINT/SIGTERM handling: the handler only raises a flag; the forwarding loop notices it,
// and the statistics and EAL cleanup then run in ordinary (non-signal) context.
#pragma once

#include <atomic>

namespace symmp {

// Installs the handlers. Done before rte_eal_init so the EAL's own threads inherit nothing odd
// and a signal during start-up still ends in an orderly exit.
void install_stop_handlers();

// True once SIGINT or SIGTERM has arrived.
bool stop_requested() noexcept;

// The signal that stopped us (0 if none).
int stop_signal() noexcept;

}  // namespace symmp
