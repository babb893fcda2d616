#include "machine_note.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>

#include <fmt/format.h>

namespace mpdts::bench {

double load_average_1min() {
  double loads[1] = {0};
  return ::getloadavg(loads, 1) == 1 ? loads[0] : -1.0;
}

MachineNote machine_note_now(const std::string& dpdk_version) {
  MachineNote m;
  utsname u{};
  ::uname(&u);
  m.kernel = fmt::format("{} {} {}", u.sysname, u.release, u.machine);
  m.cpus = static_cast<unsigned>(::sysconf(_SC_NPROCESSORS_ONLN));
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);)
    if (line.rfind("model name", 0) == 0) {
      m.cpu_model = line.substr(line.find(':') + 2);
      break;
    }
  m.dpdk_version = dpdk_version;
  m.load1_before = load_average_1min();
  const std::time_t now = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  m.started_utc = buf;
  return m;
}

std::string describe(const MachineNote& m) {
  return fmt::format("{} CPUs ({}), {}, DPDK {}, load {:.1f} -> {:.1f}, {}", m.cpus, m.cpu_model, m.kernel,
                     m.dpdk_version, m.load1_before, m.load1_after, m.started_utc);
}

}  // namespace mpdts::bench
