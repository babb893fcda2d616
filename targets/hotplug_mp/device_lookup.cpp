#include "device_lookup.hpp"

#include <array>
#include <string>

#include <rte_bus.h>
#include <rte_dev.h>
#include <rte_ethdev.h>
#include <rte_pci.h>

namespace hotplug_mp {

namespace {

// Device names are plain strings on every bus but PCI, where EAL accepts an address with or
// without its domain while the device itself is always named in the full form.
bool same_device_name(std::string_view bus_name, std::string_view a, std::string_view b)
{
    if (bus_name == "pci") {
        rte_pci_addr addr_a{};
        rte_pci_addr addr_b{};
        const std::string sa(a);
        const std::string sb(b);
        if (rte_pci_addr_parse(sa.c_str(), &addr_a) == 0 &&
            rte_pci_addr_parse(sb.c_str(), &addr_b) == 0)
            return rte_pci_addr_cmp(&addr_a, &addr_b) == 0;
    }
    return a == b;
}

bool port_name_matches(std::uint16_t port, std::string_view bus_name, std::string_view device_name)
{
    std::array<char, RTE_ETH_NAME_MAX_LEN> port_name{};
    return rte_eth_dev_get_name_by_port(port, port_name.data()) == 0 &&
           same_device_name(bus_name, port_name.data(), device_name);
}

bool port_device_matches(std::uint16_t port, std::string_view bus_name,
                         std::string_view device_name)
{
    // rte_eth_dev_info_get() is the stable public way from a port to its rte_device. It asks the
    // driver for the rest of the info; if the driver refuses, the port-name test still applies.
    rte_eth_dev_info info{};
    if (rte_eth_dev_info_get(port, &info) != 0 || info.device == nullptr)
        return false;
    const rte_bus* bus = rte_dev_bus(info.device);
    const char* name = rte_dev_name(info.device);
    return bus != nullptr && name != nullptr && bus_name == rte_bus_name(bus) &&
           same_device_name(bus_name, name, device_name);
}

}  // namespace

std::optional<std::uint16_t> find_port_of_device(std::string_view bus_name,
                                                 std::string_view device_name)
{
    // Every port in use, not only RTE_ETH_FOREACH_DEV's ownerless ones: a port taken by an owner
    // (e.g. a failsafe or bonding sub-device) still means its device is attached.
    for (std::uint16_t port = rte_eth_find_next(0); port < RTE_MAX_ETHPORTS;
         port = rte_eth_find_next(port + 1)) {
        if (port_name_matches(port, bus_name, device_name) ||
            port_device_matches(port, bus_name, device_name))
            return port;
    }
    return std::nullopt;
}

}  // namespace hotplug_mp
