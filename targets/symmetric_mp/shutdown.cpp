#include "shutdown.hpp"

#include <csignal>

#include "console.hpp"

namespace symmp {
namespace {

// Lock-free atomics are async-signal-safe; the static_asserts make that assumption explicit.
std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};
static_assert(std::atomic<bool>::is_always_lock_free);
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void on_stop_signal(int signum) {
    g_signal.store(signum, std::memory_order_relaxed);
    g_stop.store(true, std::memory_order_relaxed);
}

}  // namespace

void install_stop_handlers() {
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    for (int sig : {SIGINT, SIGTERM})
        if (sigaction(sig, &sa, nullptr) != 0)
            throw Failure(kExitRuntime, "cannot install signal handlers");
}

bool stop_requested() noexcept { return g_stop.load(std::memory_order_relaxed); }

int stop_signal() noexcept { return g_signal.load(std::memory_order_relaxed); }

}  // namespace symmp
