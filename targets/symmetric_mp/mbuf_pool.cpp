#include "mbuf_pool.hpp"

#include <limits>

#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "console.hpp"

namespace symmp {
namespace {
constexpr std::uint32_t kBurstInFlight = 32;  // matches the forwarder's burst size
constexpr std::uint32_t kReserve = 512;       // PMD refill slack, freeing in progress
}  // namespace

std::uint32_t pool_size_for(std::uint64_t ring_descriptors, std::uint16_t num_procs) {
    const std::uint64_t n = ring_descriptors + std::uint64_t{num_procs} * kBurstInFlight + kReserve;
    if (n > std::numeric_limits<std::uint32_t>::max())
        throw Failure(kExitRuntime, "mbuf pool would be too large");
    return static_cast<std::uint32_t>(n);
}

rte_mempool* create_mbuf_pool(std::uint32_t count) {
    // Per-lcore mempool caches live in the shared pool and are indexed by lcore id. Processes of
    // one symmetric_mp set are routinely started with the same -l (e.g. all on lcore 1 on a
    // small machine), and two processes using one cache slot concurrently corrupt the pool.
    // Cache size 0 makes every get/put go through the pool's multi-process-safe ring instead.
    // That ring is the "relaxed tail sync" kind: with the default MP/MC ring, a process preempted
    // between its head and tail update makes every other process spin until it runs again, and
    // when processes share CPUs forwarding collapses by orders of magnitude (seen with 4 processes
    // on 2 cores). RTS rings let the others finish their own operations meanwhile.
    constexpr unsigned kCacheSize = 0;
    rte_mempool* pool = rte_pktmbuf_pool_create_by_ops(kMbufPoolName, count, kCacheSize, 0, RTE_MBUF_DEFAULT_BUF_SIZE,
                                                       static_cast<int>(rte_socket_id()), "ring_mt_rts");
    if (pool == nullptr)
        throw Failure(kExitRuntime, strprintf("cannot create mbuf pool '%s' of %u mbufs: %s", kMbufPoolName, count,
                                              rte_strerror(rte_errno)));
    return pool;
}

rte_mempool* lookup_mbuf_pool() {
    rte_mempool* pool = rte_mempool_lookup(kMbufPoolName);
    if (pool == nullptr)
        throw Failure(kExitRuntime, strprintf("mbuf pool '%s' not found: is a symmetric_mp primary running with "
                                              "the same --file-prefix?",
                                              kMbufPoolName));
    return pool;
}

}  // namespace symmp
