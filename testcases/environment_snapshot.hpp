// The environment snapshot of a run (environment.json of the results directory): what the results
// depend on besides the cases — DPDK version, kernel, CPU, hugepages, the topology as read.
#pragma once

#include <nlohmann/json.hpp>

#include "dpdk/dpdk_under_test.hpp"
#include "topology/topology.hpp"

namespace mpdts::suite {

// `dpdk`: the DPDK under test as prepared for this run (its spec, build key and options).
nlohmann::json environment_snapshot(const Topology& topology, const PreparedDpdk& dpdk);

}  // namespace mpdts::suite
