#include "vm/qemu_guest.hpp"
#include "core/case_facts.hpp"
#include "core/progress.hpp"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>

#include <fmt/format.h>

#include "core/error.hpp"
#include "process/transcript.hpp"
#include "vm/boot_snapshot.hpp"
#include "vm/qmp_client.hpp"
#include "vm/unix_socket.hpp"

namespace mpdts {
namespace fs = std::filesystem;

namespace {

fs::path new_work_dir() {
  static std::atomic<int> counter{0};
  return fs::path("/tmp/mpdts") / fmt::format("vm-{}-{}", ::getpid(), ++counter);
}

// Resuming a saved state takes seconds: far less than a boot, and a hung resume must not eat the boot's time.
const Seconds kRestoreTimeout{60};
const Seconds kSaveTimeout{60};
constexpr std::size_t kSnapshotsKept = 4;  // per image: the lab's guest and the harness tests' guests

double seconds_since(Clock::time_point t) { return std::chrono::duration_cast<Seconds>(Clock::now() - t).count(); }

}  // namespace

QemuGuest::QemuGuest(GuestConfig config, Transcript& transcript)
    : config_(std::move(config)), transcript_(transcript), work_dir_(new_work_dir()) {
  validate(config_);
  // Journaled: a SIGKILLed harness's sockets and files are removed by mpdts-recover.
  cleanup_ = ScopedCleanup(fmt::format("remove QEMU guest files {}", work_dir_.string()), [this] { remove_files(); },
                           {JournalEffect::dir(work_dir_, "scratch")});
  fs::create_directories(work_dir_);
  transcript_.note("harness", fmt::format("guest {}: its sockets and files in {}", config_.name, work_dir_.string()));
  paths_.control_socket = work_dir_ / "control.sock";
  for (int i = 1; i <= config_.consoles; ++i) paths_.console_sockets.push_back(work_dir_ / fmt::format("hvc{}.sock", i));

  const Deadline deadline = Deadline::in(config_.boot_timeout);
  const fs::path cache_dir = config_.image.dir.empty() ? fs::path("/var/cache/mpdts/guest") : config_.image.dir.parent_path();
  AccelPolicy policy = config_.accel;
  std::optional<AccelVerdict> remembered;
  if (policy == AccelPolicy::Auto) {
    remembered = remembered_verdict(cache_dir);
    if (!remembered) policy = AccelPolicy::Probe;
  }

  if (policy == AccelPolicy::Tcg) {
    accel_reason_ = "TCG asked for (MPDTS_VM_ACCEL=tcg or the guest's configuration)";
  } else if (policy == AccelPolicy::Auto && remembered->accelerator == Accelerator::Tcg) {
    accel_reason_ = "remembered for this machine: " + remembered->reason;
    policy = AccelPolicy::Tcg;
  } else if (const auto why = kvm_unavailable_reason()) {
    if (policy == AccelPolicy::Kvm) throw HarnessError("KVM asked for, but " + *why);
    accel_reason_ = "KVM not usable: " + *why;
    policy = AccelPolicy::Tcg;
  }

  if (policy != AccelPolicy::Tcg) {
    // KVM, proven by a boot that reaches the control shell in time.
    const bool must = policy == AccelPolicy::Kvm;
    const Deadline probe_deadline = must ? deadline : Deadline::in(config_.kvm_probe_timeout).earliest(deadline);
    const auto start = Clock::now();
    if (boot(Accelerator::Kvm, probe_deadline, !must)) {
      accel_ = Accelerator::Kvm;
      accel_reason_ = remembered ? "remembered for this machine: " + remembered->reason
                                 : fmt::format("KVM booted to the control shell in {:.1f}s", boot_seconds_);
      if (!remembered) remember_verdict(cache_dir, {Accelerator::Kvm, accel_reason_});
      return;
    }
    failed_probe_seconds_ = seconds_since(start);
    accel_reason_ = fmt::format("KVM probe: no control shell within {:.0f}s (/dev/kvm works, but a guest kernel "
                                "does not boot in time under it); TCG instead",
                                config_.kvm_probe_timeout.count());
    remember_verdict(cache_dir, {Accelerator::Tcg, accel_reason_});
  }
  accel_ = Accelerator::Tcg;
  boot(Accelerator::Tcg, deadline, false);
  transcript_.note("harness", fmt::format("guest {} up under {} in {:.2f}s, {} ({})", config_.name, to_string(accel_),
                                          boot_seconds_, boot_kind_, accel_reason_));
}

bool QemuGuest::boot(Accelerator accel, Deadline deadline, bool probing) {
  std::optional<BootSnapshot> snapshot;
  if (config_.boot_snapshot) snapshot = boot_snapshot_for(config_, accel);
  std::error_code ec;
  if (snapshot && fs::exists(snapshot->file, ec)) {
    // A state that does not resume (a damaged file, a change the key misses) costs one cold boot.
    if (start(accel, Deadline::in(kRestoreTimeout).earliest(deadline), Start::Restore, &*snapshot)) {
      fs::last_write_time(snapshot->file, fs::file_time_type::clock::now(), ec);  // recently used
      return true;
    }
    fs::remove(snapshot->file, ec);
    transcript_.note("harness", fmt::format("guest {}: its saved state {} did not resume; removed, booting cold",
                                            config_.name, snapshot->file.string()));
  }
  return start(accel, deadline, probing ? Start::Probe : Start::Cold, snapshot ? &*snapshot : nullptr);
}

bool QemuGuest::start(Accelerator accel, Deadline deadline, Start how, const BootSnapshot* snapshot) {
  std::error_code ec;
  fs::remove(paths_.control_socket, ec);
  UnixListener control(paths_.control_socket);
  auto argv = qemu_argv(config_, accel, paths_);
  // The monitor, for saving the state after a cold boot or loading it: QEMU connects to it like to
  // the control socket.
  const bool save = how != Start::Restore && snapshot;
  std::optional<UnixListener> monitor;
  if (snapshot) {
    const fs::path path = work_dir_ / "monitor.sock";
    fs::remove(path, ec);
    monitor.emplace(path);
    argv.insert(argv.end(), {"-chardev", fmt::format("socket,id=mon,path={}", path.string()), "-mon",
                             "chardev=mon,mode=control"});
  }
  if (how == Start::Restore) argv.insert(argv.end(), {"-incoming", "defer"});
  // QEMU lives in a session of its own, so nothing would stop it if the harness were SIGKILLed
  // (a ctest timeout): the parent-death signal does.
  if (fs::exists("/usr/bin/setpriv")) argv.insert(argv.begin(), {"/usr/bin/setpriv", "--pdeathsig", "KILL", "--"});
  const std::string what = how == Start::Restore ? fmt::format("resuming guest {} from its saved state {} under {}",
                                                                config_.name, snapshot->file.string(), to_string(accel))
                                                  : fmt::format("booting guest {} under {}{}", config_.name,
                                                                to_string(accel), how == Start::Probe ? " (probe)" : "");
  transcript_.note("harness", what);
  const auto start = Clock::now();
  const ProgressStep progress(what);
  qemu_ = std::make_unique<ChildProcess>(SpawnOptions{argv, config_.name, false, std::nullopt, {}}, transcript_);
  last_pid_ = qemu_->pid();
  try {
    // QEMU connects as soon as it has parsed its options: nothing the guest says can be missed.
    UniqueFd fd = control.accept(deadline, [this] { return !qemu_->exit_status(); });
    shell_ = std::make_unique<GuestShell>(std::make_unique<SocketStream>(std::move(fd), config_.name + "-sh", transcript_));
    if (how == Start::Restore) {
      QmpClient qmp(monitor->accept(deadline, [this] { return !qemu_->exit_status(); }), deadline);
      resume_boot_snapshot(qmp, *snapshot, deadline);
      // The agent was waiting for a command when the state was saved: it answers this one.
      shell_->run_checked("true", deadline);
    } else
      shell_->wait_ready(deadline);
  } catch (const HarnessError& e) {
    const auto status = qemu_->exit_status();
    const std::string why = status ? fmt::format("QEMU {}", status->describe())
                                   : fmt::format("no control shell after {:.1f}s", seconds_since(start));
    transcript_.note("harness", fmt::format("guest {} did not {} under {}: {}", config_.name,
                                            how == Start::Restore ? "resume" : "boot", to_string(accel), why));
    kill_qemu();
    if (how != Start::Cold) return false;
    throw HarnessError(fmt::format("the guest {} did not boot under {} ({}): {}\n-- transcript tail:\n{}", config_.name,
                                   to_string(accel), why, e.what(), transcript_.tail(40)));
  }
  boot_seconds_ = seconds_since(start);
  boot_kind_ = how == Start::Restore ? "resumed from its saved state" : "cold boot";
  if (save) save_state(*monitor, *snapshot, deadline);
  note_case_fact("accelerator", to_string(accel));  // the report's environment shows KVM or TCG
  return true;
}

void QemuGuest::save_state(UnixListener& monitor, const BootSnapshot& snapshot, Deadline deadline) {
  // Not saving costs the next boots time, never this one its guest: a failure is only noted.
  const auto start = Clock::now();
  try {
    const Deadline d = Deadline::in(kSaveTimeout).earliest(deadline);
    QmpClient qmp(monitor.accept(d, [this] { return !qemu_->exit_status(); }), d);  // connected at QEMU's start
    save_boot_snapshot(qmp, snapshot, d);
    prune_boot_snapshots(snapshot.file.parent_path(), kSnapshotsKept);
    boot_kind_ = "cold boot (state saved for the next boots)";
    transcript_.note("harness", fmt::format("guest {}: state saved in {:.2f}s to {} ({} MB); later boots of this "
                                            "guest resume it",
                                            config_.name, seconds_since(start), snapshot.file.string(),
                                            fs::file_size(snapshot.file) >> 20));
  } catch (const std::exception& e) {
    transcript_.note("harness", fmt::format("guest {}: its state was not saved ({}); later boots boot cold too",
                                            config_.name, e.what()));
  }
}

void QemuGuest::kill_qemu() {
  shell_.reset();
  if (qemu_) {
    try {
      qemu_->stop(Seconds(5));
    } catch (const std::exception& e) {
      transcript_.note(config_.name, e.what());
    }
    qemu_.reset();
  }
}

QemuGuest::~QemuGuest() {
  try {
    stop();
  } catch (const std::exception& e) {
    transcript_.note("harness", fmt::format("stopping guest {}: {}", config_.name, e.what()));
  }
}

fs::path QemuGuest::console_socket(int n) const {
  if (n < 1 || n > static_cast<int>(paths_.console_sockets.size()))
    throw HarnessError(fmt::format("guest {} has no console {} (it has {})", config_.name, n, paths_.console_sockets.size()));
  return paths_.console_sockets[static_cast<std::size_t>(n - 1)];
}

std::string QemuGuest::console_device(int n) const {
  (void)console_socket(n);  // range check
  return fmt::format("/dev/hvc{}", n);
}

pid_t QemuGuest::qemu_pid() const { return last_pid_; }

bool QemuGuest::running() { return qemu_ && !qemu_->exit_status(); }

std::string QemuGuest::boot_profile(Deadline deadline) { return shell().run_checked("cat /run/mpdts/boot-times", deadline); }

void QemuGuest::stop(Seconds grace) {
  if (qemu_) {
    const Deadline deadline = Deadline::in(grace);
    if (shell_ && !qemu_->exit_status()) {
      try {
        shell_->send_only("poweroff -f");
      } catch (const std::exception& e) {
        transcript_.note("harness", fmt::format("poweroff of {} not sent: {}", config_.name, e.what()));
      }
    }
    if (!qemu_->wait_exit(deadline))
      transcript_.note("harness", fmt::format("guest {} still running {} after poweroff: killing QEMU", config_.name,
                                              format_seconds(grace)));
    kill_qemu();
  }
  cleanup_.reset();  // remove_files(), once
}

void QemuGuest::remove_files() {
  std::error_code ec;
  fs::remove_all(work_dir_, ec);
  // QEMU created the vhost-user sockets (it is their server); they go with it.
  for (const auto& n : config_.vhost_user) {
    struct stat st{};
    if (::lstat(n.socket.c_str(), &st) == 0 && S_ISSOCK(st.st_mode)) fs::remove(n.socket, ec);
  }
}

std::vector<std::string> QemuGuest::leftovers() const {
  std::vector<std::string> out;
  std::error_code ec;
  if (fs::exists(work_dir_, ec)) out.push_back(work_dir_.string());
  for (const auto& n : config_.vhost_user)
    if (fs::exists(n.socket, ec)) out.push_back(n.socket.string());
  if (last_pid_ > 0 && ::kill(last_pid_, 0) == 0) out.push_back(fmt::format("QEMU process {}", last_pid_));
  return out;
}

}  // namespace mpdts
