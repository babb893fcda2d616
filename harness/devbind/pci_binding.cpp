#include "devbind/pci_binding.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "core/error.hpp"
#include "node/node.hpp"

namespace mpdts {
namespace {
const char* kDevbind = "/usr/bin/dpdk-devbind.py";
const Seconds kDevbindTimeout{60};
}  // namespace

std::string current_pci_driver(const std::string& address) {
  std::error_code ec;
  const auto link = std::filesystem::read_symlink("/sys/bus/pci/devices/" + address + "/driver", ec);
  return ec ? "" : link.filename().string();
}

std::string current_pci_driver(Node& node, const std::string& address) {
  if (node.is_local()) return current_pci_driver(address);
  const auto r = node.run({"readlink", "/sys/bus/pci/devices/" + address + "/driver"}, Deadline::in(kDevbindTimeout));
  if (!r.ok()) return "";
  auto link = r.output;
  while (!link.empty() && (link.back() == '\n' || link.back() == '\r')) link.pop_back();
  return std::filesystem::path(link).filename().string();
}

PciBinding::PciBinding(const PciDevice& device, Transcript& transcript)
    : PciBinding(local_node(), device, transcript) {}

PciBinding::PciBinding(Node& node, const PciDevice& device, Transcript& transcript)
    : node_(node), device_(device), transcript_(transcript) {
  if (!node_.exists("/sys/bus/pci/devices/" + device_.address))
    throw HarnessError(fmt::format("PCI device {} does not exist on {}", device_.address,
                                   node_.is_local() ? "this node" : "node " + node_.name()));
}

PciBinding::~PciBinding() { cleanup_.reset(); }

void PciBinding::bind(const std::string& driver) {
  // dpdk-devbind refuses a device whose interface is active (routes), which is the safety we want.
  node_.run_checked({kDevbind, "--bind=" + driver, device_.address}, Deadline::in(kDevbindTimeout), &transcript_);
  const auto now = current_pci_driver(node_, device_.address);
  if (now != driver)
    throw HarnessError(fmt::format("{} should be bound to {} but is bound to '{}'", device_.address, driver, now));
}

void PciBinding::bind_dpdk() {
  if (!changed_) {
    // Registered (and journaled, with the driver to restore) before the device is touched.
    cleanup_ = ScopedCleanup(fmt::format("re-bind {} to {}", device_.address, device_.kernel_driver),
                             [this] {
                               if (changed_) restore();
                             },
                             node_.journaled({JournalEffect::pci_binding(device_.address, device_.kernel_driver)}));
    changed_ = true;
  }
  bind(device_.dpdk_driver);
  node_.run({kDevbind, "--status"}, Deadline::in(kDevbindTimeout), &transcript_);
}

void PciBinding::restore() {
  bind(device_.kernel_driver);
  changed_ = false;
  cleanup_.release();  // restored and checked: journaled as undone
}

}  // namespace mpdts
