#include "bench_start.hpp"

#include <iostream>

#include "core/error.hpp"

namespace mpdts::bench {

std::optional<Topology> start_measuring(const std::filesystem::path& topology, const std::filesystem::path& out_dir) {
  std::optional<Topology> t;
  try {
    t = load_topology(topology);
  } catch (const ConfigError& e) {
    std::cerr << "mpdts-bench: invalid topology: " << e.what() << "\n";
    return std::nullopt;
  }
  std::filesystem::create_directories(out_dir);
  return t;
}

}  // namespace mpdts::bench
