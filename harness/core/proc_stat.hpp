// What /proc says about a process: enough to tell that a pid still names the process the harness
// started (its start time, field 22 of /proc/<pid>/stat, is unique per boot for a given pid), and
// which process group it is in.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace mpdts {

struct ProcStat {
  pid_t pid = 0;
  char state = '?';            // R, S, D, Z...
  pid_t ppid = 0;              // field 4
  pid_t pgid = 0;              // field 5
  std::uint64_t start = 0;     // field 22: start time in clock ticks after boot
  bool zombie() const { return state == 'Z' || state == 'X'; }
};

// Parses /proc/<pid>/stat (under `proc_root`); nullopt when there is no such process.
std::optional<ProcStat> read_proc_stat(pid_t pid, const std::filesystem::path& proc_root = "/proc");
// Parses the text of a stat file (the command name may hold spaces and parentheses).
std::optional<ProcStat> parse_proc_stat(const std::string& text);

// This boot's id (/proc/sys/kernel/random/boot_id): start times are only comparable within a boot.
std::string boot_id();

// True when `pid` is a live (not zombie) process.
bool process_alive(pid_t pid);
// True when `pid` is a live (not zombie) process that started at `start`.
bool same_process_alive(pid_t pid, std::uint64_t start);

}  // namespace mpdts
