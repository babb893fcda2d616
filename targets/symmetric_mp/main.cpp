// symmetric_mp: one process of a symmetric multi-process forwarder.
//
// Every process (the primary and N-1 secondaries of one --file-prefix) runs the same loop on its
// main lcore: it reads RX queue <proc-id> of every port in the mask and sends what it got out of
// TX queue <proc-id> of the paired port. The primary creates the shared mbuf pool and configures
// the ports; secondaries reuse both. SIGINT/SIGTERM print per-port counters and exit cleanly.
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <string>

#include <rte_eal.h>
#include <rte_errno.h>

#include "console.hpp"
#include "forwarder.hpp"
#include "mbuf_pool.hpp"
#include "options.hpp"
#include "peers.hpp"
#include "port_setup.hpp"
#include "shutdown.hpp"
#include "stats.hpp"

namespace symmp {
namespace {

std::string port_list(std::span<const std::uint16_t> ports) {
    std::string list;
    for (const std::uint16_t p : ports) {
        if (!list.empty())
            list += ' ';
        list += std::to_string(p);
    }
    return list;
}

// Everything after a successful rte_eal_init. Returns the exit code; throws Failure on errors.
int run(const Options& opts) {
    const bool primary = rte_eal_process_type() == RTE_PROC_PRIMARY;
    require_ports_exist(opts);

    if (primary) {
        // Configure first, so the pool is sized from the ring sizes the devices really use.
        const std::vector<PortPlan> plans = configure_ports(opts.ports, opts.num_procs, opts.offload_request);
        rte_mempool* pool = create_mbuf_pool(pool_size_for(total_descriptors(plans), opts.num_procs));
        start_ports(plans, pool);
        publish_ports_ready();
    } else {
        announce_port_user();  // from here on the primary must not close the ports under us
        require_ports_ready();
        lookup_mbuf_pool();  // the PMDs refill from it; failing here is clearer than a bad RX
        require_primary_layout(opts.ports, opts.num_procs);
    }

    CounterTable counters{};
    say("proc %u: forwarding on ports %s (queue %u, %s)", opts.proc_id, port_list(opts.ports).c_str(), opts.proc_id,
        primary ? "primary" : "secondary");
    forward_until_stopped(opts.ports, opts.proc_id, counters);
    if (!primary)
        retire_port_user();

    say("proc %u: stopped by signal %d", opts.proc_id, stop_signal());
    print_port_stats(opts.ports, counters);

    if (primary) {
        // Closing releases the queues in shared memory; never do that under a running secondary.
        const PortUsers users = wait_for_port_users_to_leave(std::chrono::seconds(2));
        if (users.known && users.count == 0)
            close_ports(opts.ports);
        else if (users.known)
            say("proc %u: %u secondary process(es) still forwarding: ports left running", opts.proc_id, users.count);
        else
            say("proc %u: cannot tell whether secondaries still forward (%s): ports left running", opts.proc_id,
                users.error.c_str());
    }
    rte_eal_cleanup();
    return 0;
}

}  // namespace
}  // namespace symmp

int main(int argc, char** argv) {
    using namespace symmp;
    // Line-buffered even on a pipe; say() also flushes, this covers EAL/PMD lines on stdout.
    std::setvbuf(stdout, nullptr, _IOLBF, 0);

    const auto app_args = application_args(argc, argv);
    if (!app_args) {
        print_error("missing application options: expected '<EAL args> -- -p <hex portmask> --num-procs <N> "
                    "--proc-id <n>'");
        return kExitUsage;
    }
    const ParseOutcome parsed = parse_options(*app_args);
    if (parsed.help) {
        std::fputs(usage_text(argv[0]).c_str(), stdout);
        return 0;
    }
    if (!parsed.options) {
        print_error(parsed.error);
        return kExitUsage;
    }

    bool eal_ready = false;
    try {
        install_stop_handlers();
        if (rte_eal_init(argc, argv) < 0)
            throw Failure(kExitRuntime, std::string("EAL initialisation failed: ") + rte_strerror(rte_errno));
        eal_ready = true;
        return run(*parsed.options);
    } catch (const Failure& failure) {
        print_error(failure.what());
        if (eal_ready)
            rte_eal_cleanup();
        return failure.exit_code;
    }
}
