#include "port_setup.hpp"

#include <cerrno>
#include <cinttypes>
#include <cstring>

#include <rte_ethdev.h>

#include "console.hpp"

namespace symmp {
namespace {

// Requested ring sizes; the device may round them (rte_eth_dev_adjust_nb_rx_tx_desc).
constexpr std::uint16_t kRxRingSize = 1024;
constexpr std::uint16_t kTxRingSize = 1024;

// Hash on IP addresses and L4 ports so flows spread over the processes' queues.
constexpr std::uint64_t kWantedRssHf = RTE_ETH_RSS_IP | RTE_ETH_RSS_UDP | RTE_ETH_RSS_TCP;

rte_eth_dev_info device_info(std::uint16_t port) {
    rte_eth_dev_info info{};
    if (const int rc = rte_eth_dev_info_get(port, &info); rc != 0)
        throw Failure(kExitRuntime, strprintf("port %u: cannot get device info: %s", port, rte_strerror(-rc)));
    return info;
}

std::string available_ports() {
    std::string list;
    std::uint16_t p;
    RTE_ETH_FOREACH_DEV(p) {
        if (!list.empty())
            list += ' ';
        list += std::to_string(p);
    }
    return list.empty() ? "none" : list;
}

bool is_available(std::uint16_t port) {
    std::uint16_t p;
    RTE_ETH_FOREACH_DEV(p) {
        if (p == port)
            return true;
    }
    return false;
}

rte_eth_conf port_conf(std::uint64_t rss_hf, std::uint64_t rx_offloads) {
    rte_eth_conf conf{};
    conf.rxmode.mq_mode = rss_hf != 0 ? RTE_ETH_MQ_RX_RSS : RTE_ETH_MQ_RX_NONE;
    conf.rxmode.offloads = rx_offloads;
    conf.rx_adv_conf.rss_conf.rss_key = nullptr;  // the device's default key
    conf.rx_adv_conf.rss_conf.rss_hf = rss_hf;
    conf.txmode.mq_mode = RTE_ETH_MQ_TX_NONE;
    return conf;
}

void settle_rings(std::uint16_t port, PortPlan& plan) {
    plan.rx_descriptors = kRxRingSize;
    plan.tx_descriptors = kTxRingSize;
    if (const int adj = rte_eth_dev_adjust_nb_rx_tx_desc(port, &plan.rx_descriptors, &plan.tx_descriptors); adj != 0)
        throw Failure(kExitRuntime, strprintf("port %u: cannot settle ring sizes: %s", port, rte_strerror(-adj)));
}

}  // namespace

void require_ports_exist(const Options& opts) {
    // A secondary sees exactly the primary's ports; none at all means there is no live primary.
    if (rte_eal_process_type() != RTE_PROC_PRIMARY && rte_eth_dev_count_avail() == 0)
        throw Failure(kExitRuntime, "no ports visible: is a symmetric_mp primary running with the same --file-prefix?");
    for (const std::uint16_t port : opts.ports) {
        if (port >= RTE_MAX_ETHPORTS || !is_available(port))
            throw Failure(kExitUsage, strprintf("port mask 0x%" PRIx64 " selects port %u, which does not exist "
                                                "(available ports: %s)",
                                                opts.port_mask, port, available_ports().c_str()));
    }
}

namespace {

// DPDK's unmodified example's request and its retries (examples/multi_process/symmetric_mp,
// smp_port_init): RSS on IP masked by the capabilities with mq_mode RSS whatever is left, and the
// full RX checksum offload; after EINVAL again without the checksum offload, after ENOTSUP again
// without RSS. Returns the result of the last rte_eth_dev_configure.
int configure_as_dpdk_example(std::uint16_t port, std::uint16_t queues, const rte_eth_dev_info& info, PortPlan& plan) {
    rte_eth_conf conf{};
    conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
    conf.rxmode.offloads = RTE_ETH_RX_OFFLOAD_CHECKSUM;
    conf.rx_adv_conf.rss_conf.rss_key = nullptr;
    conf.rx_adv_conf.rss_conf.rss_hf = RTE_ETH_RSS_IP & info.flow_type_rss_offloads;
    conf.txmode.mq_mode = RTE_ETH_MQ_TX_NONE;
    plan.request = strprintf("requested as DPDK's example does: RSS (0x%" PRIx64 " of 0x%" PRIx64
                             " hashable), RX checksum offload 0x%" PRIx64 ": ",
                             conf.rx_adv_conf.rss_conf.rss_hf, static_cast<std::uint64_t>(RTE_ETH_RSS_IP),
                             static_cast<std::uint64_t>(RTE_ETH_RX_OFFLOAD_CHECKSUM));
    int rc = rte_eth_dev_configure(port, queues, queues, &conf);
    if (rc == -EINVAL) {
        plan.request += strprintf("%s, retried without the RX checksum offload: ", rte_strerror(-rc));
        plan.csum_off_reason = strprintf("device rejected it (%s)", rte_strerror(-rc));
        conf.rxmode.offloads &= ~static_cast<std::uint64_t>(RTE_ETH_RX_OFFLOAD_CHECKSUM);
        rc = rte_eth_dev_configure(port, queues, queues, &conf);
    }
    if (rc == -ENOTSUP) {
        plan.request += strprintf("%s, retried without RSS: ", rte_strerror(-rc));
        plan.rss_off_reason = strprintf("device rejected it (%s)", rte_strerror(-rc));
        conf.rxmode.mq_mode = RTE_ETH_MQ_RX_NONE;
        rc = rte_eth_dev_configure(port, queues, queues, &conf);
    }
    plan.request += rc == 0 ? "accepted" : rte_strerror(-rc);
    plan.rx_offloads = conf.rxmode.offloads;
    plan.rss_hf = conf.rxmode.mq_mode == RTE_ETH_MQ_RX_RSS ? conf.rx_adv_conf.rss_conf.rss_hf : 0;
    if (plan.rss_hf == 0 && plan.rss_off_reason.empty())
        plan.rss_off_reason = conf.rxmode.mq_mode == RTE_ETH_MQ_RX_RSS ? "no hash type left (mq_mode RSS)" : "off";
    return rc;
}

}  // namespace

std::vector<PortPlan> configure_ports(std::span<const std::uint16_t> ports, std::uint16_t queues,
                                      OffloadRequest request) {
    std::vector<PortPlan> plans;
    for (const std::uint16_t port : ports) {
        const rte_eth_dev_info info = device_info(port);
        if (info.max_rx_queues < queues || info.max_tx_queues < queues)
            throw Failure(kExitUsage, strprintf("port %u supports at most %u RX and %u TX queues; --num-procs %u "
                                                "needs one of each per process",
                                                port, info.max_rx_queues, info.max_tx_queues, queues));

        PortPlan plan;
        plan.port = port;
        plan.queues = queues;

        if (request == OffloadRequest::DpdkExample) {
            if (const int rc = configure_as_dpdk_example(port, queues, info, plan); rc != 0)
                throw Failure(kExitRuntime, strprintf("port %u: cannot configure %u RX/TX queues (%s)", port, queues,
                                                      plan.request.c_str()));
            settle_rings(port, plan);
            plans.push_back(std::move(plan));
            continue;
        }

        // Decide from the advertised capabilities first: asking only for what the device claims
        // avoids the EINVAL from rte_eth_dev_configure that an unconditional request would get.
        std::uint64_t rss_hf = kWantedRssHf & info.flow_type_rss_offloads;
        if (queues == 1) {
            rss_hf = 0;
            plan.rss_off_reason = "single queue";
        } else if (rss_hf == 0) {
            plan.rss_off_reason = "not supported";
        }
        const std::uint64_t csum = info.rx_offload_capa & RTE_ETH_RX_OFFLOAD_CHECKSUM;

        // Safety net for devices that advertise more than they accept: drop RSS, then the
        // checksum offload, and say so. Without RSS all traffic may land on queue 0.
        struct Attempt {
            std::uint64_t rss_hf;
            std::uint64_t csum;
        };
        std::vector<Attempt> attempts{{rss_hf, csum}};
        if (rss_hf != 0)
            attempts.push_back({0, csum});
        if (csum != 0)
            attempts.push_back({0, 0});
        int rc = -EINVAL;
        std::string first_error;
        for (const Attempt& a : attempts) {
            rte_eth_conf conf = port_conf(a.rss_hf, a.csum);
            rc = rte_eth_dev_configure(port, queues, queues, &conf);
            if (rc == 0) {
                plan.rss_hf = a.rss_hf;
                plan.rx_offloads = a.csum;
                break;
            }
            if (first_error.empty())
                first_error = rte_strerror(-rc);
        }
        if (rc == 0 && plan.rss_hf != rss_hf)
            plan.rss_off_reason = "device rejected it (" + first_error + ")";
        if (csum == 0)
            plan.csum_off_reason = "not supported";
        else if (rc == 0 && plan.rx_offloads == 0)
            plan.csum_off_reason = "device rejected it (" + first_error + ")";
        if (rc != 0)
            throw Failure(kExitRuntime,
                          strprintf("port %u: cannot configure %u RX/TX queues: %s", port, queues, rte_strerror(-rc)));

        settle_rings(port, plan);
        plans.push_back(std::move(plan));
    }
    return plans;
}

std::uint64_t total_descriptors(std::span<const PortPlan> plans) {
    std::uint64_t total = 0;
    for (const PortPlan& p : plans)
        total += std::uint64_t{p.queues} * (p.rx_descriptors + p.tx_descriptors);
    return total;
}

void start_ports(std::span<const PortPlan> plans, rte_mempool* pool) {
    for (const PortPlan& plan : plans) {
        const std::uint16_t port = plan.port;
        const rte_eth_dev_info info = device_info(port);
        // SOCKET_ID_ANY for virtual devices; rte_eth_dev_socket_id reports that as -1.
        const unsigned socket = static_cast<unsigned>(rte_eth_dev_socket_id(port));

        rte_eth_rxconf rxconf = info.default_rxconf;
        rxconf.offloads = plan.rx_offloads;
        for (std::uint16_t q = 0; q < plan.queues; ++q)
            if (const int rc = rte_eth_rx_queue_setup(port, q, plan.rx_descriptors, socket, &rxconf, pool); rc != 0)
                throw Failure(kExitRuntime,
                              strprintf("port %u: cannot set up RX queue %u: %s", port, q, rte_strerror(-rc)));

        rte_eth_txconf txconf = info.default_txconf;
        txconf.offloads = 0;
        for (std::uint16_t q = 0; q < plan.queues; ++q)
            if (const int rc = rte_eth_tx_queue_setup(port, q, plan.tx_descriptors, socket, &txconf); rc != 0)
                throw Failure(kExitRuntime,
                              strprintf("port %u: cannot set up TX queue %u: %s", port, q, rte_strerror(-rc)));

        if (const int rc = rte_eth_dev_start(port); rc != 0)
            throw Failure(kExitRuntime, strprintf("port %u: cannot start: %s", port, rte_strerror(-rc)));

        // Forwarding works without promiscuous mode for traffic addressed to us, so a device
        // that cannot do it (virtio without a control queue) is reported, not fatal.
        const int promisc_rc = rte_eth_promiscuous_enable(port);
        const std::string promisc =
            promisc_rc == 0 ? "promiscuous on" : "promiscuous off: " + std::string(rte_strerror(-promisc_rc));

        const std::string rss = plan.rss_hf != 0 ? strprintf("RSS on (0x%" PRIx64 ")", plan.rss_hf)
                                                 : "RSS off: " + plan.rss_off_reason;
        const std::string csum = plan.rx_offloads != 0
                                     ? strprintf("RX checksum offload on (0x%" PRIx64 ")", plan.rx_offloads)
                                     : "RX checksum offload off: " + plan.csum_off_reason;
        if (!plan.request.empty())
            say("Port %u: %s", port, plan.request.c_str());
        say("Port %u: %u %s, %s, %s, %u/%u RX/TX descriptors, %s", port, plan.queues,
            plan.queues == 1 ? "queue" : "queues", rss.c_str(), csum.c_str(), plan.rx_descriptors,
            plan.tx_descriptors, promisc.c_str());
    }
}

void close_ports(std::span<const std::uint16_t> ports) {
    for (const std::uint16_t port : ports) {
        if (const int rc = rte_eth_dev_stop(port); rc != 0)
            print_error(strprintf("port %u: stop failed: %s", port, rte_strerror(-rc)));
        if (const int rc = rte_eth_dev_close(port); rc != 0)
            print_error(strprintf("port %u: close failed: %s", port, rte_strerror(-rc)));
    }
}

void require_primary_layout(std::span<const std::uint16_t> ports, std::uint16_t num_procs) {
    for (const std::uint16_t port : ports) {
        const rte_eth_dev_info info = device_info(port);
        if (info.nb_rx_queues == 0 || info.nb_tx_queues == 0)
            throw Failure(kExitRuntime, strprintf("port %u has no queues: the primary has not configured it "
                                                  "(start the primary first and wait for its start-up line)",
                                                  port));
        if (info.nb_rx_queues != num_procs || info.nb_tx_queues != num_procs)
            throw Failure(kExitUsage, strprintf("port %u has %u RX/%u TX queues from the primary, but --num-procs is "
                                                "%u: give every process the primary's --num-procs",
                                                port, info.nb_rx_queues, info.nb_tx_queues, num_procs));
    }
}

}  // namespace symmp
