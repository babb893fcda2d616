#include "shutdown_signals.hpp"

#include <cerrno>
#include <csignal>
#include <system_error>

#include <pthread.h>
#include <sys/signalfd.h>
#include <unistd.h>

namespace hotplug_mp {

namespace {

sigset_t shutdown_set()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    // A closed terminal (or a killed tmux pane) should clean up like Ctrl-C does.
    sigaddset(&set, SIGHUP);
    return set;
}

}  // namespace

ShutdownSignals::ShutdownSignals()
{
    const sigset_t set = shutdown_set();
    if (int rc = pthread_sigmask(SIG_BLOCK, &set, nullptr); rc != 0)
        throw std::system_error(rc, std::generic_category(), "cannot block shutdown signals");
    fd_ = signalfd(-1, &set, SFD_CLOEXEC);
    if (fd_ < 0)
        throw std::system_error(errno, std::generic_category(), "cannot create signalfd");
}

ShutdownSignals::~ShutdownSignals()
{
    if (fd_ >= 0)
        close(fd_);
}

int ShutdownSignals::take() const
{
    signalfd_siginfo info{};
    for (;;) {
        const ssize_t n = read(fd_, &info, sizeof(info));
        if (n == static_cast<ssize_t>(sizeof(info)))
            return static_cast<int>(info.ssi_signo);
        if (n < 0 && errno == EINTR)
            continue;
        return 0;
    }
}

}  // namespace hotplug_mp
