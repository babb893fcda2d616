// The interactive loop: prompt, read a line, run it, until quit, end of input or a signal.
#pragma once

#include "shutdown_signals.hpp"

namespace hotplug_mp {

// Returns when the user is done; EAL is still up, the caller cleans it up.
void run_prompt_loop(const ShutdownSignals& signals);

}  // namespace hotplug_mp
