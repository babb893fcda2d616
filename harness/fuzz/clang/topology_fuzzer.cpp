// libFuzzer target: any bytes, as a topology file. The loader must answer with a Topology or a
// ConfigError; anything else (another exception, a crash, a sanitizer report, a hang) is a finding.
// PCI devices are checked against this node read-only, as for a real load.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "topology/topology.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto t = mpdts::parse_topology(text, "/fuzz/topology.yaml");
    if (t.name.empty()) __builtin_trap();  // a Topology without a name must have been refused
  } catch (const mpdts::ConfigError&) {
    // the one acceptable failure
  }
  return 0;
}
