// What every measuring subcommand does first: its topology (an invalid one is a set-up error, exit 2)
// and its results directory.
#pragma once

#include <filesystem>
#include <optional>

#include "topology/topology.hpp"

namespace mpdts::bench {

// The loaded topology with `out_dir` created; nullopt after saying on stderr why the topology is invalid.
std::optional<Topology> start_measuring(const std::filesystem::path& topology, const std::filesystem::path& out_dir);

}  // namespace mpdts::bench
