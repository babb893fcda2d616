#include "vm/guest_port.hpp"

#include <fmt/format.h>

namespace mpdts::vm {

bool physical_in_guest(const Topology& t) { return t.vm.has_value(); }

std::string missing_guest_port_reason(const Topology& t) {
  if (t.vm->pci.empty())
    return fmt::format("topology '{}' has a VM lab but no emulated NIC in it (vm.pci) for the physical cases", t.name);
  return "";
}

GuestPort::GuestPort(const Topology& topology, std::string_view tag, Transcript& transcript)
    : transcript_(transcript) {
  const auto& pci = topology.vm->pci.front().pci;
  address_ = pci.address;
  lab_case_ = std::make_unique<LabCase>(topology, transcript_);
  sandbox_ = std::make_unique<GuestSandbox>(lab_case_->shell(), tag, transcript_);
  binding_ = std::make_unique<GuestPciBinding>(lab_case_->shell(), std::vector<PciDevice>{pci}, transcript_);
}

GuestPort::~GuestPort() = default;

std::vector<std::string> GuestPort::eal_argv(const std::filesystem::path& host_binary) const {
  std::vector<std::string> argv{GuestLab::guest_program(host_binary)};
  for (auto& a : sandbox_->args({address_})) argv.push_back(a);
  return argv;
}

std::unique_ptr<GuestProcess> GuestPort::spawn(const std::vector<std::string>& argv, const std::string& name,
                                               Seconds shell_timeout) {
  return lab_case_->lab().spawn(argv, name, transcript_, shell_timeout);
}

void GuestPort::bind_dpdk() { binding_->bind_dpdk(); }

std::vector<std::string> GuestPort::finish() { return lab_case_->finish(binding_, sandbox_); }

}  // namespace mpdts::vm
