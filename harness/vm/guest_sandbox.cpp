#include "vm/guest_sandbox.hpp"

#include "eal/dpdk_version.hpp"

#include <unistd.h>

#include <atomic>
#include <sstream>

#include <fmt/format.h>

#include "process/transcript.hpp"
#include "vm/guest_shell.hpp"

namespace mpdts {

GuestSandbox::GuestSandbox(GuestShell& shell, std::string_view tag, Transcript& transcript, Seconds timeout)
    : shell_(shell), transcript_(transcript), timeout_(timeout) {
  static std::atomic<int> counter{0};
  prefix_ = fmt::format("mpdtsvm{}-{}-{}", ::getpid(), ++counter, tag);
  dir_ = "/run/mpdts/cases/" + prefix_;
  huge_dir_ = dir_ + "/hugepages";
  shell_.run_checked(fmt::format("mkdir -p {0} && mount -t hugetlbfs -o pagesize=2M nodev {0}", huge_dir_),
                     Deadline::in(timeout_));
  transcript_.note("harness", fmt::format("guest EAL prefix {}, hugetlbfs mounted on {} in the guest", prefix_, huge_dir_));
}

GuestSandbox::~GuestSandbox() {
  try {
    for (const auto& left : remove()) transcript_.note("harness", "left in the guest: " + left);
  } catch (const std::exception& e) {
    transcript_.note("harness", fmt::format("removing guest EAL sandbox {}: {}", prefix_, e.what()));
  }
}

std::vector<std::string> GuestSandbox::args(const std::vector<std::string>& pci_allow) const {
  std::vector<std::string> a{"--file-prefix=" + prefix_, "--huge-dir=" + huge_dir_, kEalPrintVersion};
  if (pci_allow.empty()) a.push_back("--no-pci");
  for (const auto& bdf : pci_allow) a.insert(a.end(), {"-a", bdf});
  return a;
}

std::vector<std::string> GuestSandbox::remove() {
  if (removed_) return {};
  const std::string runtime = "/var/run/dpdk/" + prefix_;
  // Page files first (a mount with files in use would stay busy), then the mount, then the dirs;
  // then say what is still there, one line each.
  const std::string script = fmt::format(
      "rm -f {0}/* 2>/dev/null; if grep -q ' {0} ' /proc/mounts; then umount {0} || umount -l {0}; fi; "
      "rm -rf {1} {2}; "
      "grep -q ' {0} ' /proc/mounts && echo 'hugetlbfs still mounted on {0}'; "
      "for f in {1} {2}; do [ -e $f ] && echo \"$f\"; done; true",
      huge_dir_, dir_, runtime);
  const std::string out = shell_.run_checked(script, Deadline::in(timeout_));
  removed_ = true;
  std::vector<std::string> left;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) left.push_back("guest: " + line);
  transcript_.note("harness", fmt::format("guest EAL sandbox {} removed{}", prefix_, left.empty() ? "" : " (not all of it)"));
  return left;
}

}  // namespace mpdts
