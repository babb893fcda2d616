// The mounts of this host as /proc/mounts lists them, for checks of what a run left behind.
#pragma once

#include <string>
#include <vector>

namespace mpdts {

struct MountEntry {
  std::string type;  // "hugetlbfs", "tmpfs", ...
  std::string at;    // the mount point
};

std::vector<MountEntry> read_mounts();
// True when a hugetlbfs is mounted exactly at `dir`, or (prefix=true) anywhere below or at it.
bool hugetlbfs_mounted(const std::string& dir, bool prefix = false);

}  // namespace mpdts
