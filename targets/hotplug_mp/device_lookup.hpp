// Is a device already attached in this process? Used so that attaching it twice fails and
// detaching an absent one never reaches EAL.
//
// Why we ask at all: in DPDK 22.11, rte_eal_hotplug_add() of an already-probed device swallows
// -EEXIST and returns 0, so DPDK's example reports a duplicate attach as a success. The test plan
// requires the duplicate to fail, so we check first and never call hotplug for it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace hotplug_mp {

// The first ethdev port that belongs to the device `device_name` on bus `bus_name`, if any.
//
// A port matches when its own name is `device_name`, or when its underlying rte_device has that
// bus and name (so a device exposing several ports, named differently from the device, is still
// found). On the "pci" bus, names are compared as addresses: "88:00.0" equals "0000:88:00.0".
//
// Only devices that have at least one ethdev port are seen: the stable public API offers no way to
// list a bus's devices (rte_dev_iterator_* is still experimental, the bus's find_device internal).
std::optional<std::uint16_t> find_port_of_device(std::string_view bus_name,
                                                 std::string_view device_name);

}  // namespace hotplug_mp
