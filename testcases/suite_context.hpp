// What every case of a run shares: the topology and where results go. Set once by main().
#pragma once

#include <filesystem>
#include <string>

#include "node/node.hpp"
#include "topology/topology.hpp"

namespace mpdts::suite {

void init(Topology topology, std::filesystem::path results_dir);
const Topology& topology();
const std::filesystem::path& results_dir();

// The topology's node of that name, connected on first use and kept for the whole run.
Node& node(const std::string& name);
// Ends every node's connection (before the run's last cleanup; their processes are gone by then).
void close_nodes();

// A short, unique, file-name-safe tag for the running case ("RepeatVirtual_FromPrimary" → "rv-fp").
std::string case_file_name();  // the running test's full name made safe for a file name

}  // namespace mpdts::suite
