// mpdts list, validate, recover and bench: the subcommands that run no case.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "child_run.hpp"
#include "commands.hpp"
#include "core/cleanup_stack.hpp"
#include "core/error.hpp"
#include "exit_codes.hpp"
#include "journal/recover_report.hpp"
#include "topology/topology.hpp"

namespace mpdts::cli {
namespace fs = std::filesystem;

Programs Programs::beside_self() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  const fs::path dir = ec ? fs::current_path() : self.parent_path();
  return {dir / "mpdts_cases", dir / "mpdts-bench"};
}

std::vector<CaseInfo> load_case_list(const Programs& programs, const fs::path& topology, int* code) {
  const std::string text =
      capture_output({programs.cases.string(), "--topology=" + topology.string(), "--list-cases"}, code);
  if (*code != 0) {
    if (*code != kSetupError) std::cerr << "mpdts: " << programs.cases.string() << " --list-cases exited " << *code << "\n";
    *code = kSetupError;
    return {};
  }
  try {
    return parse_case_list(nlohmann::json::parse(text));
  } catch (const std::exception& e) {
    std::cerr << "mpdts: cannot read the case list of " << programs.cases.string() << ": " << e.what() << "\n";
    *code = kSetupError;
    return {};
  }
}

namespace {

std::string describe(const NodeSpec& n) {
  if (n.type == NodeSpec::Type::Local) return "local (this host)";
  std::string out = fmt::format("ssh {}{}:{}", n.user.empty() ? "" : n.user + "@", n.host, n.port);
  if (!n.key.empty()) out += ", key " + n.key.string();
  if (!n.known_hosts.empty()) out += ", known_hosts " + n.known_hosts.string();
  return out;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}

}  // namespace

int list_command(const Programs& programs, const ListOptions& options) {
  int code = 0;
  const auto all = load_case_list(programs, options.topology, &code);
  if (code != 0) return code;
  const auto cases = select_cases(all, options.selection);
  if (options.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : cases)
      out.push_back({{"name", c.name}, {"plan", c.plan}, {"plan_case", c.plan_case}, {"labels", c.labels},
                     {"runnable", c.runnable}, {"reason", c.reason}});
    std::cout << out.dump(1) << std::endl;
    return kPassed;
  }
  std::size_t name_width = 4, label_width = 6;
  for (const auto& c : cases) {
    name_width = std::max(name_width, c.name.size());
    label_width = std::max(label_width, join(c.labels).size());
  }
  std::cout << fmt::format("{:<{}}  {:<{}}  {}\n", "CASE", name_width, "LABELS", label_width,
                           "ON " + options.topology.string());
  int runnable = 0;
  for (const auto& c : cases) {
    runnable += c.runnable;
    std::cout << fmt::format("{:<{}}  {:<{}}  {}\n", c.name, name_width, join(c.labels), label_width,
                             c.runnable ? "runs" : "skips: " + c.reason);
  }
  std::cout << fmt::format("{} case(s): {} run on this topology, {} skip\n", cases.size(), runnable,
                           cases.size() - static_cast<std::size_t>(runnable));
  return kPassed;
}

int validate_command(const ValidateOptions& options) {
  try {
    const Topology t = options.node_checks ? load_topology(options.topology) : load_topology(options.topology, std::nullopt);
    std::cout << fmt::format("{}: valid topology '{}'\n", t.file.string(), t.name);
    for (const auto& n : t.nodes)
      std::cout << fmt::format("  node {}: {}\n", n.name, describe(n));
    std::cout << fmt::format("  targets: hotplug_mp {}, symmetric_mp {}, testpmd {}\n", t.hotplug_mp.path.string(),
                             t.symmetric_mp.path.string(), t.testpmd.path.string());
    std::string devices;
    if (t.af_packet) devices += t.af_packet->create_veth ? " af_packet(veth)" : " af_packet(" + t.af_packet->iface + ")";
    if (t.vhost_user) devices += " vhost_user";
    if (t.virtio_user) devices += " virtio_user";
    for (const auto& p : t.pci)
      devices += fmt::format(" pci({} on {}: {} <-> {})", p.address, p.node, p.kernel_driver, p.dpdk_driver);
    std::cout << "  devices:" << (devices.empty() ? " none" : devices) << "\n";
    for (const auto& p : t.pci) {
      const bool local = t.find_node(p.node) && t.find_node(p.node)->type == NodeSpec::Type::Local;
      std::cout << fmt::format("  PCI {} {}\n", p.address,
                               !options.node_checks ? "not checked (--no-node-checks)"
                               : local ? "checked on this node: present, no active kernel interface"
                                       : "is on node " + p.node + ": checked there when a run connects");
    }
    return kPassed;
  } catch (const ConfigError& e) {
    std::cerr << "mpdts: invalid topology: " << e.what() << "\n";
    return kSetupError;
  }
}

int recover_command(const std::string& journal_dir, bool dry_run) {
  install_signal_cleanup();  // the `ip` and dpdk-devbind.py it runs are stopped on Ctrl-C
  recovery::Options options;
  options.dir = journal_dir;
  options.dry_run = dry_run;
  return recovery::recover_and_report(options, "mpdts recover");
}

int bench_command(const Programs& programs, const std::vector<std::string>& args) {
  std::vector<std::string> argv{programs.bench.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> c;
  for (auto& a : argv) c.push_back(a.data());
  c.push_back(nullptr);
  ::execv(c[0], c.data());
  std::cerr << "mpdts: cannot run " << argv[0] << ": " << std::strerror(errno)
            << (errno == ENOENT ? " (mpdts-bench is not built in this tree)" : "") << "\n";
  return kSetupError;
}

}  // namespace mpdts::cli
