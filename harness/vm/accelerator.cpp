#include "vm/accelerator.hpp"

#include <fcntl.h>
#include <linux/kvm.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>

#include <fmt/format.h>

#include "core/error.hpp"
#include "process/child_process.hpp"

namespace mpdts {
namespace fs = std::filesystem;

std::string to_string(Accelerator a) { return a == Accelerator::Kvm ? "kvm" : "tcg"; }

AccelPolicy accel_policy_from_env() {
  const char* v = std::getenv("MPDTS_VM_ACCEL");
  const std::string s = v ? v : "";
  if (s.empty() || s == "auto") return AccelPolicy::Auto;
  if (s == "probe") return AccelPolicy::Probe;
  if (s == "kvm") return AccelPolicy::Kvm;
  if (s == "tcg") return AccelPolicy::Tcg;
  throw ConfigError(fmt::format("MPDTS_VM_ACCEL={}: expected auto, probe, kvm or tcg", s));
}

std::optional<std::string> kvm_unavailable_reason() {
  const int kvm = ::open("/dev/kvm", O_RDWR | O_CLOEXEC);
  if (kvm < 0) return fmt::format("cannot open /dev/kvm: {}", std::strerror(errno));
  std::optional<std::string> why;
  const int version = ::ioctl(kvm, KVM_GET_API_VERSION, 0);
  if (version != KVM_API_VERSION) {
    why = fmt::format("KVM_GET_API_VERSION returned {}", version);
  } else {
    const int vm = ::ioctl(kvm, KVM_CREATE_VM, 0);
    if (vm < 0)
      why = fmt::format("KVM_CREATE_VM failed: {}", std::strerror(errno));
    else
      ::close(vm);
  }
  ::close(kvm);
  return why;
}

namespace {

std::string first_line_with(const char* file, const char* prefix) {
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(prefix, 0) == 0) return line;
  return "";
}

// What the verdict depends on: this host's kernel, its QEMU and its CPU.
fs::path verdict_file(const fs::path& cache_dir) {
  utsname u{};
  ::uname(&u);
  static const std::string qemu = [] {
    try {
      return run_checked({"qemu-system-x86_64", "--version"}, Deadline::in(Seconds(10)));
    } catch (const std::exception&) {
      return std::string("unknown");
    }
  }();
  const std::string identity = fmt::format("{} {} {} {}", u.release, u.version, qemu,
                                           first_line_with("/proc/cpuinfo", "model name"));
  return cache_dir / fmt::format("accel-verdict-{:016x}", std::hash<std::string>{}(identity));
}

}  // namespace

std::optional<AccelVerdict> remembered_verdict(const fs::path& cache_dir) {
  std::ifstream in(verdict_file(cache_dir));
  std::string accel, reason;
  if (!(in >> accel) || !std::getline(in >> std::ws, reason)) return std::nullopt;
  if (accel != "kvm" && accel != "tcg") return std::nullopt;
  return AccelVerdict{accel == "kvm" ? Accelerator::Kvm : Accelerator::Tcg, reason};
}

void remember_verdict(const fs::path& cache_dir, const AccelVerdict& verdict) {
  std::error_code ec;
  fs::create_directories(cache_dir, ec);
  const fs::path file = verdict_file(cache_dir);
  const fs::path tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp);
    out << to_string(verdict.accelerator) << ' ' << verdict.reason << '\n';
  }
  fs::rename(tmp, file, ec);
}

}  // namespace mpdts
