// The signals that must end the app through rte_eal_cleanup() rather than kill it outright
// (a killed primary leaves its hugepage files and runtime directory behind).
#pragma once

namespace hotplug_mp {

// Blocks SIGINT, SIGTERM and SIGHUP and receives them through a signalfd instead of a handler.
//
// Why not a handler: EAL starts its own threads, and the kernel hands a process-directed signal
// to any thread that does not block it, so a handler cannot reliably interrupt the main thread's
// read. Blocking the signals *before* rte_eal_init() makes every EAL thread inherit the mask;
// the only way left for them to arrive is this descriptor, which the prompt polls alongside stdin.
// A side effect we want: a signal never interrupts a hotplug half-way, it is seen at the next prompt.
class ShutdownSignals {
public:
    // Throws std::system_error if the mask or the descriptor cannot be set up.
    ShutdownSignals();
    ~ShutdownSignals();
    ShutdownSignals(const ShutdownSignals&) = delete;
    ShutdownSignals& operator=(const ShutdownSignals&) = delete;

    // Readable when one of the signals is pending.
    int fd() const { return fd_; }

    // Consumes one pending signal and returns its number (0 if none could be read).
    int take() const;

private:
    int fd_ = -1;
};

}  // namespace hotplug_mp
