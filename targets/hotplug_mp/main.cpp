// hotplug_mp: attach and detach devices at run time from a DPDK primary or secondary process,
// through a line-oriented prompt. Behaves like DPDK's multi_process/hotplug_mp example (same
// prompt and result strings) except that attaching an already attached device fails.
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>

#include <rte_eal.h>
#include <rte_errno.h>

#include "console.hpp"
#include "prompt_loop.hpp"
#include "shutdown_signals.hpp"

namespace {

// Arguments after "--" belong to the application. We have none, but the VM test plan passes
// symmetric_mp-style ones (-p 3 --num-procs=2 --proc-id=0) to every app, so accept and say so.
void note_ignored_app_args(int argc, char** argv)
{
    if (argc <= 0)
        return;
    std::string ignored = "ignoring application arguments:";
    for (int i = 0; i < argc; ++i)
        ignored += std::string(" ") + argv[i];
    hotplug_mp::console::line(ignored);
}

}  // namespace

int main(int argc, char** argv)
{
    hotplug_mp::console::make_output_live();

    // Before rte_eal_init(): the threads EAL starts must inherit the blocked signal mask.
    std::optional<hotplug_mp::ShutdownSignals> signals;
    try {
        signals.emplace();
    } catch (const std::exception& e) {
        hotplug_mp::console::note(e.what());
        return EXIT_FAILURE;
    }

    const int eal_args = rte_eal_init(argc, argv);
    if (eal_args < 0) {
        // Some EAL failure paths leave rte_errno at 0; "Success" would only mislead.
        const int error = rte_errno;
        hotplug_mp::console::note(std::string("cannot initialise EAL: ") +
                                  (error != 0 ? rte_strerror(error) : "see the EAL messages above"));
        return EXIT_FAILURE;
    }
    // EAL leaves the program name in argv[eal_args], followed by the application's arguments.
    note_ignored_app_args(argc - eal_args - 1, argv + eal_args + 1);

    int status = EXIT_SUCCESS;
    try {
        hotplug_mp::run_prompt_loop(*signals);
    } catch (const std::exception& e) {
        // Still clean up below: a primary that skips it leaves hugepage files behind.
        hotplug_mp::console::note(std::string("fatal: ") + e.what());
        status = EXIT_FAILURE;
    }
    rte_eal_cleanup();
    return status;
}
