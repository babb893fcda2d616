#include "eal/eal_sandbox.hpp"

#include "eal/dpdk_version.hpp"

#include <unistd.h>

#include <atomic>
#include <sstream>

#include <fmt/format.h>

#include "core/error.hpp"
#include "node/node.hpp"
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

long free_hugepages() { return free_hugepages(local_node()); }

long free_hugepages(Node& node) {
  std::istringstream in(node.read_file("/proc/meminfo"));
  std::string key;
  long value = 0;
  while (in >> key >> value) {
    if (key == "HugePages_Free:") return value;
    in.ignore(256, '\n');
  }
  return 0;
}

void require_free_hugepages(long needed) { require_free_hugepages(local_node(), needed); }

void require_free_hugepages(Node& node, long needed) {
  const long free = free_hugepages(node);
  if (free < needed)
    throw HarnessError(fmt::format(
        "only {} free 2 MB hugepages{}, this case needs {}: run scripts/setup.sh (it reserves them) or "
        "echo <N> > /proc/sys/vm/nr_hugepages",
        free, node.is_local() ? "" : " on node " + node.name(), needed));
}

EalSandbox::EalSandbox(std::string_view tag, bool hugepages, Transcript& transcript)
    : EalSandbox(local_node(), tag, hugepages, transcript) {}

EalSandbox::EalSandbox(Node& node, std::string_view tag, bool hugepages, Transcript& transcript)
    : node_(node), prefix_(next_prefix(tag)), hugepages_(hugepages), transcript_(transcript) {
  work_dir_ = kScratchRoot / prefix_;
  huge_dir_ = work_dir_ / "hugepages";
  // Journaled before any of it is made: the scratch dir, the runtime dir EAL will make, the mount.
  std::vector<JournalEffect> effects{JournalEffect::dir(work_dir_, "scratch"),
                                     JournalEffect::dir(kDpdkRuntimeRoot / prefix_, "eal_runtime")};
  if (hugepages_) effects.push_back(JournalEffect::mount(huge_dir_));
  cleanup_ = ScopedCleanup(fmt::format("remove EAL sandbox {}{}", prefix_, where()), [this] { remove_all(); },
                           node_.journaled(std::move(effects)));
  node_.make_dirs(hugepages_ ? huge_dir_ : work_dir_);
  if (hugepages_) {
    node_.mount_hugetlbfs(huge_dir_);
    mounted_ = true;
    transcript_.note("harness",
                     fmt::format("EAL prefix {}, hugetlbfs mounted on {}{}", prefix_, huge_dir_.string(), where()));
  } else {
    transcript_.note("harness", fmt::format("EAL prefix {}, no hugepages{}", prefix_, where()));
  }
}

EalSandbox::~EalSandbox() { cleanup_.reset(); }

std::vector<std::string> EalSandbox::args(const std::vector<std::string>& pci_allow) const {
  // -v: the process prints the DPDK version it runs (eal/dpdk_version.hpp), for the records.
  std::vector<std::string> a{"--file-prefix=" + prefix_, kEalPrintVersion};
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
  node_.remove_all(kDpdkRuntimeRoot / prefix_);
  if (mounted_) {
    node_.remove_contents(huge_dir_);  // page files
    node_.unmount(huge_dir_, transcript_);
    mounted_ = false;
  }
  node_.remove_all(work_dir_);
  transcript_.note("harness", fmt::format("EAL sandbox {} removed", prefix_));
}

std::vector<std::string> EalSandbox::leftovers() const {
  std::vector<std::string> out;
  if (node_.exists(kDpdkRuntimeRoot / prefix_)) out.push_back((kDpdkRuntimeRoot / prefix_).string());
  if (node_.exists(work_dir_)) out.push_back(work_dir_.string());
  return out;
}

std::string EalSandbox::where() const { return node_.is_local() ? "" : " on node " + node_.name(); }

}  // namespace mpdts
