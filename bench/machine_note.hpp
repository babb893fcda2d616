// What a published number needs next to it: the machine and how busy it was while measuring.
#pragma once

#include <string>

namespace mpdts::bench {

struct MachineNote {
  std::string kernel;      // uname: sysname release machine
  unsigned cpus = 0;       // online CPUs
  std::string cpu_model;   // /proc/cpuinfo "model name" of the first CPU
  std::string dpdk_version;
  double load1_before = 0, load1_after = 0;  // 1-minute load average at start and end
  std::string started_utc;
};

MachineNote machine_note_now(const std::string& dpdk_version);
double load_average_1min();
// One line for plots and terminals, e.g. "2 CPUs (Intel Xeon ...), Linux 6.1.0 x86_64, DPDK 22.11.11, load 2.1→3.0".
std::string describe(const MachineNote& m);

}  // namespace mpdts::bench
