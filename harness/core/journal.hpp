// The side-effect journal: every side effect the harness makes is also written to a file, before it
// is made, with what is needed to undo it without the harness's memory; and a line when it is undone.
// A SIGKILL of the harness cannot be handled, so the journal is what `mpdts-recover` (and the next
// start of the cases binary) reads to undo what a dead harness left.
//
// File: <dir>/<pid>-<start>.jsonl (dir: $MPDTS_JOURNAL_DIR or /var/lib/mpdts/journal, mode 0700),
// append-only, one JSON object per line, each line synced (fdatasync) before the effect is made:
//   {"op":"harness","v":1,"pid":P,"start":S,"boot_id":"...","cmdline":"...","time":"..."}   first line
//   {"op":"do","id":N,"kind":"<kind>",...fields,"what":"..."}                                    an effect
//   {"op":"undone","id":N}                                                                       its undo
// Kinds and their fields:
//   process_group {pgid, start, name}   a process the harness started, leader of its own group;
//                                       start = field 22 of /proc/<pgid>/stat, so a recycled pid
//                                       is never mistaken for it
//   mount         {path}                a hugetlbfs mount
//   dir           {path, role}          a directory to remove (role: scratch, eal_runtime)
//   netns         {name}                a network namespace (`ip netns del` removes its veths)
//   pci_binding   {address, driver}     a PCI device bound away from `driver` (its kernel driver)
// The harness holds an exclusive flock(2) on its journal for its whole life: a journal that can be
// locked, and whose pid/start no longer name a live process, belongs to a dead harness. Children
// carry MPDTS_JOURNAL_OWNER=<pid>.<start> in their environment, so a process started in the instant
// before its line was written is still found. At a normal end the file is removed when every effect
// in it was undone; otherwise it stays for mpdts-recover.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>

namespace mpdts {

namespace journal_kind {
inline constexpr const char* kProcessGroup = "process_group";
inline constexpr const char* kMount = "mount";
inline constexpr const char* kDir = "dir";
inline constexpr const char* kNetns = "netns";
inline constexpr const char* kPciBinding = "pci_binding";
}  // namespace journal_kind

// The environment variable every child of a journaling harness carries: "<pid>.<start>".
inline constexpr const char* kJournalOwnerEnv = "MPDTS_JOURNAL_OWNER";

// One side effect as the journal records it: its kind and what is needed to undo it.
struct JournalEffect {
  std::string kind;
  std::map<std::string, std::string> text;
  std::map<std::string, std::int64_t> numbers;

  static JournalEffect process_group(pid_t pgid, std::uint64_t start, const std::string& name);
  static JournalEffect mount(const std::filesystem::path& path);
  static JournalEffect dir(const std::filesystem::path& path, const std::string& role);
  static JournalEffect netns(const std::string& name);
  static JournalEffect pci_binding(const std::string& address, const std::string& driver);
};

class Journal {
 public:
  using EntryId = std::uint64_t;

  // $MPDTS_JOURNAL_DIR, else /var/lib/mpdts/journal.
  static std::filesystem::path default_dir();
  // Starts this process's journal in `dir` (made 0700 if missing) and makes it the active one.
  // Throws HarnessError when it cannot (then nothing may be started: effects would go unrecorded).
  static Journal& start(const std::filesystem::path& dir);
  // The active journal, or nullptr when this process does not journal (unit tests, tools).
  static Journal* active();

  // Writes (and syncs) the line of an effect about to be made; throws HarnessError if it cannot.
  EntryId record(const JournalEffect& effect, const std::string& what);
  // Writes the line saying it was undone (errors are reported on stderr, not thrown: this runs in
  // undo paths).
  void undone(EntryId id);
  // At the end of the run: removes the file when every effect was undone (returns true), else
  // keeps it (and its lock, until this process ends) and says on stderr what is left and how to
  // undo it. The journal is no longer active after this.
  bool finish();

  const std::filesystem::path& path() const { return path_; }
  const std::string& owner_token() const { return owner_; }
  std::size_t open_effects() const;

 private:
  Journal() = default;
  void write_line(const std::string& line);

  std::filesystem::path path_;
  std::string owner_;
  int fd_ = -1;
  mutable std::mutex mutex_;
  EntryId next_ = 1;
  std::set<EntryId> open_;
  bool finished_ = false;
};

// "<pid>-<start>.jsonl" → pid, start; false when the name is not a journal's.
bool parse_journal_file_name(const std::string& name, pid_t& pid, std::uint64_t& start);

}  // namespace mpdts
