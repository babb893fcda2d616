#include "core/host_mounts.hpp"

#include <fstream>

namespace mpdts {

std::vector<MountEntry> read_mounts() {
  std::vector<MountEntry> out;
  std::ifstream in("/proc/mounts");
  std::string dev, at, type, rest;
  while (in >> dev >> at >> type && std::getline(in, rest)) out.push_back({type, at});
  return out;
}

bool hugetlbfs_mounted(const std::string& dir, bool prefix) {
  for (const auto& m : read_mounts())
    if (m.type == "hugetlbfs" && (prefix ? m.at.rfind(dir, 0) == 0 : m.at == dir)) return true;
  return false;
}

}  // namespace mpdts
