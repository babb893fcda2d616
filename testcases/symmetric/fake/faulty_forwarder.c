/* A small symmetric forwarder of its own, with one fault chosen by MPDTS_FORWARDER_FAULT (or, when
 * that is unset, by its own name: forwards_nothing_symmetric_mp is "forwards-nothing"; that is how
 * a copy runs in the QEMU guest, where no environment is passed), to show
 * that the symmetric cases catch forwarders whose printed counts look right. It speaks the plan's
 * contract (EAL args -- -p <hex mask> --num-procs <N> --proc-id <n>; one
 * "Port <p>: RX - a, TX - b, Drop - c" line per port on SIGINT, exit 0) and forwards queue <proc-id>
 * of each port of a pair to the other port, except where its fault says otherwise:
 *
 *   none              forwards correctly (the control: the cases must pass it)
 *   forwards-nothing  reads and frees every packet, prints TX on the pair as if it had sent them
 *   one-way           forwards the first port of a pair to the second only; the other way it frees
 *                     the packets and prints them as sent
 *   wrong-port        sends what it reads on the first port of a pair back out of that port; prints
 *                     it as sent on the pair (the other way it forwards correctly)
 *   lies-about-counts forwards, but frees every fourth packet and prints it as sent
 *   drops-everything  reads and frees every packet, and says so (TX 0, all dropped): its counts are
 *                     true, it just forwards nothing
 *   stalls            forwards its first 20000 packets, then reads nothing more
 *   exit-code         forwards, prints its counts, and exits with code 3
 *   no-port-line      forwards, but prints no count line for the last port
 *   unbalanced        forwards, but prints one packet more received on the first port than it
 *                     accounts for on its pair
 *   overcount-rx      forwards, but adds 10^12 to what it received and dropped (balanced, and more
 *                     than was ever sent)
 *
 * It is not a special mode of the project's target: a separate program, ~200 lines, built only for
 * the suite's self-tests. */
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>

#define BURST 32
#define MAX_PORTS 8
#define POOL_NAME "mpdts_faulty_pool"

enum fault {
    NONE, FORWARDS_NOTHING, ONE_WAY, WRONG_PORT, LIES_ABOUT_COUNTS, DROPS_EVERYTHING, STALLS, EXIT_CODE,
    NO_PORT_LINE, UNBALANCED, OVERCOUNT_RX
};

static volatile sig_atomic_t stopping;
static void on_signal(int sig) { (void)sig; stopping = 1; }

struct counts { uint64_t rx, tx, drop; };

/* "forwards_nothing_symmetric_mp" -> "forwards-nothing"; "" for any other name. */
static const char *fault_from_name(const char *argv0, char *buf, size_t size) {
    const char *base = strrchr(argv0, '/') ? strrchr(argv0, '/') + 1 : argv0;
    const char *suffix = strstr(base, "_symmetric_mp");
    if (suffix == NULL || (size_t)(suffix - base) >= size) return "";
    size_t n = 0;
    for (const char *c = base; c < suffix; c++) buf[n++] = *c == '_' ? '-' : *c;
    buf[n] = '\0';
    return buf;
}

static const char *fault_name(const char *argv0) {
    static char buf[64];
    const char *f = getenv("MPDTS_FORWARDER_FAULT");
    return f != NULL ? f : fault_from_name(argv0, buf, sizeof buf);
}

static enum fault fault_of(const char *f) {
    if (f[0] == '\0' || strcmp(f, "none") == 0) return NONE;
    if (strcmp(f, "forwards-nothing") == 0) return FORWARDS_NOTHING;
    if (strcmp(f, "one-way") == 0) return ONE_WAY;
    if (strcmp(f, "wrong-port") == 0) return WRONG_PORT;
    if (strcmp(f, "lies-about-counts") == 0) return LIES_ABOUT_COUNTS;
    if (strcmp(f, "drops-everything") == 0) return DROPS_EVERYTHING;
    if (strcmp(f, "stalls") == 0) return STALLS;
    if (strcmp(f, "exit-code") == 0) return EXIT_CODE;
    if (strcmp(f, "no-port-line") == 0) return NO_PORT_LINE;
    if (strcmp(f, "unbalanced") == 0) return UNBALANCED;
    if (strcmp(f, "overcount-rx") == 0) return OVERCOUNT_RX;
    fprintf(stderr, "faulty_forwarder: unknown MPDTS_FORWARDER_FAULT '%s'\n", f);
    exit(2);
}

static int setup_port(uint16_t port, uint16_t queues, struct rte_mempool *pool) {
    struct rte_eth_conf conf;
    memset(&conf, 0, sizeof conf);
    if (rte_eth_dev_configure(port, queues, queues, &conf) != 0) return -1;
    for (uint16_t q = 0; q < queues; q++) {
        /* 0 descriptors: the device's default (virtio: its ring size). */
        if (rte_eth_rx_queue_setup(port, q, 0, rte_eth_dev_socket_id(port), NULL, pool) != 0) return -1;
        if (rte_eth_tx_queue_setup(port, q, 0, rte_eth_dev_socket_id(port), NULL) != 0) return -1;
    }
    rte_eth_promiscuous_enable(port);
    return rte_eth_dev_start(port);
}

/* Sends n packets out of `port`, frees what did not go; returns how many went. */
static uint16_t send_or_free(uint16_t port, uint16_t queue, struct rte_mbuf **pkts, uint16_t n) {
    const uint16_t sent = n ? rte_eth_tx_burst(port, queue, pkts, n) : 0;
    for (uint16_t i = sent; i < n; i++) rte_pktmbuf_free(pkts[i]);
    return sent;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *name = fault_name(argv[0]);
    const enum fault fault = fault_of(name);
    const int eal_args = rte_eal_init(argc, argv);
    if (eal_args < 0) { fprintf(stderr, "faulty_forwarder: EAL initialisation failed\n"); return 1; }
    argc -= eal_args;
    argv += eal_args;

    unsigned long mask = 0;
    unsigned num_procs = 1, proc_id = 0;
    static const struct option longopts[] = {
        {"num-procs", required_argument, NULL, 'n'}, {"proc-id", required_argument, NULL, 'i'}, {NULL, 0, NULL, 0}};
    opterr = 0; /* the harness may pass options meant for another implementation: ignore them */
    for (int c; (c = getopt_long(argc, argv, "p:", longopts, NULL)) != -1;) {
        if (c == 'p') mask = strtoul(optarg, NULL, 16);
        if (c == 'n') num_procs = (unsigned)strtoul(optarg, NULL, 10);
        if (c == 'i') proc_id = (unsigned)strtoul(optarg, NULL, 10);
    }
    uint16_t ports[MAX_PORTS];
    unsigned nports = 0;
    for (uint16_t p = 0; p < MAX_PORTS; p++)
        if (mask & (1UL << p)) ports[nports++] = p;
    if (nports == 0 || nports % 2 != 0 || proc_id >= num_procs) {
        fprintf(stderr, "faulty_forwarder: need -p <mask of an even number of ports> --num-procs N --proc-id n<N\n");
        return 2;
    }
    for (unsigned i = 0; i < nports; i++)
        if (!rte_eth_dev_is_valid_port(ports[i])) {
            fprintf(stderr, "faulty_forwarder: port %u does not exist\n", ports[i]);
            return 1;
        }

    if (rte_eal_process_type() == RTE_PROC_PRIMARY) {
        struct rte_mempool *pool =
            rte_pktmbuf_pool_create(POOL_NAME, 4096 * num_procs * nports, 256, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
                                    (int)rte_socket_id());
        if (pool == NULL) { fprintf(stderr, "faulty_forwarder: no mbuf pool\n"); return 1; }
        for (unsigned i = 0; i < nports; i++)
            if (setup_port(ports[i], (uint16_t)num_procs, pool) != 0) {
                fprintf(stderr, "faulty_forwarder: cannot set up port %u\n", ports[i]);
                return 1;
            }
    } else if (rte_mempool_lookup(POOL_NAME) == NULL) {
        fprintf(stderr, "faulty_forwarder: the primary's mbuf pool is not there\n");
        return 1;
    }

    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    printf("faulty_forwarder: proc %u forwarding (fault: %s)\n", proc_id, name[0] ? name : "none");

    struct counts counts[MAX_PORTS];
    memset(counts, 0, sizeof counts);
    const uint16_t q = (uint16_t)proc_id;
    uint64_t seen = 0, received = 0;
    while (!stopping) {
        if (fault == STALLS && received >= 20000) {
            /* Stalled: alive, reading nothing, waiting for the signal. */
            pause();
            continue;
        }
        for (unsigned i = 0; i < nports; i++) {
            const uint16_t in = ports[i], out = ports[i ^ 1];
            struct rte_mbuf *pkts[BURST];
            const uint16_t n = rte_eth_rx_burst(in, q, pkts, BURST);
            if (n == 0) continue;
            counts[in].rx += n;
            received += n;
            uint16_t sent = 0, claimed_extra = 0;
            switch (fault) {
            case NONE:
            case STALLS:
            case EXIT_CODE:
            case NO_PORT_LINE:
            case UNBALANCED:
            case OVERCOUNT_RX:
                sent = send_or_free(out, q, pkts, n);
                break;
            case DROPS_EVERYTHING:
                for (uint16_t k = 0; k < n; k++) rte_pktmbuf_free(pkts[k]);
                break;
            case FORWARDS_NOTHING:
                send_or_free(out, q, pkts, 0);
                for (uint16_t k = 0; k < n; k++) rte_pktmbuf_free(pkts[k]);
                claimed_extra = n;
                break;
            case ONE_WAY:
                if (i % 2 == 0) {
                    sent = send_or_free(out, q, pkts, n);
                } else {
                    for (uint16_t k = 0; k < n; k++) rte_pktmbuf_free(pkts[k]);
                    claimed_extra = n;
                }
                break;
            case WRONG_PORT:
                sent = send_or_free(i % 2 == 0 ? in : out, q, pkts, n);
                break;
            case LIES_ABOUT_COUNTS: {
                struct rte_mbuf *keep[BURST];
                uint16_t kept = 0;
                for (uint16_t k = 0; k < n; k++) {
                    if (++seen % 4 == 0) {
                        rte_pktmbuf_free(pkts[k]);
                        claimed_extra++;
                    } else {
                        keep[kept++] = pkts[k];
                    }
                }
                sent = send_or_free(out, q, keep, kept);
                counts[out].drop += (uint64_t)(kept - sent);
                counts[out].tx += sent + claimed_extra;
                continue;
            }
            }
            counts[out].tx += sent + claimed_extra;
            counts[out].drop += (uint64_t)(n - sent - claimed_extra);
        }
    }
    if (fault == UNBALANCED) counts[ports[0]].rx += 1;
    if (fault == OVERCOUNT_RX) {
        counts[ports[0]].rx += 1000000000000ULL;
        counts[ports[1]].drop += 1000000000000ULL;
    }
    for (unsigned i = 0; i < nports; i++) {
        if (fault == NO_PORT_LINE && i == nports - 1) break;
        printf("Port %u: RX - %" PRIu64 ", TX - %" PRIu64 ", Drop - %" PRIu64 "\n", ports[i], counts[ports[i]].rx,
               counts[ports[i]].tx, counts[ports[i]].drop);
    }
    rte_eal_cleanup();
    return fault == EXIT_CODE ? 3 : 0;
}
