#include "vm/guest_config.hpp"

#include <set>

#include <fmt/format.h>

#include "core/error.hpp"

namespace mpdts {

std::string guest_pci_address(int slot) { return fmt::format("0000:00:{:02x}.0", slot); }

void validate(const GuestConfig& config) {
  std::set<int> used{0, 1, kVirtioSerialSlot};  // host bridge, PIIX3 (ISA/IDE/ACPI), consoles
  auto take = [&](int slot, const std::string& what) {
    if (slot < 2 || slot > 31) throw ConfigError(fmt::format("{}: PCI slot {} is outside 2..31", what, slot));
    if (!used.insert(slot).second)
      throw ConfigError(fmt::format("{}: PCI slot {} ({}) is already taken", what, slot, guest_pci_address(slot)));
  };
  for (const auto& n : config.vhost_user) {
    take(n.pci_slot, "vhost-user NIC " + n.socket.string());
    if (n.queues < 1 || n.queues > 8) throw ConfigError(fmt::format("vhost-user NIC: {} queues (1..8)", n.queues));
    if (n.socket.empty()) throw ConfigError("vhost-user NIC without a socket path");
  }
  for (const auto& n : config.emulated) {
    if (n.model != "e1000" && n.model != "virtio-net-pci")
      throw ConfigError(fmt::format("emulated NIC model {}: expected e1000 or virtio-net-pci", n.model));
    take(n.pci_slot, n.model + " NIC");
  }
  if (config.cpus < 1) throw ConfigError("a guest needs at least one CPU");
  if (config.consoles < 0 || config.consoles > 16) throw ConfigError("consoles: 0..16");
  // The kernel and the initramfs (unpacked into RAM) need room besides the hugepages.
  if (config.hugepages * 2 + 256 > config.memory_mb)
    throw ConfigError(fmt::format("{} hugepages (2 MB) need more than {} MB of guest memory ({} at least)",
                                  config.hugepages, config.memory_mb, config.hugepages * 2 + 256));
}

std::vector<std::string> qemu_argv(const GuestConfig& config, Accelerator accel, const QemuPaths& paths) {
  const bool tcg = accel == Accelerator::Tcg;
  std::vector<std::string> a{"qemu-system-x86_64", "-name", config.name, "-nodefaults", "-no-user-config",
                             "-nographic", "-serial", "stdio", "-no-reboot"};
  if (tcg)
    // -cpu max: DPDK needs SSE4.2, which the default qemu64 model lacks.
    a.insert(a.end(), {"-accel", "tcg,thread=multi", "-cpu", "max"});
  else
    // The host's CPU minus the MSR this kind of nested KVM refuses to set.
    a.insert(a.end(), {"-accel", "kvm", "-cpu", "host,-arch-capabilities"});
  a.insert(a.end(), {"-smp", std::to_string(config.cpus), "-m", std::to_string(config.memory_mb)});
  // Guest RAM in a shareable memfd: the vhost-user backend maps it to reach the virtqueues.
  a.insert(a.end(), {"-object", fmt::format("memory-backend-memfd,id=mem,size={}M,share=on", config.memory_mb),
                     "-numa", "node,memdev=mem"});
  // init_on_alloc=0: the Debian kernel zeroes every page it allocates by default, which makes
  // reserving the hugepages cost seconds under TCG; the pages are cleared when faulted in anyway.
  a.insert(a.end(), {"-kernel", config.image.kernel.string(), "-initrd", config.image.initramfs.string(), "-append",
                     fmt::format("console=ttyS0 quiet panic=-1 init_on_alloc=0 mpdts.hugepages={} mpdts.console=hvc0",
                                 config.hugepages)});

  // Consoles: hvc0 is the control channel (QEMU connects to the harness), then one per target.
  a.insert(a.end(), {"-device", fmt::format("virtio-serial-pci,id=vser,addr={:#x}", kVirtioSerialSlot)});
  a.insert(a.end(), {"-chardev", fmt::format("socket,id=ctl,path={}", paths.control_socket.string()), "-device",
                     "virtconsole,bus=vser.0,nr=0,chardev=ctl,name=mpdts.control"});
  for (std::size_t i = 0; i < paths.console_sockets.size(); ++i)
    a.insert(a.end(), {"-chardev",
                       fmt::format("socket,id=con{},path={},server=on,wait=off", i + 1, paths.console_sockets[i].string()),
                       "-device", fmt::format("virtconsole,bus=vser.0,nr={0},chardev=con{0},name=mpdts.console{0}", i + 1)});

  for (std::size_t i = 0; i < config.vhost_user.size(); ++i) {
    const auto& n = config.vhost_user[i];
    // MSI-X under TCG with vhost-user crashes QEMU 7.2 when the guest starts the NIC: INTx there.
    const int vectors = tcg ? 0 : 2 * n.queues + 2;
    a.insert(a.end(), {"-chardev", fmt::format("socket,id=vu{},path={},server=on", i, n.socket.string()), "-netdev",
                       fmt::format("vhost-user,id=vun{0},chardev=vu{0},queues={1}", i, n.queues), "-device",
                       fmt::format("virtio-net-pci,netdev=vun{},mq=on,vectors={},addr={:#x},mac=52:54:00:00:00:{:02x}",
                                   i, vectors, n.pci_slot, n.pci_slot)});
  }
  for (const auto& n : config.emulated)
    // No netdev: the NIC exists on the PCI bus and leads nowhere.
    a.insert(a.end(), {"-device", fmt::format("{},addr={:#x},mac=52:54:00:00:01:{:02x}", n.model, n.pci_slot, n.pci_slot)});
  return a;
}

}  // namespace mpdts
