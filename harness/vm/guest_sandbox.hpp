// EAL isolation for one case in the guest, like EalSandbox on the host: a file prefix of its own and
// a hugetlbfs mount of its own (the guest's reserved 2 MB pages), both removed after the case —
// checked through the guest shell, since they live in the guest.
#pragma once

#include <string>
#include <vector>

#include "core/deadline.hpp"

namespace mpdts {

class GuestShell;
class Transcript;

class GuestSandbox {
 public:
  // Mounts the private hugetlbfs in the guest. `tag` keeps names readable ("hp", "sym").
  GuestSandbox(GuestShell& shell, std::string_view tag, Transcript& transcript, Seconds timeout = Seconds(30));
  ~GuestSandbox();  // remove(), errors noted
  GuestSandbox(const GuestSandbox&) = delete;
  GuestSandbox& operator=(const GuestSandbox&) = delete;

  const std::string& prefix() const { return prefix_; }
  const std::string& dir() const { return dir_; }            // /run/mpdts/cases/<prefix>
  const std::string& huge_dir() const { return huge_dir_; }  // dir/hugepages, a hugetlbfs mount

  // File prefix, huge-dir and an allow-list of exactly `pci_allow` (--no-pci when empty).
  std::vector<std::string> args(const std::vector<std::string>& pci_allow) const;

  // Unmounts and removes everything of this prefix in the guest (page files, the mount, the DPDK
  // runtime dir /var/run/dpdk/<prefix>) and checks that nothing is left; returns what is, or
  // nothing. Call after the sandbox's processes have ended. Idempotent.
  std::vector<std::string> remove();

 private:
  GuestShell& shell_;
  std::string prefix_;
  std::string dir_;
  std::string huge_dir_;
  Transcript& transcript_;
  Seconds timeout_;
  bool removed_ = false;
};

}  // namespace mpdts
