// A devargs string ("net_null0", "net_ring0,nodeaction=...", "0000:88:00.0", "bus=vdev,name=x")
// parsed by EAL, owning what the parse allocated.
#pragma once

#include <string>

#include <rte_devargs.h>

namespace hotplug_mp {

class ParsedDevargs {
public:
    // Parses with rte_devargs_parsef(), as DPDK's example does, so that the same strings are
    // accepted and split into the same bus/name/args.
    explicit ParsedDevargs(const std::string& text);
    ~ParsedDevargs();
    // Not copyable or movable: EAL's args pointers point into memory this object frees.
    ParsedDevargs(const ParsedDevargs&) = delete;
    ParsedDevargs& operator=(const ParsedDevargs&) = delete;

    // False when EAL rejected the text, or accepted it without naming both a bus and a device
    // (e.g. "class=eth" or "bus=vdev"): neither can be hot-plugged, and rte_bus_name(NULL) would
    // crash. DPDK's example has that crash; we report it as unparsable instead.
    explicit operator bool() const { return parsed_; }

    const char* bus_name() const;
    const char* name() const { return devargs_.name; }
    // Never null: with the "bus=...,name=..." syntax EAL leaves the driver args unset, and
    // rte_eal_hotplug_add() would otherwise format the null pointer into the devargs it builds.
    const char* args() const;

private:
    rte_devargs devargs_{};
    bool parsed_ = false;
};

}  // namespace hotplug_mp
