#include "journal/recovery.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <sstream>
#include <boost/regex.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/proc_stat.hpp"
#include "devbind/pci_binding.hpp"
#include "process/child_process.hpp"
#include "topology/pci_node.hpp"

namespace mpdts::recovery {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

enum class Outcome { Undone, Gone, Failed };

// ---- /proc -------------------------------------------------------------------------------------

struct Proc {
  ProcStat stat;
  std::string comm;
  std::string owner;  // its MPDTS_JOURNAL_OWNER, if any
};

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// This process and its ancestors: never victims, whatever mark they inherited.
std::set<pid_t> self_and_ancestors() {
  std::set<pid_t> out;
  for (pid_t p = ::getpid(); p > 0 && out.insert(p).second;) {
    const auto s = read_proc_stat(p);
    if (!s) break;
    p = s->ppid;
  }
  return out;
}

std::vector<Proc> scan_processes() {
  std::vector<Proc> out;
  std::error_code ec;
  const std::string mark = std::string(kJournalOwnerEnv) + "=";
  const auto spared = self_and_ancestors();
  for (const auto& e : fs::directory_iterator("/proc", ec)) {
    const auto name = e.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    const auto stat = read_proc_stat(static_cast<pid_t>(std::stol(name)));
    if (!stat || stat->zombie() || spared.count(stat->pid)) continue;
    Proc p{*stat, "", ""};
    p.comm = read_all(e.path() / "comm");
    if (!p.comm.empty() && p.comm.back() == '\n') p.comm.pop_back();
    const std::string env = read_all(e.path() / "environ");
    for (std::size_t at = 0; at < env.size();) {
      const auto end = std::min(env.find('\0', at), env.size());
      if (env.compare(at, mark.size(), mark) == 0) p.owner = env.substr(at + mark.size(), end - at - mark.size());
      at = end + 1;
    }
    out.push_back(std::move(p));
  }
  return out;
}

int pidfd_open(pid_t pid) { return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); }

// SIGKILL to each process, through a pidfd opened and then checked against the start time seen in
// the scan (so a pid recycled in between is never signalled); then waits until all have exited.
// Returns how many are still there when the deadline passes.
std::size_t kill_and_wait(const std::vector<ProcStat>& victims, Deadline deadline) {
  std::vector<int> fds;
  for (const auto& v : victims) {
    const int fd = pidfd_open(v.pid);
    if (fd < 0) continue;  // gone already
    const auto now = read_proc_stat(v.pid);
    if (!now || now->zombie() || now->start != v.start) {
      ::close(fd);
      continue;
    }
    if (::syscall(SYS_pidfd_send_signal, fd, SIGKILL, nullptr, 0) != 0 && errno == ESRCH) {
      ::close(fd);
      continue;
    }
    fds.push_back(fd);
  }
  while (!fds.empty()) {
    std::vector<pollfd> p;
    for (int fd : fds) p.push_back({fd, POLLIN, 0});
    const int r = ::poll(p.data(), p.size(), deadline.poll_ms());
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    std::vector<int> still;
    for (const auto& q : p) {
      if (q.revents & (POLLIN | POLLHUP | POLLERR))
        ::close(q.fd);
      else
        still.push_back(q.fd);
    }
    fds.swap(still);
  }
  for (int fd : fds) ::close(fd);
  return fds.size();
}

// ---- mounts and paths ---------------------------------------------------------------------------

std::string unescape_mount_field(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 3), nullptr, 8));
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<std::string> mount_points() {
  std::ifstream in("/proc/self/mountinfo");
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string id, parent, devno, root, at;
    if (f >> id >> parent >> devno >> root >> at) out.push_back(unescape_mount_field(at));
  }
  return out;
}

bool is_mounted(const fs::path& p) {
  const auto all = mount_points();
  return std::find(all.begin(), all.end(), p.string()) != all.end();
}

bool has_mount_at_or_below(const fs::path& p, const std::set<std::string>& ignored = {}) {
  const std::string base = p.string();
  for (const auto& m : mount_points())
    if ((m == base || m.rfind(base + "/", 0) == 0) && !ignored.count(m)) return true;
  return false;
}

// Absolute, normal (no "..", no "."), strictly below one of the allowed roots.
bool path_allowed(const fs::path& p, const std::vector<fs::path>& roots) {
  if (!p.is_absolute() || p.lexically_normal() != p || p.string().back() == '/') return false;
  for (const auto& root : roots) {
    const auto rel = p.lexically_relative(root);
    if (!rel.empty() && rel != "." && *rel.begin() != "..") return true;
  }
  return false;
}

// ---- one journal ----------------------------------------------------------------------------------

// A journal may be damaged: fields are read without trusting their types.
std::string text_of(const json& j, const char* k) {
  return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : "";
}

struct Effect {
  std::uint64_t id = 0;
  json j;
  std::string kind() const { return text_of(j, "kind"); }
  std::string text(const char* k) const { return text_of(j, k); }
  std::int64_t number(const char* k) const { return j.contains(k) && j[k].is_number_integer() ? j[k].get<std::int64_t>() : -1; }
};

class JournalRecovery {
 public:
  JournalRecovery(const Options& o, Report& report, fs::path file, int fd, pid_t pid, std::uint64_t start)
      : o_(o), report_(report), file_(std::move(file)), fd_(fd), pid_(pid), start_(start) {}

  void run() {
    read();
    const auto time = text_of(header_, "time"), cmdline = text_of(header_, "cmdline");
    o_.say(fmt::format("harness pid {} ({}{}) is gone: {} effect(s) left open in {}", pid_,
                       time.empty() ? "start time unknown" : time, cmdline.empty() ? "" : ": " + cmdline, open_.size(),
                       file_.string()));
    for (const auto& w : warnings_) o_.say("  " + w);

    std::vector<std::uint64_t> done;  // effects undone or found gone
    auto count = [&](const Effect& e, Outcome r) {
      if (r == Outcome::Undone) ++report_.undone;
      if (r == Outcome::Gone) ++report_.already_gone;
      if (r == Outcome::Failed) ++report_.failed;
      if (r != Outcome::Failed) done.push_back(e.id);
    };
    // Processes first (they hold the device, the namespace, the page files), then the device, the
    // namespace, the mounts, and the directories last (a mount sits inside the scratch dir).
    processes(count);
    for (const char* kind : {journal_kind::kPciBinding, journal_kind::kNetns, journal_kind::kMount, journal_kind::kDir})
      for (auto it = open_.rbegin(); it != open_.rend(); ++it)
        if (it->kind() == kind) count(*it, undo(*it));
    for (const auto& e : open_) {
      const auto k = e.kind();
      if (k != journal_kind::kProcessGroup && k != journal_kind::kPciBinding && k != journal_kind::kNetns &&
          k != journal_kind::kMount && k != journal_kind::kDir) {
        o_.say(fmt::format("  cannot undo effect {} of unknown kind '{}': {}", e.id, k, e.j.dump()));
        ++report_.failed;
      }
    }
    finish(done);
  }

 private:
  void read() {
    std::ifstream in(file_);
    std::string line;
    std::map<std::uint64_t, Effect> effects;
    std::vector<std::uint64_t> order;
    std::set<std::uint64_t> undone;
    for (int n = 1; std::getline(in, line); ++n) {
      if (line.empty()) continue;
      json j = json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object() || !j.contains("op") || !j["op"].is_string()) {
        warnings_.push_back(fmt::format("line {} of the journal is unreadable, skipped: {}", n, line.substr(0, 120)));
        continue;
      }
      const auto op = j["op"].get<std::string>();
      if (op == "harness") {
        header_ = j;
      } else if ((op == "do" || op == "undone") && j.contains("id") && j["id"].is_number_unsigned()) {
        const auto id = j["id"].get<std::uint64_t>();
        if (op == "do") {
          if (!effects.count(id)) order.push_back(id);
          effects[id] = Effect{id, j};
        } else {
          undone.insert(id);
        }
      } else {
        warnings_.push_back(fmt::format("line {} of the journal is not understood, skipped: {}", n, line.substr(0, 120)));
      }
    }
    for (auto id : order)
      if (!undone.count(id)) open_.push_back(effects[id]);
    const auto boot = text_of(header_, "boot_id");
    same_boot_ = boot.empty() || boot == boot_id();
  }

  template <class Count>
  void processes(Count&& count) {
    std::vector<const Effect*> groups;
    for (const auto& e : open_)
      if (e.kind() == journal_kind::kProcessGroup) groups.push_back(&e);
    if (!same_boot_) {
      for (const auto* g : groups) {
        o_.say(fmt::format("  nothing left: process group {} ({}) went with a reboot", g->number("pgid"), g->text("name")));
        count(*g, Outcome::Gone);
      }
      return;
    }
    const auto all = scan_processes();
    const std::string owner = fmt::format("{}.{}", pid_, start_);
    std::set<pid_t> covered;
    for (const auto* g : groups) {
      const auto raw_pgid = g->number("pgid");
      const auto pgid = static_cast<pid_t>(raw_pgid);
      const auto start = static_cast<std::uint64_t>(std::max<std::int64_t>(0, g->number("start")));
      const std::string name = g->text("name");
      if (raw_pgid <= 1 || raw_pgid > 4194304) {  // PID_MAX_LIMIT
        o_.say(fmt::format("  refusing process group effect {} with pgid {}: {}", g->id, pgid, g->j.dump()));
        count(*g, Outcome::Failed);
        continue;
      }
      const auto leader = read_proc_stat(pgid);
      const bool ours = leader && !leader->zombie() && start != 0 && leader->start == start && leader->pgid == pgid;
      std::vector<ProcStat> members;
      for (const auto& p : all) {
        if (p.stat.pgid != pgid) continue;
        // The group is proven ours by its leader's start time; without the leader, a member must
        // carry the dead harness's owner mark.
        if ((ours && p.stat.start >= start) || p.owner == owner) members.push_back(p.stat);
      }
      for (const auto& m : members) covered.insert(m.pid);
      if (members.empty()) {
        if (leader && !leader->zombie() && leader->start != start)
          o_.say(fmt::format("  nothing left: process group {} ({}) is gone; pid {} now names another process "
                             "(start time {} instead of {}), left alone",
                             pgid, name, pgid, leader->start, start));
        else
          o_.say(fmt::format("  nothing left: process group {} ({}) is gone", pgid, name));
        count(*g, Outcome::Gone);
        continue;
      }
      if (o_.dry_run) {
        o_.say(fmt::format("  would kill process group {} ({}): {} process(es)", pgid, name, members.size()));
        count(*g, Outcome::Undone);
        continue;
      }
      const auto left = kill_and_wait(members, Deadline::in(o_.kill_wait));
      if (left == 0) {
        o_.say(fmt::format("  killed process group {} ({}): {} process(es)", pgid, name, members.size()));
        count(*g, Outcome::Undone);
      } else {
        o_.say(fmt::format("  FAILED: process group {} ({}): {} process(es) still there after SIGKILL", pgid, name, left));
        count(*g, Outcome::Failed);
      }
    }
    // Processes that carry the owner mark but are in no journaled group: started in the instant
    // before their line could be written (or moved out of their group).
    for (const auto& p : all) {
      if (p.owner != owner || covered.count(p.stat.pid) || p.stat.start < start_) continue;
      if (o_.dry_run) {
        o_.say(fmt::format("  would kill process {} ({}): carries harness {}'s mark, not in its journal", p.stat.pid,
                           p.comm, pid_));
        ++report_.undone;
        continue;
      }
      if (kill_and_wait({p.stat}, Deadline::in(o_.kill_wait)) == 0) {
        o_.say(fmt::format("  killed process {} ({}): carried harness {}'s mark, not in its journal", p.stat.pid,
                           p.comm, pid_));
        ++report_.undone;
      } else {
        o_.say(fmt::format("  FAILED: process {} ({}) still there after SIGKILL", p.stat.pid, p.comm));
        ++report_.failed;
      }
    }
  }

  Outcome undo(const Effect& e) {
    const auto k = e.kind();
    try {
      if (k == journal_kind::kPciBinding) return undo_pci(e);
      if (k == journal_kind::kNetns) return undo_netns(e);
      if (k == journal_kind::kMount) return undo_mount(e);
      if (k == journal_kind::kDir) return undo_dir(e);
    } catch (const std::exception& ex) {
      o_.say(fmt::format("  FAILED: {} {}: {}", k, e.j.dump(), ex.what()));
      return Outcome::Failed;
    }
    return Outcome::Failed;
  }

  Outcome refuse(const Effect& e, const std::string& why) {
    o_.say(fmt::format("  FAILED: refusing {} effect {}: {}: {}", e.kind(), e.id, why, e.j.dump()));
    return Outcome::Failed;
  }

  Outcome undo_pci(const Effect& e) {
    static const boost::regex bdf(R"(^[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]$)");
    static const boost::regex driver_name(R"(^[A-Za-z0-9_][A-Za-z0-9_.-]*$)");
    const auto address = e.text("address"), driver = e.text("driver");
    if (!boost::regex_match(address, bdf)) return refuse(e, "not a PCI address");
    if (!boost::regex_match(driver, driver_name)) return refuse(e, "not a driver name");
    if (!pci_device_exists(address)) {
      o_.say(fmt::format("  nothing left: PCI device {} no longer exists on this node", address));
      return Outcome::Gone;
    }
    const auto now = current_pci_driver(address);
    if (now == driver) {
      o_.say(fmt::format("  nothing left: {} is bound to {} already", address, driver));
      return Outcome::Gone;
    }
    for (const auto& k : pci_kernel_interfaces(address))
      if (k.active()) return refuse(e, fmt::format("{} carries the active kernel interface {}", address, k.describe()));
    if (o_.dry_run) {
      o_.say(fmt::format("  would re-bind {} from '{}' to {} with dpdk-devbind.py", address, now, driver));
      return Outcome::Undone;
    }
    const auto r = run_command({o_.devbind, "--bind=" + driver, address}, Deadline::in(o_.command_wait));
    const auto after = current_pci_driver(address);
    if (after != driver) {
      o_.say(fmt::format("  FAILED: re-binding {} to {}: it is bound to '{}' ({}): {}", address, driver, after,
                         r.status.describe(), r.output));
      return Outcome::Failed;
    }
    o_.say(fmt::format("  re-bound {} to {} (was '{}'), checked", address, driver, now));
    return Outcome::Undone;
  }

  Outcome undo_netns(const Effect& e) {
    static const boost::regex name_re(R"(^[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}$)");
    const auto name = e.text("name");
    if (!boost::regex_match(name, name_re)) return refuse(e, "not a netns name");
    const fs::path at = fs::path("/run/netns") / name;
    std::error_code ec;
    if (!fs::exists(at, ec)) {
      o_.say(fmt::format("  nothing left: netns {} is gone", name));
      return Outcome::Gone;
    }
    if (o_.dry_run) {
      o_.say(fmt::format("  would delete netns {}", name));
      return Outcome::Undone;
    }
    const auto r = run_command({"ip", "netns", "del", name}, Deadline::in(o_.command_wait));
    if (fs::exists(at, ec)) {
      o_.say(fmt::format("  FAILED: netns {} is still there after 'ip netns del' ({}): {}", name, r.status.describe(),
                         r.output));
      return Outcome::Failed;
    }
    o_.say(fmt::format("  deleted netns {} (and the veths in it)", name));
    return Outcome::Undone;
  }

  Outcome undo_mount(const Effect& e) {
    const fs::path p = e.text("path");
    if (p.empty() || !path_allowed(p, o_.allowed_roots)) return refuse(e, "path outside the harness's directories");
    if (!is_mounted(p)) {
      o_.say(fmt::format("  nothing left: {} is not mounted", p.string()));
      return Outcome::Gone;
    }
    if (o_.dry_run) {
      o_.say(fmt::format("  would unmount {}", p.string()));
      would_unmount_.insert(p.string());
      return Outcome::Undone;
    }
    std::string how = "unmounted";
    if (::umount2(p.c_str(), UMOUNT_NOFOLLOW) != 0) {
      const int err = errno;
      if (::umount2(p.c_str(), MNT_DETACH | UMOUNT_NOFOLLOW) != 0) {
        o_.say(fmt::format("  FAILED: umount {}: {}", p.string(), std::strerror(errno)));
        return Outcome::Failed;
      }
      how = fmt::format("unmounted (lazily: {})", std::strerror(err));
    }
    if (is_mounted(p)) {
      o_.say(fmt::format("  FAILED: {} is still mounted after umount", p.string()));
      return Outcome::Failed;
    }
    o_.say(fmt::format("  {} {}", how, p.string()));
    return Outcome::Undone;
  }

  Outcome undo_dir(const Effect& e) {
    const fs::path p = e.text("path");
    const auto role = e.text("role");
    if (p.empty() || !path_allowed(p, o_.allowed_roots)) return refuse(e, "path outside the harness's directories");
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(p, ec))) {
      o_.say(fmt::format("  nothing left: {} ({}) is gone", p.string(), role));
      return Outcome::Gone;
    }
    if (has_mount_at_or_below(p, would_unmount_))
      return refuse(e, fmt::format("{} still has a mount in it", p.string()));
    if (o_.dry_run) {
      o_.say(fmt::format("  would remove {} ({})", p.string(), role));
      return Outcome::Undone;
    }
    fs::remove_all(p, ec);
    if (fs::exists(fs::symlink_status(p, ec))) {
      o_.say(fmt::format("  FAILED: cannot remove {}: {}", p.string(), ec.message()));
      return Outcome::Failed;
    }
    o_.say(fmt::format("  removed {} ({})", p.string(), role));
    return Outcome::Undone;
  }

  void finish(const std::vector<std::uint64_t>& done) {
    const auto left = open_.size() - done.size();
    if (o_.dry_run) {
      o_.say(fmt::format("  would remove the journal {}", file_.string()));
      return;
    }
    if (left == 0) {
      ::unlink(file_.c_str());
      ++report_.removed_journals;
      o_.say(fmt::format("  removed the journal {}", file_.string()));
      return;
    }
    // Keep it, with what was done, for the next try (this process holds its lock).
    for (auto id : done) {
      const auto line = json{{"op", "undone"}, {"id", id}, {"by", "mpdts-recover"}}.dump() + "\n";
      if (::write(fd_, line.data(), line.size()) < 0) break;
    }
    ::fdatasync(fd_);
    o_.say(fmt::format("  kept the journal {}: {} effect(s) could not be undone", file_.string(), left));
  }

  const Options& o_;
  Report& report_;
  fs::path file_;
  int fd_;
  pid_t pid_;
  std::uint64_t start_;
  json header_ = json::object();
  std::vector<Effect> open_;
  std::vector<std::string> warnings_;
  bool same_boot_ = true;
  std::set<std::string> would_unmount_;  // dry run: mounts a real run would have unmounted by then
};

}  // namespace

Report recover(const Options& o) {
  Report report;
  std::error_code ec;
  if (!fs::exists(o.dir, ec)) return report;  // no harness ever journaled here
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(o.dir, ec)) files.push_back(e.path());
  if (ec) throw HarnessError(fmt::format("cannot read the journal directory {}: {}", o.dir.string(), ec.message()));
  std::sort(files.begin(), files.end());

  for (const auto& file : files) {
    pid_t pid = 0;
    std::uint64_t start = 0;
    const auto name = file.filename().string();
    const std::string making = ".jsonl.new";  // a journal being started (header at most, no effect)
    if (name.size() > making.size() + 1 && name[0] == '.' && name.ends_with(making) &&
        parse_journal_file_name(name.substr(1, name.size() - making.size() - 1) + ".jsonl", pid, start)) {
      const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
      if (fd >= 0 && ::flock(fd, LOCK_EX | LOCK_NB) == 0 && !same_process_alive(pid, start)) {
        if (o.dry_run) {
          o.say(fmt::format("would remove {}: a journal harness pid {} did not finish starting", file.string(), pid));
        } else {
          ::unlink(file.c_str());
          o.say(fmt::format("removed {}: a journal harness pid {} did not finish starting", file.string(), pid));
        }
      }
      if (fd >= 0) ::close(fd);
      continue;
    }
    if (!parse_journal_file_name(name, pid, start)) continue;
    const int fd = ::open(file.c_str(), (o.dry_run ? O_RDONLY : O_RDWR | O_APPEND) | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
      if (errno != ENOENT) {
        o.say(fmt::format("cannot open the journal {}: {}", file.string(), std::strerror(errno)));
        ++report.failed;
      }
      continue;
    }
    // A live harness holds its lock; so does another recovery at work on it.
    const bool locked = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    struct stat st {};
    const bool linked = ::fstat(fd, &st) == 0 && st.st_nlink > 0;
    if (!locked || same_process_alive(pid, start)) {
      o.say(fmt::format("left alone: {} belongs to harness pid {}, which is alive (or being recovered)",
                        file.string(), pid));
      ++report.live_journals;
      ::close(fd);
      continue;
    }
    if (!linked) {  // recovered and removed by another recovery between our open and our lock
      ::close(fd);
      continue;
    }
    ++report.dead_journals;
    try {
      JournalRecovery(o, report, file, fd, pid, start).run();
    } catch (const std::exception& e) {
      o.say(fmt::format("FAILED: recovering {}: {}; the journal is kept", file.string(), e.what()));
      ++report.failed;
    }
    if (o.dry_run) ::flock(fd, LOCK_UN);
    ::close(fd);
  }
  return report;
}

}  // namespace mpdts::recovery
