#include "core/proc_stat.hpp"

#include <fstream>
#include <sstream>
#include <vector>

namespace mpdts {

std::optional<ProcStat> parse_proc_stat(const std::string& text) {
  const auto open = text.find('(');
  const auto close = text.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open) return std::nullopt;
  ProcStat s;
  try {
    s.pid = static_cast<pid_t>(std::stol(text.substr(0, open)));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  std::istringstream rest(text.substr(close + 1));
  std::vector<std::string> f;  // f[0] is field 3 (state)
  for (std::string tok; rest >> tok;) f.push_back(tok);
  if (f.size() < 20 || f[0].size() != 1) return std::nullopt;
  try {
    s.state = f[0][0];
    s.ppid = static_cast<pid_t>(std::stol(f[1]));    // field 4
    s.pgid = static_cast<pid_t>(std::stol(f[2]));    // field 5
    s.start = std::stoull(f[19]);                    // field 22
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return s;
}

std::optional<ProcStat> read_proc_stat(pid_t pid, const std::filesystem::path& proc_root) {
  if (pid <= 0) return std::nullopt;
  std::ifstream in(proc_root / std::to_string(pid) / "stat");
  std::string text;
  if (!std::getline(in, text)) return std::nullopt;
  return parse_proc_stat(text);
}

std::string boot_id() {
  std::ifstream in("/proc/sys/kernel/random/boot_id");
  std::string id;
  std::getline(in, id);
  return id;
}

bool process_alive(pid_t pid) {
  const auto s = read_proc_stat(pid);
  return s && !s->zombie();
}

bool same_process_alive(pid_t pid, std::uint64_t start) {
  const auto s = read_proc_stat(pid);
  return s && !s->zombie() && s->start == start;
}

}  // namespace mpdts
