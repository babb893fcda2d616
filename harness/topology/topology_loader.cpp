// Topology YAML → Topology. Every key is known, every value typed, every path checked, then every
// PCI device checked against the node (exists, no active kernel interface); the first problem stops
// the load with its position in the file. Nothing is written or bound here.
#include <yaml-cpp/yaml.h>

#include <boost/regex.hpp>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "core/error.hpp"
#include "topology/topology.hpp"

#ifndef MPDTS_DEFAULT_TARGETS_DIR
#define MPDTS_DEFAULT_TARGETS_DIR "targets"
#endif

namespace mpdts {

std::filesystem::path default_targets_dir() { return MPDTS_DEFAULT_TARGETS_DIR; }

const NodeSpec* Topology::find_node(const std::string& wanted) const {
  for (const auto& n : nodes)
    if (n.name == wanted) return &n;
  return nullptr;
}

namespace {

namespace fs = std::filesystem;

class Reader {
 public:
  explicit Reader(fs::path file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const YAML::Node& at, const std::string& what) const {
    const auto m = at.Mark();
    if (m.is_null()) throw ConfigError(fmt::format("{}: {}", file_.string(), what));
    throw ConfigError(fmt::format("{}:{}:{}: {}", file_.string(), m.line + 1, m.column + 1, what));
  }

  void expect_map(const YAML::Node& n, const std::string& path, const std::set<std::string>& keys) const {
    if (!n.IsMap()) fail(n, fmt::format("'{}' must be a mapping", path));
    std::set<std::string> seen;
    for (const auto& kv : n) {
      if (!kv.first.IsScalar()) fail(kv.first, fmt::format("a key in '{}' must be a plain name, not a collection", path));
      const auto key = kv.first.Scalar();
      if (!seen.insert(key).second) fail(kv.first, fmt::format("key '{}' appears twice in '{}'", key, path));
      if (!keys.count(key)) {
        std::string known;
        for (const auto& k : keys) known += (known.empty() ? "" : ", ") + k;
        fail(kv.first, fmt::format("unknown key '{}' in '{}' (expected one of: {})", key, path, known));
      }
    }
  }

  std::string string(const YAML::Node& n, const std::string& path) const {
    if (!n.IsScalar()) fail(n, fmt::format("'{}' must be a string", path));
    return n.Scalar();
  }

  bool boolean(const YAML::Node& n, const std::string& path) const {
    bool v = false;
    if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v))
      fail(n, fmt::format("'{}' must be true or false, got '{}'", path, n.IsScalar() ? n.Scalar() : "a collection"));
    return v;
  }

  double number(const YAML::Node& n, const std::string& path, double min, double max) const {
    double v = 0;
    if (!n.IsScalar() || !YAML::convert<double>::decode(n, v))
      fail(n, fmt::format("'{}' must be a number, got '{}'", path, n.IsScalar() ? n.Scalar() : "a collection"));
    if (!std::isfinite(v) || v < min || v > max)  // NaN compares false both ways: refuse it explicitly
      fail(n, fmt::format("'{}' must be between {} and {}, got '{}'", path, min, max, n.Scalar()));
    return v;
  }

  int integer(const YAML::Node& n, const std::string& path, int min, int max) const {
    const double v = number(n, path, min, max);
    if (v != std::floor(v)) fail(n, fmt::format("'{}' must be a whole number, got '{}'", path, n.Scalar()));
    return static_cast<int>(v);
  }

  std::vector<std::string> strings(const YAML::Node& n, const std::string& path) const {
    if (!n.IsSequence()) fail(n, fmt::format("'{}' must be a list of strings", path));
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n.size(); ++i) out.push_back(string(n[i], fmt::format("{}[{}]", path, i)));
    return out;
  }

  std::string pattern(const YAML::Node& n, const std::string& path) const {
    auto s = string(n, path);
    try {
      boost::regex re(s);
    } catch (const boost::regex_error& e) {
      fail(n, fmt::format("'{}' is not a valid regular expression: {}", path, e.what()));
    }
    return s;
  }

  fs::path executable(const YAML::Node& n, const std::string& path) const {
    fs::path p = string(n, path);
    if (p.is_relative()) p = (file_.parent_path() / p).lexically_normal();
    check_executable(p, n, path);
    return p;
  }

  void check_executable(const fs::path& p, const YAML::Node& at, const std::string& path) const {
    std::error_code ec;
    if (!fs::exists(p, ec)) fail(at, fmt::format("'{}': {} does not exist", path, p.string()));
    if (!fs::is_regular_file(p, ec) || (fs::status(p, ec).permissions() & fs::perms::owner_exec) == fs::perms::none)
      fail(at, fmt::format("'{}': {} is not an executable file", path, p.string()));
  }

  const fs::path& file() const { return file_; }

 private:
  fs::path file_;
};

// A node reference: one of the topology's nodes (they are read first).
std::string node_ref(const Reader& r, const YAML::Node& n, const std::string& path, const Topology& t) {
  const auto name = r.string(n, path);
  if (!t.find_node(name)) {
    std::string known;
    for (const auto& node : t.nodes) known += (known.empty() ? "" : ", ") + node.name;
    r.fail(n, fmt::format("'{}': no node named '{}' (nodes: {})", path, name, known));
  }
  return name;
}

bool on_local_node(const Topology& t, const std::string& node) {
  return t.find_node(node)->type == NodeSpec::Type::Local;
}

constexpr std::size_t kMaxTopologyNodes = 20000;
constexpr int kMaxTopologyDepth = 32;

void count_nodes(const Reader& r, const YAML::Node& n, std::size_t& budget, int depth) {
  if (depth > kMaxTopologyDepth) r.fail(n, fmt::format("nested more than {} levels deep: not a topology", kMaxTopologyDepth));
  if (budget == 0)
    r.fail(n, fmt::format("more than {} YAML nodes once aliases are expanded: not a topology (an alias bomb?)",
                          kMaxTopologyNodes));
  --budget;
  if (n.IsSequence() || n.IsMap())
    for (const auto& child : n) {
      if (n.IsMap()) {
        count_nodes(r, child.first, budget, depth + 1);
        count_nodes(r, child.second, budget, depth + 1);
      } else {
        count_nodes(r, child, budget, depth + 1);
      }
    }
}

}  // namespace

std::string eal_option_owned_by_harness(const std::string& arg) {
  // EAL parses its arguments with getopt_long: a long option may be abbreviated to any unique prefix
  // and carry its value after '='; short options may be grouped and carry their value joined.
  static const std::vector<std::string> owned_long{"file-prefix", "huge-dir", "no-pci",        "allow",
                                                   "block",       "proc-type", "pci-whitelist", "pci-blacklist"};
  if (arg.rfind("--", 0) == 0) {
    const std::string name = arg.substr(2, arg.find('=') == std::string::npos ? std::string::npos : arg.find('=') - 2);
    if (name.empty()) return "";
    for (const auto& o : owned_long)
      if (o.rfind(name, 0) == 0) return "--" + o;
    return "";
  }
  if (arg.size() < 2 || arg[0] != '-') return "";
  // Short options: -a/-b own the PCI lists; -v and -h take no value and may come first in a group;
  // any other letter takes the rest of the word as its value.
  for (std::size_t i = 1; i < arg.size(); ++i) {
    const char c = arg[i];
    if (c == 'a') return "-a (--allow)";
    if (c == 'b') return "-b (--block)";
    if (c != 'v' && c != 'h') return "";
  }
  return "";
}

namespace {

void read_target(const Reader& r, const YAML::Node& n, const std::string& path, TargetBinary& t,
                 std::set<std::string> keys, const Topology& topology) {
  keys.insert({"path", "eal_args", "node"});
  r.expect_map(n, path, keys);
  if (n["node"]) t.node = node_ref(r, n["node"], path + ".node", topology);
  if (n["from"]) {
    const std::string from = r.string(n["from"], path + ".from");
    if (from != "project" && from != "dpdk-example")
      r.fail(n["from"], fmt::format("'{}.from' is '{}': expected 'project' (mpdts's own target) or 'dpdk-example' "
                                    "(DPDK's own example, from the DPDK under test)",
                                    path, from));
    t.dpdk_example = from == "dpdk-example";
    if (t.dpdk_example && n["path"])
      r.fail(n["from"], fmt::format("'{}': 'from: dpdk-example' and 'path' name two binaries; keep one", path));
  }
  t.path_named = static_cast<bool>(n["path"]);
  if (n["path"] && on_local_node(topology, t.node)) {
    t.path = r.executable(n["path"], path + ".path");
  } else if (n["path"]) {
    // Another system's file: it cannot be checked from here, and a path relative to this file means nothing there.
    t.path = r.string(n["path"], path + ".path");
    if (t.path.is_relative())
      r.fail(n["path"], fmt::format("'{}.path' must be absolute: it names a file on node '{}'", path, t.node));
  }
  if (n["eal_args"]) t.eal_args = r.strings(n["eal_args"], path + ".eal_args");
  for (const auto& a : t.eal_args) {
    // The harness owns isolation and PCI access; a topology must not undo them behind its back.
    if (const std::string owned = eal_option_owned_by_harness(a); !owned.empty())
      r.fail(n["eal_args"], fmt::format("'{}.eal_args' may not contain '{}' (EAL reads it as {}): the harness sets it "
                                        "per case",
                                        path, a, owned));
  }
}

// `dpdk: system | source:PATH | build_dir:PATH`, or `dpdk: {spec: ..., build_options: [-D...]}`;
// a relative PATH is taken from the topology file's directory.
void read_dpdk(const Reader& r, const YAML::Node& n, Topology& t) {
  YAML::Node spec = n;
  if (n.IsMap()) {
    r.expect_map(n, "dpdk", {"spec", "build_options"});
    if (!n["spec"]) r.fail(n, "'dpdk' needs a 'spec': system, source:PATH or build_dir:PATH");
    spec = n["spec"];
  }
  const std::string text = r.string(spec, "dpdk");
  try {
    t.dpdk = parse_dpdk_spec(text, t.file.parent_path());
  } catch (const ConfigError& e) {
    r.fail(spec, e.what());
  }
  if (n.IsMap() && n["build_options"]) {
    t.dpdk.build_options = r.strings(n["build_options"], "dpdk.build_options");
    if (t.dpdk.kind != DpdkSpec::Kind::Source)
      r.fail(n["build_options"], "'dpdk.build_options' applies to a source: mpdts builds only a DPDK source");
    for (const auto& o : t.dpdk.build_options)
      if (o.rfind("-D", 0) != 0)
        r.fail(n["build_options"], fmt::format("'dpdk.build_options': '{}' is not a meson option (-Dname=value)", o));
  }
}

void read_contract(const Reader& r, const YAML::Node& n, HotplugContract& c) {
  const std::string path = "targets.hotplug_mp.contract";
  r.expect_map(n, path,
               {"prompt", "list_header", "list_entry", "attach_ok", "attach_failed", "detach_ok", "detach_failed",
                "quit_command"});
  if (n["prompt"]) c.prompt = r.string(n["prompt"], path + ".prompt");
  if (c.prompt.empty()) r.fail(n["prompt"], path + ".prompt must not be empty");
  if (n["list_header"]) c.list_header = r.string(n["list_header"], path + ".list_header");
  if (n["list_entry"]) {
    c.list_entry = r.pattern(n["list_entry"], path + ".list_entry");
    if (boost::regex(c.list_entry).mark_count() < 2)
      r.fail(n["list_entry"], path + ".list_entry needs two groups: (port id) and (device name)");
  }
  if (n["attach_ok"]) c.attach_ok = r.pattern(n["attach_ok"], path + ".attach_ok");
  if (n["attach_failed"]) c.attach_failed = r.pattern(n["attach_failed"], path + ".attach_failed");
  if (n["detach_ok"]) c.detach_ok = r.pattern(n["detach_ok"], path + ".detach_ok");
  if (n["detach_failed"]) c.detach_failed = r.pattern(n["detach_failed"], path + ".detach_failed");
  if (n["quit_command"]) c.quit_command = r.string(n["quit_command"], path + ".quit_command");
}

void read_devices(const Reader& r, const YAML::Node& n, Topology& t, std::vector<YAML::Node>& pci_nodes) {
  r.expect_map(n, "devices", {"af_packet", "vhost_user", "virtio_user", "pci"});
  if (const auto a = n["af_packet"]) {
    r.expect_map(a, "devices.af_packet", {"veth", "iface", "node"});
    AfPacketDevice d;
    if (a["node"]) d.node = node_ref(r, a["node"], "devices.af_packet.node", t);
    d.create_veth = a["veth"] ? r.boolean(a["veth"], "devices.af_packet.veth") : false;
    if (a["iface"]) d.iface = r.string(a["iface"], "devices.af_packet.iface");
    if (d.create_veth == !d.iface.empty())
      r.fail(a, "devices.af_packet needs exactly one of 'veth: true' (the harness creates it) or 'iface: <name>'");
    t.af_packet = d;
  }
  if (n["vhost_user"]) t.vhost_user = r.boolean(n["vhost_user"], "devices.vhost_user");
  if (n["virtio_user"]) t.virtio_user = r.boolean(n["virtio_user"], "devices.virtio_user");
  if (const auto p = n["pci"]) {
    if (!p.IsSequence()) r.fail(p, "'devices.pci' must be a list of devices");
    static const boost::regex bdf(R"(^[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]$)");
    for (std::size_t i = 0; i < p.size(); ++i) {
      const auto path = fmt::format("devices.pci[{}]", i);
      r.expect_map(p[i], path, {"address", "dpdk_driver", "kernel_driver", "node"});
      for (const char* k : {"address", "dpdk_driver", "kernel_driver"})
        if (!p[i][k]) r.fail(p[i], fmt::format("'{}' needs '{}'", path, k));
      PciDevice d{r.string(p[i]["address"], path + ".address"), r.string(p[i]["dpdk_driver"], path + ".dpdk_driver"),
                  r.string(p[i]["kernel_driver"], path + ".kernel_driver")};
      if (p[i]["node"]) d.node = node_ref(r, p[i]["node"], path + ".node", t);
      if (!boost::regex_match(d.address, bdf))
        r.fail(p[i]["address"], fmt::format("'{}.address' must be a full PCI address like 0000:88:00.0, got '{}'", path,
                                            d.address));
      for (const auto& other : t.pci)
        if (other.address == d.address && other.node == d.node) r.fail(p[i]["address"], fmt::format("PCI device {} is listed twice", d.address));
      static const std::set<std::string> dpdk_drivers{"vfio-pci", "uio_pci_generic", "igb_uio"};
      if (!dpdk_drivers.count(d.dpdk_driver))
        r.fail(p[i]["dpdk_driver"],
               fmt::format("'{}.dpdk_driver' must be one of igb_uio, uio_pci_generic, vfio-pci, got '{}'", path,
                           d.dpdk_driver));
      static const boost::regex driver_name(R"(^[A-Za-z0-9_][A-Za-z0-9_.-]*$)");
      if (!boost::regex_match(d.kernel_driver, driver_name))
        r.fail(p[i]["kernel_driver"],
               fmt::format("'{}.kernel_driver' must be a kernel driver name like ixgbe or virtio-pci, got '{}'", path,
                           d.kernel_driver));
      t.pci.push_back(d);
      pci_nodes.push_back(p[i]["address"]);
    }
  }
}

// The node the cases run on must have every listed PCI device, and none of them may carry a kernel
// interface that is in use: binding it away would cut the node off (dpdk-devbind.py refuses it too).
// Only devices of a local node are checked here: another node's sysfs is not readable from this file.
void check_pci_on_node(const Reader& r, const Topology& t, const std::vector<YAML::Node>& at, const NodeRoots& node) {
  for (std::size_t i = 0; i < t.pci.size(); ++i) {
    const auto& d = t.pci[i];
    if (!on_local_node(t, d.node)) continue;
    const auto path = fmt::format("devices.pci[{}].address", i);
    if (!pci_device_exists(d.address, node))
      r.fail(at[i], fmt::format("'{}': PCI device {} does not exist on this node (no {})", path, d.address,
                                (node.sys / "bus/pci/devices" / d.address).string()));
    for (const auto& k : pci_kernel_interfaces(d.address, node))
      if (k.active())
        r.fail(at[i], fmt::format("'{}': PCI device {} carries the active kernel interface {}; refusing it before "
                                  "anything is bound (dpdk-devbind.py refuses it too): take the interface down and "
                                  "remove its routes, or list another device",
                                  path, d.address, k.describe()));
  }
}

// `nodes`: a list of {name, type: local|ssh, host, user, key, port, known_hosts}. The node named
// "local" (this host) always exists; a file may list it, as type local.
void read_nodes(const Reader& r, const YAML::Node& n, Topology& t) {
  if (!n.IsSequence()) r.fail(n, "'nodes' must be a list of nodes");
  static const boost::regex name_re(R"(^[A-Za-z0-9][A-Za-z0-9_.-]*$)");
  // Host and user go to ssh as words of their own: nothing that ssh could take for an option.
  static const boost::regex host_re(R"(^[A-Za-z0-9_.:\[\]%-]+$)"), user_re(R"(^[A-Za-z0-9_][A-Za-z0-9_.-]*$)");
  for (std::size_t i = 0; i < n.size(); ++i) {
    const auto path = fmt::format("nodes[{}]", i);
    const auto& e = n[i];
    r.expect_map(e, path, {"name", "type", "host", "user", "key", "port", "known_hosts"});
    if (!e["name"]) r.fail(e, fmt::format("'{}' needs a 'name'", path));
    NodeSpec node;
    node.name = r.string(e["name"], path + ".name");
    if (!boost::regex_match(node.name, name_re))
      r.fail(e["name"], fmt::format("'{}.name' must be letters, digits, '.', '_' or '-', got '{}'", path, node.name));
    const auto type = e["type"] ? r.string(e["type"], path + ".type") : std::string("local");
    if (type == "ssh") {
      node.type = NodeSpec::Type::Ssh;
    } else if (type != "local") {
      r.fail(e["type"], fmt::format("'{}.type' must be local or ssh, got '{}'", path, type));
    }
    if (node.type == NodeSpec::Type::Local) {
      for (const char* k : {"host", "user", "key", "port", "known_hosts"})
        if (e[k]) r.fail(e[k], fmt::format("'{}.{}' is for an ssh node; '{}' is local", path, k, node.name));
    } else {
      if (node.name == kLocalNodeName) r.fail(e["name"], fmt::format("'{}': the node named 'local' is this host", path));
      if (!e["host"]) r.fail(e, fmt::format("'{}' (ssh) needs a 'host'", path));
      node.host = r.string(e["host"], path + ".host");
      if (node.host.empty() || node.host[0] == '-' || !boost::regex_match(node.host, host_re))
        r.fail(e["host"], fmt::format("'{}.host' must be a host name or address, got '{}'", path, node.host));
      if (e["user"]) {
        node.user = r.string(e["user"], path + ".user");
        if (!boost::regex_match(node.user, user_re))
          r.fail(e["user"], fmt::format("'{}.user' must be a user name, got '{}'", path, node.user));
      }
      if (e["port"]) node.port = r.integer(e["port"], path + ".port", 1, 65535);
      // Files of this host (the tester): relative to the topology file.
      for (auto [key, field] : {std::pair{"key", &node.key}, std::pair{"known_hosts", &node.known_hosts}}) {
        if (!e[key]) continue;
        fs::path p = r.string(e[key], path + "." + key);
        if (p.is_relative()) p = (r.file().parent_path() / p).lexically_normal();
        std::error_code ec;
        if (!fs::is_regular_file(p, ec)) r.fail(e[key], fmt::format("'{}.{}': {} is not a file", path, key, p.string()));
        *field = p;
      }
    }
    if (node.name == kLocalNodeName) {
      t.nodes.front() = node;  // listing the local node changes nothing but where it is said
      continue;
    }
    if (t.find_node(node.name)) r.fail(e["name"], fmt::format("node '{}' is listed twice", node.name));
    t.nodes.push_back(node);
  }
}

// The guest lab. Its PCI devices are the guest's (QEMU makes them at the addresses given), so they
// are checked for form here, not on this node.
VmLab read_vm(const Reader& r, const YAML::Node& n) {
  r.expect_map(n, "vm", {"memory_mb", "cpus", "accelerator", "hugepages", "boot_timeout", "boot_snapshot", "vhost_user",
                         "pci"});
  VmLab vm;
  if (n["memory_mb"]) vm.memory_mb = r.integer(n["memory_mb"], "vm.memory_mb", 256, 65536);
  if (n["cpus"]) vm.cpus = r.integer(n["cpus"], "vm.cpus", 1, 64);
  if (n["accelerator"]) {
    vm.accelerator = r.string(n["accelerator"], "vm.accelerator");
    if (vm.accelerator != "auto" && vm.accelerator != "kvm" && vm.accelerator != "tcg")
      r.fail(n["accelerator"], fmt::format("'vm.accelerator' must be auto, kvm or tcg, got '{}'", vm.accelerator));
  }
  if (n["hugepages"]) vm.hugepages = r.integer(n["hugepages"], "vm.hugepages", 32, 16384);
  if (vm.hugepages * 2 + 256 > vm.memory_mb)
    r.fail(n["hugepages"] ? n["hugepages"] : n["memory_mb"] ? n["memory_mb"] : n,
           fmt::format("vm.hugepages: {} pages of 2 MB need vm.memory_mb of at least {} (the guest kernel and its "
                       "initramfs live in RAM too), got {}",
                       vm.hugepages, vm.hugepages * 2 + 256, vm.memory_mb));
  if (n["boot_timeout"]) vm.boot_timeout = r.number(n["boot_timeout"], "vm.boot_timeout", 10, 3600);
  if (n["boot_snapshot"]) vm.boot_snapshot = r.boolean(n["boot_snapshot"], "vm.boot_snapshot");

  static const boost::regex bdf(R"(^0000:00:([0-9a-fA-F]{2})\.0$)");
  std::set<int> slots;
  // Every guest port: an address on bus 0 (function 0) in a free slot, the DPDK driver the image
  // carries, and the kernel driver it goes back to.
  auto read_port = [&](const YAML::Node& p, const std::string& path, PciDevice& d) {
    if (!p["address"]) r.fail(p, fmt::format("'{}' needs 'address' (e.g. 0000:00:05.0)", path));
    d.address = r.string(p["address"], path + ".address");
    boost::smatch m;
    if (!boost::regex_match(d.address, m, bdf))
      r.fail(p["address"], fmt::format("'{}.address' must be a guest PCI address on bus 0, function 0, like "
                                       "0000:00:05.0, got '{}'",
                                       path, d.address));
    const int slot = std::stoi(m[1].str(), nullptr, 16);
    if (slot < 2 || slot > 0x1e)
      r.fail(p["address"], fmt::format("'{}.address': slot {:#x} is not free in the guest (0 and 1 are the chipset's, "
                                       "0x1f carries the consoles): use 0x2..0x1e",
                                       path, slot));
    if (!slots.insert(slot).second)
      r.fail(p["address"], fmt::format("guest PCI address {} is used twice", d.address));
    d.dpdk_driver = p["dpdk_driver"] ? r.string(p["dpdk_driver"], path + ".dpdk_driver") : "uio_pci_generic";
    if (d.dpdk_driver != "uio_pci_generic")
      r.fail(p["dpdk_driver"], fmt::format("'{}.dpdk_driver' must be uio_pci_generic in the guest (got '{}'): its "
                                           "Debian kernel has no VFIO no-IOMMU mode, and vfio-pci behind an emulated "
                                           "IOMMU makes QEMU 7.2 abort on a hotplug detach",
                                           path, d.dpdk_driver));
    d.kernel_driver = p["kernel_driver"] ? r.string(p["kernel_driver"], path + ".kernel_driver") : "virtio-pci";
    if (d.kernel_driver != "virtio-pci")
      r.fail(p["kernel_driver"], fmt::format("'{}.kernel_driver' must be virtio-pci (the guest's driver for "
                                             "virtio-net-pci), got '{}'",
                                             path, d.kernel_driver));
  };

  if (!n["vhost_user"]) r.fail(n, "'vm' needs 'vhost_user': the plan's two virtio-net-pci ports backed by vhost-user");
  const auto vu = n["vhost_user"];
  if (!vu.IsSequence() || vu.size() != 2)
    r.fail(vu, "'vm.vhost_user' must list exactly two ports: the plan's ports 0 and 1 (symmetric_mp -p 3)");
  for (std::size_t i = 0; i < vu.size(); ++i) {
    const auto path = fmt::format("vm.vhost_user[{}]", i);
    r.expect_map(vu[i], path, {"address", "queues", "dpdk_driver", "kernel_driver"});
    VmVhostPort port;
    read_port(vu[i], path, port.pci);
    if (vu[i]["queues"]) port.queues = r.integer(vu[i]["queues"], path + ".queues", 2, 8);
    vm.vhost_user.push_back(port);
  }
  if (const auto p = n["pci"]) {
    if (!p.IsSequence()) r.fail(p, "'vm.pci' must be a list of emulated NICs");
    for (std::size_t i = 0; i < p.size(); ++i) {
      const auto path = fmt::format("vm.pci[{}]", i);
      r.expect_map(p[i], path, {"address", "model", "dpdk_driver", "kernel_driver"});
      VmNic nic;
      read_port(p[i], path, nic.pci);
      if (p[i]["model"]) nic.model = r.string(p[i]["model"], path + ".model");
      if (nic.model != "virtio-net-pci")
        r.fail(p[i]["model"], fmt::format("'{}.model' must be virtio-net-pci, got '{}' (e1000: the guest's Debian cloud "
                                          "kernel has no e1000 driver, so the port could not go back to a kernel "
                                          "driver after a case)",
                                          path, nic.model));
      vm.pci.push_back(nic);
    }
  }
  return vm;
}

}  // namespace

Topology parse_topology(const std::string& text, const std::filesystem::path& file,
                        const std::optional<NodeRoots>& node) {
  Reader r(file);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw ConfigError(fmt::format("{}:{}:{}: YAML syntax error: {}", file.string(), e.mark.line + 1, e.mark.column + 1,
                                  e.msg));
  }
  // Aliases are shared nodes: a few lines can name billions of them ("billion laughs"). A topology
  // is a few hundred nodes; reading more than this many, aliases expanded, is refused before use.
  std::size_t budget = kMaxTopologyNodes;
  count_nodes(r, root, budget, 0);
  if (!root.IsMap()) r.fail(root, "a topology must be a mapping with at least 'name' and 'devices'");
  r.expect_map(root, "topology", {"name", "nodes", "targets", "devices", "vm", "timeouts", "plan", "dpdk"});

  Topology t;
  t.file = file;
  t.text = text;
  if (!root["name"]) r.fail(root, "a topology needs a 'name'");
  t.name = r.string(root["name"], "name");
  if (t.name.empty()) r.fail(root["name"], "'name' must not be empty");

  if (root["nodes"]) read_nodes(r, root["nodes"], t);

  const auto targets = default_targets_dir();
  t.hotplug_mp.path = targets / "hotplug_mp";
  t.symmetric_mp.path = targets / "symmetric_mp";
  t.testpmd.path = "/usr/bin/dpdk-testpmd";
  if (const auto n = root["targets"]) {
    r.expect_map(n, "targets", {"hotplug_mp", "symmetric_mp", "testpmd"});
    if (n["hotplug_mp"]) {
      read_target(r, n["hotplug_mp"], "targets.hotplug_mp", t.hotplug_mp, {"contract", "from"}, t);
      if (n["hotplug_mp"]["contract"]) read_contract(r, n["hotplug_mp"]["contract"], t.hotplug_mp.contract);
    }
    if (n["symmetric_mp"]) {
      read_target(r, n["symmetric_mp"], "targets.symmetric_mp", t.symmetric_mp, {"dpdk_offload_args", "from"}, t);
      if (n["symmetric_mp"]["dpdk_offload_args"])
        t.symmetric_mp.dpdk_offload_args =
            r.strings(n["symmetric_mp"]["dpdk_offload_args"], "targets.symmetric_mp.dpdk_offload_args");
    }
    if (n["testpmd"]) {
      read_target(r, n["testpmd"], "targets.testpmd", t.testpmd, {"prompt"}, t);
      if (n["testpmd"]["prompt"]) t.testpmd.prompt = r.string(n["testpmd"]["prompt"], "targets.testpmd.prompt");
    }
  }

  if (!root["devices"]) r.fail(root, "a topology needs 'devices' (what the cases may use)");
  std::vector<YAML::Node> pci_nodes;
  read_devices(r, root["devices"], t, pci_nodes);

  if (const auto n = root["vm"]) {
    t.vm = read_vm(r, n);
    // The guest image carries this host's target binaries, and testpmd backs the guest's ports here.
    for (const auto* target : {static_cast<const TargetBinary*>(&t.hotplug_mp),
                               static_cast<const TargetBinary*>(&t.symmetric_mp),
                               static_cast<const TargetBinary*>(&t.testpmd)})
      if (target->node != kLocalNodeName)
        r.fail(n, fmt::format("'vm': the QEMU guest runs on this host, so its targets must too, but a target is on "
                              "node '{}'",
                              target->node));
  }

  if (const auto n = root["timeouts"]) {
    r.expect_map(n, "timeouts", {"start", "command", "quit"});
    if (n["start"]) t.timeouts.start = r.number(n["start"], "timeouts.start", 0.1, 3600);
    if (n["command"]) t.timeouts.command = r.number(n["command"], "timeouts.command", 0.1, 3600);
    if (n["quit"]) t.timeouts.quit = r.number(n["quit"], "timeouts.quit", 0.1, 3600);
  }
  if (const auto n = root["dpdk"]) read_dpdk(r, n, t);
  if (const auto n = root["plan"]) {
    r.expect_map(n, "plan", {"repeat"});
    if (n["repeat"]) t.repeat = r.integer(n["repeat"], "plan.repeat", 1, 1000);
  }
  // Last: the file is well-formed; now the node (read-only).
  if (node) check_pci_on_node(r, t, pci_nodes, *node);
  return t;
}

Topology load_topology(const std::filesystem::path& file, const std::optional<NodeRoots>& node) {
  // A regular file of a topology's size: not a device (/dev/zero), a FIFO or a directory, and not
  // megabytes (read in full before it is parsed).
  constexpr std::uintmax_t kMaxBytes = 1 << 20;
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (ec || !std::filesystem::exists(status))
    throw ConfigError(fmt::format("{}: cannot read the topology file (it does not exist)", file.string()));
  if (!std::filesystem::is_regular_file(status))
    throw ConfigError(fmt::format("{}: cannot read the topology file: not a regular file", file.string()));
  if (const auto size = std::filesystem::file_size(file, ec); !ec && size > kMaxBytes)
    throw ConfigError(fmt::format("{}: the topology file is {} bytes; a topology is at most {} bytes", file.string(),
                                  size, kMaxBytes));
  std::ifstream in(file);
  if (!in) throw ConfigError(fmt::format("{}: cannot read the topology file", file.string()));
  std::stringstream ss;
  ss << in.rdbuf();
  auto absolute = std::filesystem::absolute(file, ec);
  return parse_topology(ss.str(), ec ? file : absolute, node);
}

}  // namespace mpdts
