#include "peers.hpp"

#include <atomic>
#include <cstdlib>
#include <cstdio>
#include <ctime>
#include <thread>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_memzone.h>

#include "console.hpp"

namespace symmp {
namespace {

constexpr const char* kAction = "mpdts_symmp_port_user";
constexpr const char* kReadyZone = "mpdts_symmp_ready";
constexpr long kReplyTimeoutNs = 200'000'000;  // per request; busy-polling peers share few cores

std::atomic<bool> g_using_ports{false};

// Runs on the EAL IPC thread of a secondary.
int answer_port_user(const rte_mp_msg* /*request*/, const void* peer) {
    rte_mp_msg reply{};
    std::snprintf(reply.name, sizeof reply.name, "%s", kAction);
    reply.len_param = 1;
    reply.param[0] = g_using_ports.load() ? 1 : 0;
    return rte_mp_reply(&reply, static_cast<const char*>(peer));
}

}  // namespace

void publish_ports_ready() {
    if (rte_memzone_reserve(kReadyZone, RTE_CACHE_LINE_SIZE, SOCKET_ID_ANY, 0) == nullptr)
        throw Failure(kExitRuntime, strprintf("cannot create memzone '%s': %s", kReadyZone, rte_strerror(rte_errno)));
}

void require_ports_ready() {
    if (rte_memzone_lookup(kReadyZone) == nullptr)
        throw Failure(kExitRuntime, "the primary has not finished setting up its ports: start secondaries after the "
                                    "primary's 'forwarding on ports' line");
}

void announce_port_user() {
    g_using_ports.store(true);
    if (rte_mp_action_register(kAction, answer_port_user) != 0)
        throw Failure(kExitRuntime, strprintf("cannot register IPC action '%s': %s", kAction, rte_strerror(rte_errno)));
}

void retire_port_user() { g_using_ports.store(false); }

namespace {

PortUsers ask_port_users() {
    rte_mp_msg request{};
    std::snprintf(request.name, sizeof request.name, "%s", kAction);
    struct rte_mp_reply replies {};
    const timespec timeout{0, kReplyTimeoutNs};
    PortUsers result;
    if (rte_mp_request_sync(&request, &replies, &timeout) != 0) {
        result.error = rte_strerror(rte_errno);
    } else {
        result.known = true;
        // Peers that are not symmetric_mp (or have no handler yet) simply do not reply.
        for (int i = 0; i < replies.nb_received; ++i)
            if (replies.msgs[i].len_param >= 1 && replies.msgs[i].param[0] == 1)
                ++result.count;
    }
    std::free(replies.msgs);
    return result;
}

}  // namespace

PortUsers wait_for_port_users_to_leave(std::chrono::milliseconds patience) {
    const auto deadline = std::chrono::steady_clock::now() + patience;
    for (;;) {
        PortUsers users = ask_port_users();
        if ((users.known && users.count == 0) || std::chrono::steady_clock::now() >= deadline)
            return users;
        // EAL IPC has no event for "a peer left": poll its answer, bounded by the deadline above.
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

}  // namespace symmp
