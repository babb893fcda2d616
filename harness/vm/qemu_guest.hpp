// A QEMU guest booted from the mpdts image, for as long as this object lives: QEMU runs as a child
// process in a group of its own (its serial console in the transcript), the harness holds the
// control shell on hvc0, and up to 16 more virtio consoles (/dev/hvc1..) are unix sockets on the
// host for targets started in the guest. Stopping (destructor, or the cleanup stack on Ctrl-C)
// powers the guest off or kills QEMU and removes every socket and file it made.
//
//   TestpmdBackend vhost(testpmd, {{sock0, 2, true}, {sock1, 2, true}}, timeouts, t);  // first!
//   GuestConfig cfg;
//   cfg.image = build_guest_image({.targets = {hotplug_mp}}, Deadline::in(Seconds(300)), t);
//   cfg.vhost_user = {{sock0, 2, 5}, {sock1, 2, 6}};             // 0000:00:05.0, 0000:00:06.0
//   QemuGuest vm(cfg, t);
//   vm.shell().run_checked("dpdk-devbind.py --status", Deadline::in(Seconds(30)));
//   auto con = connect_console(vm.console_socket(1), "primary", t);   // connect, then start
//   int pid = vm.shell().spawn(vm.console_device(1), {"hotplug_mp", ...}, Deadline::in(Seconds(10)));
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/cleanup_stack.hpp"
#include "process/child_process.hpp"
#include "vm/boot_snapshot.hpp"
#include "vm/guest_config.hpp"
#include "vm/guest_shell.hpp"
#include "vm/unix_socket.hpp"

namespace mpdts {

class QemuGuest {
 public:
  // Boots the guest and waits for its control shell; throws HarnessError (with the transcript's
  // end) if it does not come up. With AccelPolicy::Auto, KVM is tried first unless this machine is
  // known not to boot under it, and TCG takes over when KVM gives no shell within kvm_probe_timeout.
  QemuGuest(GuestConfig config, Transcript& transcript);
  ~QemuGuest();
  QemuGuest(const QemuGuest&) = delete;
  QemuGuest& operator=(const QemuGuest&) = delete;

  GuestShell& shell() { return *shell_; }
  Accelerator accelerator() const { return accel_; }
  const std::string& accelerator_reason() const { return accel_reason_; }
  // QEMU start to the control shell's ready marker, on the accelerator finally used (includes
  // QEMU waiting for the vhost-user backends).
  double boot_seconds() const { return boot_seconds_; }
  // How it came up: "cold boot", "cold boot (state saved for the next boots)", "resumed from its
  // saved state" (vm/boot_snapshot.hpp).
  const std::string& boot_kind() const { return boot_kind_; }
  // Seconds spent on a KVM attempt that failed before this boot (0 if none).
  double failed_probe_seconds() const { return failed_probe_seconds_; }

  // Console n (1..consoles): the host socket and the guest tty it carries.
  std::filesystem::path console_socket(int n) const;
  std::string console_device(int n) const;

  const GuestConfig& config() const { return config_; }
  const std::filesystem::path& work_dir() const { return work_dir_; }
  pid_t qemu_pid() const;
  bool running();

  // The guest's boot profile ("<uptime> <stage>" lines written by its init).
  std::string boot_profile(Deadline deadline);

  // poweroff -f through the shell, else SIGTERM then SIGKILL to QEMU's group, within `grace`;
  // then the sockets and the work directory go. Idempotent.
  void stop(Seconds grace = Seconds(15));

  // What is left of this guest after stop(): QEMU still alive, files.
  std::vector<std::string> leftovers() const;

 private:
  bool boot(Accelerator accel, Deadline deadline, bool probing);
  // One QEMU start. Cold and Probe wait for the agent's ready line; Restore resumes `snapshot`'s
  // state. Probe and Restore return false when the guest does not come up, Cold throws.
  enum class Start { Cold, Probe, Restore };
  bool start(Accelerator accel, Deadline deadline, Start how, const BootSnapshot* snapshot);
  void save_state(UnixListener& monitor, const BootSnapshot& snapshot, Deadline deadline);
  void kill_qemu();
  void remove_files();

  GuestConfig config_;
  Transcript& transcript_;
  std::filesystem::path work_dir_;
  QemuPaths paths_;
  std::unique_ptr<ChildProcess> qemu_;
  std::unique_ptr<GuestShell> shell_;
  pid_t last_pid_ = -1;
  Accelerator accel_ = Accelerator::Tcg;
  std::string accel_reason_;
  double boot_seconds_ = 0;
  std::string boot_kind_;
  double failed_probe_seconds_ = 0;
  ScopedCleanup cleanup_;
};

}  // namespace mpdts
