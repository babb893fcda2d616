#include "eal/eal_sandbox.hpp"

#include <sys/mount.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "core/error.hpp"
#include "process/transcript.hpp"

namespace mpdts {
namespace fs = std::filesystem;

namespace {

const fs::path kScratchRoot = "/tmp/mpdts";
const fs::path kDpdkRuntimeRoot = "/var/run/dpdk";  // where EAL keeps a prefix's runtime files (as root)

std::string next_prefix(std::string_view tag) {
  static std::atomic<int> counter{0};
  return fmt::format("mpdts{}-{}{}", ::getpid(), ++counter, tag.empty() ? "" : "-" + std::string(tag));
}

}  // namespace

long free_hugepages() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  long value = 0;
  while (in >> key >> value) {
    if (key == "HugePages_Free:") return value;
    in.ignore(256, '\n');
  }
  return 0;
}

void require_free_hugepages(long needed) {
  const long free = free_hugepages();
  if (free < needed)
    throw HarnessError(fmt::format(
        "only {} free 2 MB hugepages, this case needs {}: run scripts/setup.sh (it reserves them) or "
        "echo <N> > /proc/sys/vm/nr_hugepages",
        free, needed));
}

EalSandbox::EalSandbox(std::string_view tag, bool hugepages, Transcript& transcript)
    : prefix_(next_prefix(tag)), hugepages_(hugepages), transcript_(transcript) {
  work_dir_ = kScratchRoot / prefix_;
  huge_dir_ = work_dir_ / "hugepages";
  // Journaled before any of it is made: the scratch dir, the runtime dir EAL will make, the mount.
  std::vector<JournalEffect> effects{JournalEffect::dir(work_dir_, "scratch"),
                                     JournalEffect::dir(kDpdkRuntimeRoot / prefix_, "eal_runtime")};
  if (hugepages_) effects.push_back(JournalEffect::mount(huge_dir_));
  cleanup_ = ScopedCleanup(fmt::format("remove EAL sandbox {}", prefix_), [this] { remove_all(); }, std::move(effects));
  fs::create_directories(hugepages_ ? huge_dir_ : work_dir_);
  if (hugepages_) {
    if (::mount("nodev", huge_dir_.c_str(), "hugetlbfs", 0, "pagesize=2M") != 0)
      throw HarnessError(fmt::format("cannot mount hugetlbfs on {}: {}", huge_dir_.string(), std::strerror(errno)));
    mounted_ = true;
    transcript_.note("harness", fmt::format("EAL prefix {}, hugetlbfs mounted on {}", prefix_, huge_dir_.string()));
  } else {
    transcript_.note("harness", fmt::format("EAL prefix {}, no hugepages", prefix_));
  }
}

EalSandbox::~EalSandbox() { cleanup_.reset(); }

std::vector<std::string> EalSandbox::args(const std::vector<std::string>& pci_allow) const {
  std::vector<std::string> a{"--file-prefix=" + prefix_};
  if (hugepages_)
    a.push_back("--huge-dir=" + huge_dir_.string());
  else
    // 64 MB: what is asked for is allocated and touched at start-up without hugepages (256 MB took
    // ~0.5 s more per start and ~0.15 s more per exit on this machine kind, see mpdts-bench).
    a.insert(a.end(), {"--no-huge", "-m", "64"});
  // Never let a host process probe PCI devices the topology did not name (the host's own NIC).
  if (pci_allow.empty()) a.push_back("--no-pci");
  for (const auto& bdf : pci_allow) a.insert(a.end(), {"-a", bdf});
  return a;
}

void EalSandbox::remove_all() {
  // Callers stop the sandbox's processes first; what remains are files.
  std::error_code ec;
  fs::remove_all(kDpdkRuntimeRoot / prefix_, ec);
  if (mounted_) {
    fs::path dir = huge_dir_;
    for (const auto& e : fs::directory_iterator(dir, ec)) fs::remove(e.path(), ec);  // page files
    if (::umount2(dir.c_str(), 0) != 0) {
      transcript_.note("harness", fmt::format("umount {}: {}; detaching it lazily", dir.string(), std::strerror(errno)));
      ::umount2(dir.c_str(), MNT_DETACH);
    }
    mounted_ = false;
  }
  fs::remove_all(work_dir_, ec);
  transcript_.note("harness", fmt::format("EAL sandbox {} removed", prefix_));
}

std::vector<std::string> EalSandbox::leftovers() const {
  std::vector<std::string> out;
  std::error_code ec;
  if (fs::exists(kDpdkRuntimeRoot / prefix_, ec)) out.push_back((kDpdkRuntimeRoot / prefix_).string());
  if (fs::exists(work_dir_, ec)) out.push_back(work_dir_.string());
  return out;
}

}  // namespace mpdts
