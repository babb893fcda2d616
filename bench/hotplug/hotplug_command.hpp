// `mpdts-bench hotplug`: runs the scaling benchmark and writes its files into the results directory.
#pragma once

#include <filesystem>

#include "hotplug/hotplug_scaling.hpp"

namespace mpdts::bench {

struct HotplugCommand {
  std::filesystem::path topology;
  std::filesystem::path out_dir;
  HotplugScalingOptions options;
};

// Exit code: 0 measured (every repetition correct), 1 a repetition was wrong (nothing measured is
// published as a result, the partial samples are written for the evidence), 2 set-up error.
int run_hotplug_command(const HotplugCommand& command);

}  // namespace mpdts::bench
