#include "core/journal.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/proc_stat.hpp"

namespace mpdts {
namespace fs = std::filesystem;

namespace {

std::atomic<Journal*> g_active{nullptr};

std::string utc_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string own_cmdline() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (auto& c : raw)
    if (c == '\0') c = ' ';
  while (!raw.empty() && raw.back() == ' ') raw.pop_back();
  return raw;
}

void sync_dir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace

JournalEffect JournalEffect::process_group(pid_t pgid, std::uint64_t start, const std::string& name) {
  return {journal_kind::kProcessGroup, {{"name", name}}, {{"pgid", pgid}, {"start", static_cast<std::int64_t>(start)}}};
}
JournalEffect JournalEffect::mount(const fs::path& path) { return {journal_kind::kMount, {{"path", path.string()}}, {}}; }
JournalEffect JournalEffect::dir(const fs::path& path, const std::string& role) {
  return {journal_kind::kDir, {{"path", path.string()}, {"role", role}}, {}};
}
JournalEffect JournalEffect::netns(const std::string& name) { return {journal_kind::kNetns, {{"name", name}}, {}}; }
JournalEffect JournalEffect::pci_binding(const std::string& address, const std::string& driver) {
  return {journal_kind::kPciBinding, {{"address", address}, {"driver", driver}}, {}};
}

fs::path Journal::default_dir() {
  if (const char* d = std::getenv("MPDTS_JOURNAL_DIR"); d && *d) return d;
  return "/var/lib/mpdts/journal";
}

Journal* Journal::active() { return g_active.load(); }

Journal& Journal::start(const fs::path& dir) {
  if (g_active.load()) throw HarnessError("the side-effect journal is already started");
  // (A finished journal is no longer active: a process may start another one after it.)
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw HarnessError(fmt::format("cannot create the journal directory {}: {}", dir.string(), ec.message()));
  ::chmod(dir.c_str(), 0700);

  const pid_t pid = ::getpid();
  const auto self = read_proc_stat(pid);
  if (!self) throw HarnessError("cannot read /proc/self/stat for the journal");
  auto* j = new Journal();  // lives as long as the process: the signal thread may use it to the end
  j->owner_ = fmt::format("{}.{}", pid, self->start);
  j->path_ = dir / fmt::format("{}-{}.jsonl", pid, self->start);
  // Made under a name recovery ignores, locked, given its first line, and only then renamed into
  // place: a recovery never sees this journal unlocked or without its header. (The lock belongs to
  // the open file, so it survives the rename; it is held for the whole life of this process and
  // released by the kernel however it ends.)
  const fs::path making = dir / fmt::format(".{}-{}.jsonl.new", pid, self->start);
  j->fd_ = ::open(making.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (j->fd_ < 0) {
    const int err = errno;
    delete j;
    throw HarnessError(fmt::format("cannot create the journal in {}: {}", dir.string(), std::strerror(err)));
  }
  try {
    if (::flock(j->fd_, LOCK_EX | LOCK_NB) != 0)
      throw HarnessError(fmt::format("cannot lock the journal {}: {}", making.string(), std::strerror(errno)));
    nlohmann::json header = {{"op", "harness"}, {"v", 1},           {"pid", pid},
                             {"start", self->start}, {"boot_id", boot_id()}, {"cmdline", own_cmdline()},
                             {"time", utc_now()}};
    j->write_line(header.dump());
    // A file of the final name can only be a leftover of this very process (same pid and start).
    if (::link(making.c_str(), j->path_.c_str()) != 0)
      throw HarnessError(fmt::format("cannot create the journal {}: {}", j->path_.string(), std::strerror(errno)));
    ::unlink(making.c_str());
  } catch (...) {
    ::unlink(making.c_str());
    ::close(j->fd_);
    delete j;
    throw;
  }
  sync_dir(dir);
  g_active.store(j);
  return *j;
}

void Journal::write_line(const std::string& line) {
  std::string data = line + "\n";
  std::string_view rest(data);
  while (!rest.empty()) {
    const ssize_t n = ::write(fd_, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw HarnessError(fmt::format("cannot write the journal {}: {}", path_.string(), std::strerror(errno)));
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::fdatasync(fd_) != 0)
    throw HarnessError(fmt::format("cannot sync the journal {}: {}", path_.string(), std::strerror(errno)));
}

Journal::EntryId Journal::record(const JournalEffect& effect, const std::string& what) {
  std::lock_guard lock(mutex_);
  if (finished_) throw HarnessError("the side-effect journal is closed: nothing may be started now");
  const EntryId id = next_++;
  nlohmann::json line = {{"op", "do"}, {"id", id}, {"kind", effect.kind}};
  for (const auto& [k, v] : effect.text) line[k] = v;
  for (const auto& [k, v] : effect.numbers) line[k] = v;
  line["what"] = what;
  write_line(line.dump());
  open_.insert(id);
  return id;
}

void Journal::undone(EntryId id) {
  std::lock_guard lock(mutex_);
  if (finished_ || !open_.count(id)) return;
  try {
    write_line(nlohmann::json{{"op", "undone"}, {"id", id}}.dump());
    open_.erase(id);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mpdts: %s\n", e.what());
  }
}

std::size_t Journal::open_effects() const {
  std::lock_guard lock(mutex_);
  return open_.size();
}

bool Journal::finish() {
  std::lock_guard lock(mutex_);
  if (finished_) return open_.empty();
  finished_ = true;
  Journal* self = this;
  g_active.compare_exchange_strong(self, nullptr);  // effects made from now on are not journaled
  if (!open_.empty()) {
    std::fprintf(stderr,
                 "mpdts: %zu side effect(s) could not be undone; they are recorded in %s: run mpdts-recover "
                 "(or start the cases again) to undo them\n",
                 open_.size(), path_.c_str());
    return false;  // the lock goes with the process; the file stays for recovery
  }
  ::unlink(path_.c_str());
  ::close(fd_);
  fd_ = -1;
  return true;
}

bool parse_journal_file_name(const std::string& name, pid_t& pid, std::uint64_t& start) {
  const std::string ext = ".jsonl";
  if (name.size() <= ext.size() || name.compare(name.size() - ext.size(), ext.size(), ext) != 0) return false;
  const std::string stem = name.substr(0, name.size() - ext.size());
  const auto dash = stem.find('-');
  if (dash == std::string::npos || dash == 0 || dash + 1 == stem.size()) return false;
  for (std::size_t i = 0; i < stem.size(); ++i)
    if (i != dash && (stem[i] < '0' || stem[i] > '9')) return false;
  if (dash > 9 || stem.size() - dash - 1 > 19) return false;
  try {
    pid = static_cast<pid_t>(std::stol(stem.substr(0, dash)));
    start = std::stoull(stem.substr(dash + 1));
  } catch (const std::exception&) {
    return false;
  }
  return pid > 0;
}

}  // namespace mpdts
