#include "symmetric/symmetric_bench.hpp"

#include <sched.h>

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "core/error.hpp"
#include "process/child_process.hpp"
#include "symmetric/symmetric_checks.hpp"

namespace mpdts::symmetric {
namespace {

// Hugepages for one set of processes: the project's target needs ~11-21 pages (2 to 4 processes),
// DPDK's example ~77 (its 64k-mbuf pool); the vhost side maps the same pages, it has none of its own.
constexpr long kHugepagesNeeded = 96;

// The CPUs for the forwarding processes: those this harness may run on, except the one testpmd
// forwards on (it runs without -l: its main lcore on the first CPU, mostly idle at its prompt, its
// one forwarding lcore busy on the second). A process that shares a CPU with the traffic source
// only gets packets when the source runs, which slows it down many times over.
std::vector<int> forwarding_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  std::vector<int> cpus;
  if (sched_getaffinity(0, sizeof set, &set) == 0)
    for (int c = 0; c < CPU_SETSIZE; ++c)
      if (CPU_ISSET(c, &set)) cpus.push_back(c);
  if (cpus.size() >= 2) cpus.erase(cpus.begin() + 1);
  if (cpus.empty()) cpus.push_back(0);
  return cpus;
}

bool names_lcores(const std::vector<std::string>& args) {
  return std::any_of(args.begin(), args.end(), [](const std::string& a) {
    return a == "-l" || a == "-c" || a.rfind("--lcores", 0) == 0 ||
           (a.size() > 2 && (a.rfind("-l", 0) == 0 || a.rfind("-c", 0) == 0));
  });
}

std::string last_lines(const std::string& text, std::size_t n) {
  std::size_t at = text.size();
  while (n-- > 0 && at > 0) {
    at = text.rfind('\n', at - 1);
    if (at == std::string::npos) return text;
  }
  return text.substr(at + 1);
}

}  // namespace

std::string missing_device_reason(const Topology& t) {
  if (!t.virtio_user)
    return fmt::format(
        "topology '{}' does not enable devices.virtio_user: the symmetric cases forward between two "
        "virtio-user ports fed by a testpmd vhost-user backend",
        t.name);
  return "";
}

std::uint64_t queue_count(const QueueCounts& counts, int port, int queue) {
  const auto p = counts.find(port);
  if (p == counts.end()) return 0;
  const auto q = p->second.find(queue);
  return q == p->second.end() ? 0 : q->second;
}

SymmetricBench::SymmetricBench(const Topology& topology, int processes, Transcript& transcript, Where where)
    : topology_(topology), processes_(processes), transcript_(transcript), ports_(mask_ports(kPortMask)) {
  if (where == Where::Guest) {
    if (!topology.vm) throw HarnessError(missing_lab_reason(topology));
    lab_case_ = std::make_unique<GuestLabCase>(topology, transcript_);
    auto& lab = lab_case_->lab();
    auto& shell = lab_case_->shell();
    if (static_cast<std::size_t>(processes_) > static_cast<std::size_t>(lab.settings().vhost_user.front().queues))
      throw HarnessError(fmt::format("{} processes need {} queues per port; vm.vhost_user has {}", processes_,
                                     processes_, lab.settings().vhost_user.front().queues));
    guest_sandbox_ = std::make_unique<GuestSandbox>(shell, "sym", transcript_);
    traffic_ = &lab.traffic();
    // Application port p is the p-th vhost-user port (the guest lists them in PCI address order).
    std::vector<PciDevice> devices;
    for (std::size_t i = 0; i < ports_.size(); ++i) {
      const auto& pci = lab.settings().vhost_user.at(static_cast<std::size_t>(ports_[i])).pci;
      devices.push_back(pci);
      pci_allow_.push_back(pci.address);
      vhost_ports_.push_back(lab.vhost_port_id(static_cast<std::size_t>(ports_[i])));
    }
    // "Bind virtio port to <DPDK driver>", before the processes start.
    guest_binding_ = std::make_unique<GuestPciBinding>(shell, devices, transcript_);
    guest_binding_->bind_dpdk();
    // testpmd's counters live as long as the lab: this case counts from zero. (Its per-queue
    // extended statistics cannot even be read while a vhost-user port has no device, e.g. now.)
    traffic_->clear_stats();
    return;
  }
  require_free_hugepages(kHugepagesNeeded);
  sandbox_ = std::make_unique<EalSandbox>("sym", true, transcript_);
  made_ = {sandbox_->work_dir().string(), "/var/run/dpdk/" + sandbox_->prefix()};

  // One vhost-user port per application port, one queue per process: process n reads queue n.
  std::vector<VhostPort> vhost;
  for (int p : ports_) {
    sockets_.push_back((sandbox_->work_dir() / fmt::format("vhost-net{}", p)).string());
    vhost.push_back({sockets_.back(), processes_, false});
  }
  backend_ = std::make_unique<TestpmdBackend>(topology.testpmd, vhost, topology.timeouts, transcript_);
  made_.push_back(backend_->sandbox().work_dir().string());
  made_.push_back("/var/run/dpdk/" + backend_->sandbox().prefix());
  owned_traffic_ = std::make_unique<TestpmdTraffic>(*backend_);
  traffic_ = owned_traffic_.get();

  const auto ids = traffic_->port_ids();
  for (int p : ports_) {
    const auto it = ids.find(fmt::format("net_vhost{}", p));
    if (it == ids.end())
      throw HarnessError(
          fmt::format("testpmd has no port net_vhost{} ('show port summary all' lists {} ports)", p, ids.size()));
    vhost_ports_.push_back(it->second);
  }
}

SymmetricBench::~SymmetricBench() {
  apps_.clear();  // processes first: nothing may use the sockets or the page files any more
  owned_traffic_.reset();
  backend_.reset();
  sandbox_.reset();
  guest_binding_.reset();
  guest_sandbox_.reset();
  lab_case_.reset();
}

QueueCounts SymmetricBench::queue_packets() { return traffic_->tx_queue_packets(); }

std::map<int, std::uint64_t> SymmetricBench::sent_packets() { return traffic_->tx_packets(); }

std::vector<std::string> SymmetricBench::finish() {
  std::vector<std::string> problems;
  apps_.clear();
  if (!lab_case_) return problems;
  problems = lab_case_->finish(guest_binding_, guest_sandbox_);
  lab_case_.reset();
  return problems;
}

SymmetricApp& SymmetricBench::start(int proc_id, const std::vector<std::string>& app_args) {
  const auto& target = topology_.symmetric_mp;
  if (lab_case_) {
    const std::string name = proc_id == 0 ? "primary" : fmt::format("secondary{}", proc_id);
    std::vector<std::string> argv{GuestLab::guest_program(target.path)};
    for (auto& a : guest_sandbox_->args(pci_allow_)) argv.push_back(a);
    // The plan's -l 1 / -l 2 on the guest's CPUs: a distinct lcore id per process.
    const int cpus = lab_case_->lab().settings().cpus;
    if (!names_lcores(target.eal_args)) argv.push_back(fmt::format("--lcores={}@{}", proc_id, proc_id % cpus));
    argv.push_back(proc_id == 0 ? "--proc-type=auto" : "--proc-type=secondary");
    argv.insert(argv.end(), target.eal_args.begin(), target.eal_args.end());
    argv.insert(argv.end(), {"--", "-p", fmt::format("{:x}", kPortMask), "--num-procs", std::to_string(processes_),
                             "--proc-id", std::to_string(proc_id)});
    argv.insert(argv.end(), app_args.begin(), app_args.end());
    auto process = lab_case_->lab().spawn(argv, name, transcript_, Seconds(topology_.timeouts.command));
    apps_.push_back(std::make_unique<SymmetricApp>(std::move(process), proc_id));
    return *apps_.back();
  }
  std::vector<std::string> argv{target.path.string()};
  for (auto& a : sandbox_->args()) argv.push_back(a);
  if (!names_lcores(target.eal_args)) {
    // A distinct lcore id per process (a mempool cache is per lcore id, shared by every process of
    // the prefix), placed round-robin on the CPUs testpmd does not forward on.
    const auto cpus = forwarding_cpus();
    argv.push_back(fmt::format("--lcores={}@{}", proc_id, cpus[static_cast<std::size_t>(proc_id) % cpus.size()]));
  }
  argv.push_back(proc_id == 0 ? "--proc-type=auto" : "--proc-type=secondary");
  // vhost-user shares the processes' memory as one region per file: keep it to one file per list.
  argv.push_back("--single-file-segments");
  if (proc_id == 0)
    for (std::size_t i = 0; i < ports_.size(); ++i)
      argv.insert(argv.end(), {"--vdev", fmt::format("net_virtio_user{},path={},queues={},queue_size={}", ports_[i],
                                                     sockets_[i], processes_, kRingSize)});
  argv.insert(argv.end(), target.eal_args.begin(), target.eal_args.end());
  argv.insert(argv.end(), {"--", "-p", fmt::format("{:x}", kPortMask), "--num-procs", std::to_string(processes_),
                           "--proc-id", std::to_string(proc_id)});
  argv.insert(argv.end(), app_args.begin(), app_args.end());

  const std::string name = proc_id == 0 ? "primary" : fmt::format("secondary{}", proc_id);
  auto process = std::make_unique<ChildProcess>(SpawnOptions{argv, name, true, std::nullopt, {}}, transcript_);
  apps_.push_back(std::make_unique<SymmetricApp>(std::move(process), proc_id));
  return *apps_.back();
}

std::vector<SymmetricApp*> SymmetricBench::processes() {
  std::vector<SymmetricApp*> out;
  for (auto& a : apps_) out.push_back(a.get());
  return out;
}

SymmetricBench::Watch SymmetricBench::watch(const std::function<bool(const QueueCounts&)>& reached, Deadline deadline) {
  if (apps_.empty()) throw HarnessError("nothing to watch: no symmetric_mp process was started");
  // Sampling asks testpmd for its counters (a few ms of its time); between samples the case waits
  // for an exit. Every 50 ms: at 200 ms a process start waited ~0.3 s longer than its traffic did.
  const Seconds between_samples(0.05);
  const auto started = Clock::now();
  Watch w;
  for (;;) {
    w.last = queue_packets();
    w.waited = Clock::now() - started;
    if (reached(w.last)) {
      w.reached = true;
      return w;
    }
    for (auto& app : apps_)
      if (const auto status = app->exited()) {
        w.exited = fmt::format("{} {} while it should be forwarding; its last output:\n{}", app->name(),
                               status->describe(), last_lines(app->process().unconsumed(), 20));
        return w;
      }
    if (deadline.expired()) return w;
    apps_.back()->process().wait_exit(Deadline::in(between_samples).earliest(deadline));
  }
}

}  // namespace mpdts::symmetric
