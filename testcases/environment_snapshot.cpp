#include "environment_snapshot.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <string>

#include "mpdts/report/record_keys.hpp"
#include "mpdts/report/timestamps.hpp"

namespace mpdts::suite {
namespace {

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// "key : value" lines (/proc/cpuinfo, /proc/meminfo): the first value of each key.
std::map<std::string, std::string> key_values(const char* path) {
  std::map<std::string, std::string> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    out.try_emplace(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
  }
  return out;
}

std::string value_or(const std::map<std::string, std::string>& m, const std::string& key, const std::string& fallback) {
  const auto it = m.find(key);
  return it == m.end() ? fallback : it->second;
}

}  // namespace

nlohmann::json environment_snapshot(const Topology& t) {
  utsname u{};
  uname(&u);
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  const auto cpu = key_values("/proc/cpuinfo");
  const auto mem = key_values("/proc/meminfo");
  namespace key = mpdts::report::environment_key;
  return {
      {std::string(key::kDpdkBuiltAgainst), std::string("DPDK ") + MPDTS_DPDK_VERSION},
      {std::string(key::kKernel), std::string(u.sysname) + " " + u.release + " " + u.version + " " + u.machine},
      {std::string(key::kHostname), host},
      {std::string(key::kStarted), mpdts::report::format_utc_timestamp(mpdts::report::now_ms_since_epoch())},
      {std::string(key::kCpu), value_or(cpu, "model name", "unknown") + " (" +
                                   std::to_string(sysconf(_SC_NPROCESSORS_ONLN)) + " online)"},
      {std::string(key::kHugepages), value_or(mem, "HugePages_Total", "?") + " total, " +
                                         value_or(mem, "HugePages_Free", "?") + " free, " +
                                         value_or(mem, "Hugepagesize", "?") + " each"},
      {"topology_name", t.name},
      {std::string(key::kTopologyFile), t.file.string()},
      {std::string(key::kTopologyText), t.text},
      {"hotplug_mp", t.hotplug_mp.path.string()},
      {"symmetric_mp", t.symmetric_mp.path.string()},
      {"testpmd", t.testpmd.path.string()},
  };
}

}  // namespace mpdts::suite
