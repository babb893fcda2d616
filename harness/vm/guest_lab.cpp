#include "vm/guest_lab.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <sstream>

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/proc_stat.hpp"
#include "process/child_process.hpp"
#include "vm/guest_image.hpp"

namespace mpdts {
namespace fs = std::filesystem;

namespace {

constexpr int kConsoles = 4;  // a primary and a secondary at a time, and room to spare
const Seconds kShellTimeout{60};
const Seconds kImageBuildTimeout{900};

std::unique_ptr<GuestLab>& shared_lab() {
  static std::unique_ptr<GuestLab> lab;
  return lab;
}

int slot_of(const std::string& address) { return std::stoi(address.substr(8, 2), nullptr, 16); }

AccelPolicy policy_of(const std::string& accelerator) {
  // MPDTS_VM_ACCEL, when set, wins over the topology (e.g. to force TCG on a machine whose KVM is flaky).
  if (const char* env = std::getenv("MPDTS_VM_ACCEL"); env && *env) return accel_policy_from_env();
  if (accelerator == "kvm") return AccelPolicy::Kvm;
  if (accelerator == "tcg") return AccelPolicy::Tcg;
  return AccelPolicy::Auto;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

}  // namespace

std::string GuestLab::guest_program(const fs::path& host_binary) { return host_binary.filename().string(); }

GuestLab::GuestLab(const Topology& topology, Transcript* first_case) {
  if (!topology.vm) throw ConfigError(fmt::format("topology '{}' has no 'vm' section", topology.name));
  vm_ = *topology.vm;
  // The cases' programs in the guest: the project's targets, and the host's dpdk-testpmd (also the
  // lab's vhost-user backend on the host) for the testpmd physical cases.
  const std::vector<fs::path> targets{topology.hotplug_mp.path, topology.symmetric_mp.path, topology.testpmd.path};
  for (const auto& t : targets) target_names_ += " " + shell_quote(guest_program(t));
  if (first_case) transcript_.set_mirror(first_case);
  struct MirrorOff {
    Transcript& t;
    ~MirrorOff() { t.set_mirror(nullptr); }
  } mirror_off{transcript_};

  static std::atomic<int> counter{0};
  scratch_ = fs::path("/tmp/mpdts") / fmt::format("vmlab-{}-{}", ::getpid(), ++counter);
  const fs::path scratch = scratch_;
  scratch_cleanup_ = ScopedCleanup(
      "remove the VM lab's scratch directory " + scratch.string(),
      [scratch] {
        std::error_code ec;
        fs::remove_all(scratch, ec);
      },
      {JournalEffect::dir(scratch, "scratch")});
  fs::create_directories(scratch_);

  transcript_.note("harness", "VM lab: building (or reusing) the guest image");
  GuestConfig config;
  config.image = build_guest_image({targets, {}, {}},
                                   Deadline::in(kImageBuildTimeout), transcript_);

  // The vhost-user backend first: QEMU, the sockets' server, waits for it at start.
  std::vector<VhostPort> vhost;
  for (std::size_t i = 0; i < vm_.vhost_user.size(); ++i) {
    const auto& port = vm_.vhost_user[i];
    const fs::path sock = scratch_ / fmt::format("vhost{}.sock", i);
    vhost.push_back({sock, port.queues, true});
    config.vhost_user.push_back({sock, port.queues, slot_of(port.pci.address)});
  }
  backend_ = std::make_unique<TestpmdBackend>(topology.testpmd, vhost, topology.timeouts, transcript_);
  traffic_ = std::make_unique<TestpmdTraffic>(*backend_);

  for (const auto& nic : vm_.pci) config.emulated.push_back({nic.model, slot_of(nic.pci.address)});
  config.cpus = vm_.cpus;
  config.memory_mb = vm_.memory_mb;
  config.hugepages = vm_.hugepages;
  config.consoles = kConsoles;
  config.accel = policy_of(vm_.accelerator);
  config.boot_timeout = Seconds(vm_.boot_timeout);
  config.boot_snapshot = vm_.boot_snapshot;
  config.name = "guest";
  guest_ = std::make_unique<QemuGuest>(config, transcript_);
  console_busy_.assign(kConsoles, false);

  const auto ids = traffic_->port_ids();
  for (std::size_t i = 0; i < vm_.vhost_user.size(); ++i) {
    const auto it = ids.find(fmt::format("net_vhost{}", i));
    if (it == ids.end()) throw HarnessError(fmt::format("testpmd has no port net_vhost{}", i));
    vhost_port_ids_.push_back(it->second);
  }
  transcript_.note("harness", fmt::format("VM lab up: accelerator {} ({}), guest up in {:.2f}s ({}), image {}",
                                          to_string(accelerator()), accelerator_reason(), boot_seconds(), boot_kind(),
                                          config.image.key));
}

GuestLab::~GuestLab() {
  guest_.reset();  // powered off (or killed), its sockets and files removed
  traffic_.reset();
  backend_.reset();  // testpmd quits
  scratch_cleanup_.reset();
}

namespace {
// Why the shared lab could not be set up, once it failed: the next cases fail at once with the same
// reason instead of each waiting for a boot that will not happen either.
std::string& shared_lab_failure() {
  static std::string why;
  return why;
}
}  // namespace

GuestLab& GuestLab::shared(const Topology& topology, Transcript* first_case, double* booted_seconds) {
  if (booted_seconds) *booted_seconds = 0;
  auto& lab = shared_lab();
  if (lab) return *lab;
  const auto start = Clock::now();
  if (!shared_lab_failure().empty())
    throw HarnessError("the VM lab could not be set up earlier in this suite: " + shared_lab_failure());
  try {
    lab = std::make_unique<GuestLab>(topology, first_case);
  } catch (const std::exception& e) {
    shared_lab_failure() = e.what();
    throw;
  }
  if (booted_seconds) *booted_seconds = std::chrono::duration_cast<Seconds>(Clock::now() - start).count();
  return *lab;
}

std::vector<std::string> GuestLab::release_shared() {
  shared_lab_failure().clear();
  auto& lab = shared_lab();
  if (!lab) return {};
  const Footprint footprint = lab->footprint();
  lab.reset();
  return leftovers(footprint);
}

GuestLab::Footprint GuestLab::footprint() const {
  Footprint f;
  auto add = [&f](int pid, const std::string& name) {
    if (const auto st = read_proc_stat(pid)) f.processes.push_back({pid, st->start, name});
  };
  add(guest_->qemu_pid(), "QEMU");
  if (auto* testpmd = dynamic_cast<ChildProcess*>(&backend_->session().process())) add(testpmd->pid(), "testpmd");
  f.paths = {scratch_, guest_->work_dir(), backend_->sandbox().work_dir(),
             fs::path("/var/run/dpdk") / backend_->sandbox().prefix()};
  for (const auto& n : guest_->config().vhost_user) f.paths.push_back(n.socket);
  return f;
}

std::vector<std::string> GuestLab::leftovers(const Footprint& footprint) {
  std::vector<std::string> left;
  for (const auto& p : footprint.processes)
    if (same_process_alive(p.pid, p.start)) left.push_back(fmt::format("{} (pid {}) still runs", p.name, p.pid));
  std::error_code ec;
  for (const auto& path : footprint.paths)
    if (fs::exists(fs::symlink_status(path, ec))) left.push_back(path.string() + " still exists");
  return left;
}

std::vector<PciDevice> GuestLab::all_ports() const {
  std::vector<PciDevice> ports;
  for (const auto& p : vm_.vhost_user) ports.push_back(p.pci);
  for (const auto& n : vm_.pci) ports.push_back(n.pci);
  return ports;
}

std::vector<std::string> GuestLab::check_clean(bool all_consoles_free) {
  std::string script;
  script += fmt::format("for p in $(pidof{}); do echo \"process $p ($(cat /proc/$p/comm 2>/dev/null)) still runs\"; done\n",
                        target_names_);
  for (const auto& port : all_ports())
    script += fmt::format(
        "d=$(basename \"$(readlink /sys/bus/pci/devices/{0}/driver)\"); [ \"$d\" = {1} ] || "
        "echo \"{0} is bound to '$d', not to its kernel driver {1}\"\n",
        port.address, port.kernel_driver);
  script +=
      "for d in /run/mpdts/cases/* /run/dpdk/*; do [ -e \"$d\" ] && echo \"$d is left\"; done\n"
      "grep ' hugetlbfs ' /proc/mounts | while read -r _ at _; do "
      "[ \"$at\" = /dev/hugepages ] || echo \"hugetlbfs is still mounted on $at\"; done\n"
      "t=$(awk '/^HugePages_Total/ {print $2}' /proc/meminfo); f=$(awk '/^HugePages_Free/ {print $2}' /proc/meminfo)\n"
      "[ \"$t\" = \"$f\" ] || echo \"$((t - f)) of $t hugepages are in use\"\n"
      "true\n";
  std::vector<std::string> problems;
  for (auto& line : lines_of(shell().run_checked(script, Deadline::in(kShellTimeout)))) problems.push_back("guest: " + line);
  if (all_consoles_free) {
    std::lock_guard lock(consoles_mutex_);
    for (std::size_t i = 0; i < console_busy_.size(); ++i)
      if (console_busy_[i]) problems.push_back(fmt::format("guest console /dev/hvc{} is still in use", i + 1));
  }
  return problems;
}

std::vector<std::string> GuestLab::force_clean() {
  std::vector<std::string> done;
  try {
    stop_traffic();
  } catch (const std::exception& e) {
    done.push_back(std::string("stopping testpmd's forwarding: ") + e.what());
  }
  // The killed targets are not children of the guest shell, so it cannot wait for them: it polls
  // pidof every 20 ms, bounded at 5 s (a documented back-off, not a fixed sleep), before re-binding.
  std::string script = fmt::format(
      "for p in $(pidof{0}); do echo \"killed $p\"; kill -9 $p; done\n"
      "n=0; while [ -n \"$(pidof{0})\" ] && [ $n -lt 250 ]; do usleep 20000; n=$((n + 1)); done\n",
      target_names_);
  for (const auto& port : all_ports())
    script += fmt::format(
        "d=$(basename \"$(readlink /sys/bus/pci/devices/{0}/driver)\"); [ \"$d\" = {1} ] || "
        "{{ echo \"re-binding {0} to {1}\"; dpdk-devbind.py --bind={1} {0}; }}\n",
        port.address, port.kernel_driver);
  script +=
      "grep ' hugetlbfs ' /proc/mounts | while read -r _ at _; do [ \"$at\" = /dev/hugepages ] && continue; "
      "echo \"unmounting $at\"; rm -f \"$at\"/*; umount \"$at\" || umount -l \"$at\"; done\n"
      "rm -rf /run/mpdts/cases/* /run/dpdk/* /dev/hugepages/*\n"
      "true\n";
  for (auto& line : lines_of(shell().run_checked(script, Deadline::in(kShellTimeout)))) done.push_back("guest: " + line);
  return done;
}

std::unique_ptr<GuestProcess> GuestLab::spawn(const std::vector<std::string>& argv, const std::string& name,
                                              Transcript& transcript, Seconds shell_timeout) {
  int n = 0;
  {
    std::lock_guard lock(consoles_mutex_);
    for (std::size_t i = 0; i < console_busy_.size() && n == 0; ++i)
      if (!console_busy_[i]) {
        console_busy_[i] = true;
        n = static_cast<int>(i) + 1;
      }
  }
  if (n == 0) throw HarnessError(fmt::format("all {} guest consoles are in use", console_busy_.size()));
  GuestConsole console{guest_->console_socket(n), guest_->console_device(n), [this, n] {
                         std::lock_guard lock(consoles_mutex_);
                         console_busy_[static_cast<std::size_t>(n - 1)] = false;
                       }};
  return std::make_unique<GuestProcess>(shell(), std::move(console), argv, name, transcript, shell_timeout);
}

void GuestLab::stop_traffic() {
  const std::string reply = backend_->command("stop");
  if (reply.find("Done.") == std::string::npos && reply.find("not started") == std::string::npos)
    throw HarnessError("testpmd did not confirm 'stop':\n" + reply);
}

std::string missing_lab_reason(const Topology& t) {
  if (!t.vm)
    return fmt::format("topology '{}' has no 'vm' section: the guest's cases run on a VM topology "
                       "(topologies/vm.yaml)",
                       t.name);
  return "";
}

GuestLabCase::GuestLabCase(const Topology& topology, Transcript& transcript)
    : lab_(GuestLab::shared(topology, &transcript, &booted_seconds_)), attached_(lab_, transcript) {
  const auto problems = lab_.check_clean();
  if (problems.empty()) return;
  std::string text;
  for (const auto& p : problems) text += "\n  " + p;
  std::string cleaned;
  try {
    for (const auto& d : lab_.force_clean()) cleaned += "\n  " + d;
  } catch (const std::exception& e) {
    cleaned += std::string("\n  cleaning failed: ") + e.what();
  }
  throw HarnessError(fmt::format("the VM lab is not in its clean state at the start of the case (an earlier case "
                                 "left it so):{}\ncleaned up:{}",
                                 text, cleaned));
}

std::vector<std::string> GuestLabCase::finish(std::unique_ptr<GuestPciBinding>& binding,
                                              std::unique_ptr<GuestSandbox>& sandbox) {
  std::vector<std::string> problems;
  try {
    lab_.stop_traffic();
  } catch (const std::exception& e) {
    problems.push_back(std::string("stopping testpmd: ") + e.what());
  }
  try {
    if (binding) binding->restore();
  } catch (const std::exception& e) {
    problems.push_back(e.what());
  }
  binding.reset();
  try {
    if (sandbox)
      for (auto& left : sandbox->remove()) problems.push_back(left + " left by the case");
  } catch (const std::exception& e) {
    problems.push_back(std::string("removing the guest sandbox: ") + e.what());
  }
  sandbox.reset();
  try {
    for (auto& p : lab_.check_clean()) problems.push_back(p);
    if (!problems.empty()) lab_.force_clean();
  } catch (const std::exception& e) {
    problems.push_back(std::string("the end-of-case check of the VM lab failed: ") + e.what());
  }
  return problems;
}

}  // namespace mpdts
