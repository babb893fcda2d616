#include "topology/pci_node.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace mpdts {
namespace fs = std::filesystem;

namespace {

std::string first_line(const fs::path& p) {
  std::ifstream in(p);
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\n' || line.back() == ' ')) line.pop_back();
  return line;
}

// Routes through `iface`: /proc/net/route names the interface in its first column (after a header
// line), /proc/net/ipv6_route in its last.
int count_routes(const fs::path& file, const std::string& iface, bool first_column) {
  std::ifstream in(file);
  std::string line;
  int n = 0;
  bool header = first_column;
  while (std::getline(in, line)) {
    if (header) {
      header = false;
      continue;
    }
    std::istringstream cols(line);
    std::vector<std::string> c;
    for (std::string w; cols >> w;) c.push_back(w);
    if (c.empty()) continue;
    if ((first_column ? c.front() : c.back()) == iface) ++n;
  }
  return n;
}

}  // namespace

std::string KernelInterface::describe() const {
  std::vector<std::string> why;
  if (!operstate.empty()) why.push_back("operstate " + operstate);
  if (admin_up) why.push_back("IFF_UP");
  if (ipv4_routes) why.push_back(fmt::format("{} IPv4 route{}", ipv4_routes, ipv4_routes == 1 ? "" : "s"));
  if (ipv6_routes) why.push_back(fmt::format("{} IPv6 route{}", ipv6_routes, ipv6_routes == 1 ? "" : "s"));
  std::string out = name + " (";
  for (std::size_t i = 0; i < why.size(); ++i) out += (i ? ", " : "") + why[i];
  return out + ")";
}

bool pci_device_exists(const std::string& address, const NodeRoots& node) {
  std::error_code ec;
  return fs::is_directory(node.sys / "bus/pci/devices" / address, ec);
}

std::vector<KernelInterface> pci_kernel_interfaces(const std::string& address, const NodeRoots& node) {
  std::vector<KernelInterface> out;
  std::error_code ec;
  // The device entry is a link to its directory under /sys/devices: start there, follow no more links.
  const fs::path dev = fs::canonical(node.sys / "bus/pci/devices" / address, ec);
  if (ec) return out;
  fs::recursive_directory_iterator it(dev, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    if (it.depth() >= 3) it.disable_recursion_pending();  // net/ sits at most at virtioN/net/<if>
    std::error_code e2;
    if (it->is_symlink(e2) || !it->is_directory(e2) || it->path().filename() != "net") continue;
    for (const auto& ifdir : fs::directory_iterator(it->path(), e2)) {
      KernelInterface k;
      k.name = ifdir.path().filename().string();
      k.operstate = first_line(ifdir.path() / "operstate");
      try {
        k.admin_up = (std::stoul(first_line(ifdir.path() / "flags"), nullptr, 16) & 0x1) != 0;
      } catch (const std::exception&) {
      }
      k.ipv4_routes = count_routes(node.proc / "net/route", k.name, true);
      k.ipv6_routes = count_routes(node.proc / "net/ipv6_route", k.name, false);
      out.push_back(k);
    }
    it.disable_recursion_pending();
  }
  return out;
}

}  // namespace mpdts
