// The packet-buffer pool shared by all symmetric_mp processes of one --file-prefix.
//
// The primary creates it; secondaries find it by name in the shared memory.
#pragma once

#include <cstdint>

struct rte_mempool;

namespace symmp {

inline constexpr const char* kMbufPoolName = "mpdts_symmp_mbufs";

// Mbufs needed when every RX and TX descriptor of every configured queue holds one
// (`ring_descriptors`, summed over ports and queues) and each of `num_procs` processes holds one
// burst in flight between rx_burst and tx_burst; plus a small reserve.
std::uint32_t pool_size_for(std::uint64_t ring_descriptors, std::uint16_t num_procs);

// Primary: creates the pool with `count` mbufs. Throws Failure on error.
rte_mempool* create_mbuf_pool(std::uint32_t count);

// Secondary: looks the pool up. Throws Failure if the primary has not created it.
rte_mempool* lookup_mbuf_pool();

}  // namespace symmp
