#include "devbind/pci_binding.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "core/error.hpp"
#include "process/child_process.hpp"

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

PciBinding::PciBinding(const PciDevice& device, Transcript& transcript) : device_(device), transcript_(transcript) {
  if (!std::filesystem::exists("/sys/bus/pci/devices/" + device_.address))
    throw HarnessError(fmt::format("PCI device {} does not exist on this node", device_.address));
}

PciBinding::~PciBinding() { cleanup_.reset(); }

void PciBinding::bind(const std::string& driver) {
  // dpdk-devbind refuses a device whose interface is active (routes), which is the safety we want.
  run_checked({kDevbind, "--bind=" + driver, device_.address}, Deadline::in(kDevbindTimeout), &transcript_);
  const auto now = current_pci_driver(device_.address);
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
                             {JournalEffect::pci_binding(device_.address, device_.kernel_driver)});
    changed_ = true;
  }
  bind(device_.dpdk_driver);
  run_command({kDevbind, "--status"}, Deadline::in(kDevbindTimeout), &transcript_);
}

void PciBinding::restore() {
  bind(device_.kernel_driver);
  changed_ = false;
  cleanup_.release();  // restored and checked: journaled as undone
}

}  // namespace mpdts
