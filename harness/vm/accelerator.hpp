// Which accelerator a guest runs on. KVM only when it really works: /dev/kvm can exist and accept
// ioctls while a guest kernel still never boots under it (a nested software hypervisor), so the
// proof is a boot that reaches the control shell within a short deadline; otherwise TCG. The
// verdict is remembered per machine (host kernel, QEMU, CPU) so a run pays for a failed probe once.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace mpdts {

enum class Accelerator { Kvm, Tcg };
std::string to_string(Accelerator a);

enum class AccelPolicy {
  Auto,   // the remembered verdict, else probe KVM and fall back to TCG
  Probe,  // probe KVM again, whatever was remembered
  Kvm,    // KVM, failing if it does not boot
  Tcg,    // TCG only
};

// MPDTS_VM_ACCEL=auto|probe|kvm|tcg (default auto); throws ConfigError on anything else.
AccelPolicy accel_policy_from_env();

// Why KVM cannot even be tried here ("no /dev/kvm", "KVM_CREATE_VM failed: ..."), or nullopt.
std::optional<std::string> kvm_unavailable_reason();

struct AccelVerdict {
  Accelerator accelerator = Accelerator::Tcg;
  std::string reason;  // e.g. "KVM booted to the control shell in 1.2s", "KVM probe: no shell within 20s"
};

// The remembered verdict for this machine, if any (file under `cache_dir`, keyed by host kernel,
// QEMU version and CPU model); remember_verdict() stores one.
std::optional<AccelVerdict> remembered_verdict(const std::filesystem::path& cache_dir);
void remember_verdict(const std::filesystem::path& cache_dir, const AccelVerdict& verdict);

}  // namespace mpdts
