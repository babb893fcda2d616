// Who else is still using the ports?
//
// Ports and their queues live in shared memory. If the primary stopped and closed them while a
// secondary still polls its queue, the secondary would read released queue memory. So each
// secondary answers a small EAL IPC request saying whether it still uses the ports, and the
// primary only closes the ports when no secondary does.
#pragma once

#include <chrono>
#include <string>

namespace symmp {

// Primary: mark the ports as fully set up and started (a named memzone), so that a secondary
// never polls a queue that is configured but not yet set up.
void publish_ports_ready();

// Secondary: throws Failure unless the primary has published that its ports are ready.
void require_ports_ready();

// Secondary: start answering (as "using the ports"). Call before touching any port.
void announce_port_user();

// Secondary: from now on answer "not using the ports" (the forwarding loop has ended).
void retire_port_user();

// Primary: asks the secondaries repeatedly until none uses the ports or `patience` has passed.
// Secondaries stopped together with the primary need a moment to leave their loops, and one
// that is exiting may not answer at all (which fails the whole EAL request), hence the retries.
struct PortUsers {
    bool known = false;  // false: the last request failed, `error` says why
    unsigned count = 0;  // secondaries still using the ports, when known
    std::string error;
};
PortUsers wait_for_port_users_to_leave(std::chrono::milliseconds patience);

}  // namespace symmp
