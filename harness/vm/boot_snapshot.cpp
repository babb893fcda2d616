#include "vm/boot_snapshot.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include <boost/regex.hpp>
#include <fmt/format.h>

#include "core/error.hpp"
#include "core/proc_stat.hpp"
#include "vm/guest_shell.hpp"
#include "vm/qmp_client.hpp"

#include <nlohmann/json.hpp>

namespace mpdts {
namespace fs = std::filesystem;

namespace {

// Bumped when what is saved, or how, changes.
constexpr std::string_view kFormat = "mpdts boot snapshot v1";

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 1469598103934665603ull;
  for (const unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// The QEMU binary the guest runs (first on PATH), as size and modification time: an upgrade is a new key.
std::string qemu_identity() {
  const char* path_env = std::getenv("PATH");
  std::istringstream dirs(path_env ? path_env : "/usr/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    struct stat st{};
    const fs::path candidate = fs::path(dir) / "qemu-system-x86_64";
    if (::stat(candidate.c_str(), &st) == 0)
      return fmt::format("{} {} {}", candidate.string(), st.st_size, st.st_mtim.tv_sec);
  }
  return "qemu-system-x86_64 not found";
}

// Under KVM the guest sees the host's CPU model, and a state saved on one CPU may not resume on another.
std::string host_cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("model name", 0) == 0) return line;
  return "";
}

}  // namespace

std::optional<BootSnapshot> boot_snapshot_for(const GuestConfig& config, Accelerator accel) {
  if (config.image.dir.empty()) return std::nullopt;
  // The command line with every per-run socket path replaced by a fixed name: what remains (image,
  // memory, CPUs, devices and their addresses, kernel arguments) is what the saved state depends on.
  GuestConfig fixed = config;
  for (std::size_t i = 0; i < fixed.vhost_user.size(); ++i) fixed.vhost_user[i].socket = fmt::format("vhost{}.sock", i);
  QemuPaths paths;
  paths.control_socket = "control.sock";
  for (int i = 1; i <= config.consoles; ++i) paths.console_sockets.push_back(fmt::format("hvc{}.sock", i));
  std::string canonical(kFormat);
  for (const auto& arg : qemu_argv(fixed, accel, paths)) canonical += "\n" + arg;
  canonical += "\n" + qemu_identity() + "\n" + host_cpu_model();
  BootSnapshot s;
  s.key = fmt::format("{:016x}", fnv1a(canonical));
  s.file = config.image.dir / fmt::format("boot-{}.state", s.key);
  return s;
}

namespace {

// QEMU streams the state in the background; with the `events` capability it says when it is done.
void enable_migration_events(QmpClient& monitor, Deadline deadline) {
  monitor.execute("migrate-set-capabilities",
                  {{"capabilities", nlohmann::json::array({{{"capability", "events"}, {"state", true}}})}}, deadline);
}

void wait_migration_end(QmpClient& monitor, const std::string& what, Deadline deadline) {
  const auto end = monitor.wait_event(
      "MIGRATION",
      [](const nlohmann::json& d) {
        const std::string s = d.value("status", "");
        return s == "completed" || s == "failed" || s == "cancelled";
      },
      deadline);
  if (end.value("status", "") == "completed") return;
  const auto state = monitor.execute("query-migrate", deadline);
  throw HarnessError(fmt::format("{}: {} ({})", what, end.value("status", ""),
                                 state.value("error-desc", "QEMU gave no reason")));
}

// `cont` once the migration is over. QEMU sends MIGRATION "completed" from the migration thread and
// finalizes in its main loop afterwards; a `cont` in between is refused ("Migration is not finalized
// yet") and would leave the guest paused. Asked again until it is taken, each time after
// query-migrate (a round trip through the main loop, which runs the finalization), by the deadline.
void cont_after_migration(QmpClient& monitor, Deadline deadline) {
  for (;;) {
    try {
      monitor.execute("cont", deadline);
      return;
    } catch (const HarnessError& e) {
      if (std::string(e.what()).find("not finalized") == std::string::npos || deadline.expired()) throw;
    }
    monitor.execute("query-migrate", deadline);
  }
}

}  // namespace

void resume_boot_snapshot(QmpClient& monitor, const BootSnapshot& snapshot, Deadline deadline) {
  enable_migration_events(monitor, deadline);
  monitor.execute("migrate-incoming", {{"uri", "exec:cat " + shell_quote(snapshot.file.string())}}, deadline);
  wait_migration_end(monitor, "loading the guest's saved state " + snapshot.file.string(), deadline);
  cont_after_migration(monitor, deadline);
}

void save_boot_snapshot(QmpClient& monitor, const BootSnapshot& snapshot, Deadline deadline) {
  const fs::path tmp = snapshot.file.parent_path() / fmt::format(".boot-{}.{}.tmp", snapshot.key, ::getpid());
  std::error_code ec;
  enable_migration_events(monitor, deadline);
  monitor.execute("stop", deadline);
  try {
    monitor.execute("migrate", {{"uri", "exec:cat > " + shell_quote(tmp.string())}}, deadline);
    wait_migration_end(monitor, "saving the guest's state", deadline);
    fs::rename(tmp, snapshot.file);
  } catch (...) {
    fs::remove(tmp, ec);
    try {
      cont_after_migration(monitor, Deadline::in(Seconds(10)));
    } catch (const HarnessError&) {
    }
    throw;
  }
  cont_after_migration(monitor, deadline);
}

void prune_boot_snapshots(const fs::path& image_dir, std::size_t keep) {
  std::vector<std::pair<fs::file_time_type, fs::path>> found;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(image_dir, ec)) {
    const auto name = e.path().filename().string();
    // A save cut short (its harness was killed) leaves .boot-<key>.<pid>.tmp: gone once that pid is.
    static const boost::regex partial(R"(^\.boot-[0-9a-f]+\.(\d{1,9})\.tmp$)");
    boost::smatch m;
    if (boost::regex_match(name, m, partial) && !process_alive(std::stoi(m[1].str()))) {
      fs::remove(e.path(), ec);
      continue;
    }
    if (name.rfind("boot-", 0) == 0 && e.path().extension() == ".state")
      found.emplace_back(fs::last_write_time(e.path(), ec), e.path());
  }
  if (found.size() <= keep) return;
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = keep; i < found.size(); ++i) fs::remove(found[i].second, ec);
}

}  // namespace mpdts
