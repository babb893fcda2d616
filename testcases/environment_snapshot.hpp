// The environment snapshot of a run (environment.json of the results directory): what the results
// depend on besides the cases — DPDK version, kernel, CPU, hugepages, the topology as read.
#pragma once

#include <nlohmann/json.hpp>

#include "topology/topology.hpp"

namespace mpdts::suite {

nlohmann::json environment_snapshot(const Topology& topology);

}  // namespace mpdts::suite
