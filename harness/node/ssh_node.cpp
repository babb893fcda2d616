#include "node/ssh_node.hpp"

#include <string.h>
#include <unistd.h>

#include <atomic>
#include <boost/regex.hpp>

#include <fmt/format.h>

#include "core/error.hpp"
#include "node/remote_process.hpp"

namespace mpdts {
namespace fs = std::filesystem;

namespace {

const Seconds kConnectTimeout{20};  // the master connection: TCP, key exchange, authentication
const Seconds kCommandTimeout{30};  // one file or kill command on the node
const char* kReady = "mpdts-ssh-ready";
const char* kPidMark = "mpdts-remote-pid=";

// Short: a ControlPath must fit in a unix socket address (108 bytes).
fs::path next_control_dir() {
  static std::atomic<int> counter{0};
  return fs::path("/tmp/mpdts") / fmt::format("ssh{}-{}", ::getpid(), ++counter);
}

}  // namespace

std::string shell_quote(const std::string& word) {
  static const boost::regex plain(R"(^[A-Za-z0-9_./=:,+@%-]+$)");
  if (boost::regex_match(word, plain)) return word;
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string remote_command_line(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                                const std::optional<std::string>& netns) {
  std::vector<std::string> words;
  if (!env.empty()) {
    words.push_back("env");
    for (const auto& [k, v] : env) words.push_back(k + "=" + v);
  }
  if (netns) words.insert(words.end(), {"ip", "netns", "exec", *netns});
  words.insert(words.end(), argv.begin(), argv.end());
  std::string line;
  for (const auto& w : words) line += (line.empty() ? "" : " ") + shell_quote(w);
  return line;
}

SshNode::SshNode(NodeSpec spec) : spec_(std::move(spec)) {}

SshNode::~SshNode() {
  if (master_) {
    // Its session's `cat` reads end of file; the master ends once no session is left.
    master_->close_input();
    master_->wait_exit(Deadline::in(Seconds(10)));
    master_.reset();  // stopped as a local process group if it has not ended
  }
  control_dir_cleanup_.reset();
}

std::string SshNode::describe() const {
  return fmt::format("ssh {}{}:{}", spec_.user.empty() ? "" : spec_.user + "@", spec_.host, spec_.port);
}

std::vector<std::string> SshNode::ssh_argv(bool terminal, const std::string& remote_command) const {
  std::vector<std::string> a{"ssh",
                             "-o", "BatchMode=yes",               // never a password or passphrase prompt
                             "-o", "StrictHostKeyChecking=yes",   // only a host key the topology knows
                             "-o", "LogLevel=ERROR",              // errors, but no "Connection closed" lines
                             "-o", fmt::format("ConnectTimeout={}", static_cast<int>(kConnectTimeout.count())),
                             "-o", "ControlPath=" + (control_dir_ / "cm").string(),
                             "-p", std::to_string(spec_.port)};
  if (!spec_.known_hosts.empty()) a.insert(a.end(), {"-o", "UserKnownHostsFile=" + spec_.known_hosts.string()});
  if (!spec_.key.empty()) a.insert(a.end(), {"-o", "IdentitiesOnly=yes", "-i", spec_.key.string()});
  if (!spec_.user.empty()) a.insert(a.end(), {"-l", spec_.user});
  a.push_back(terminal ? "-tt" : "-T");
  a.push_back(spec_.host);
  a.push_back(remote_command);
  return a;
}

void SshNode::connect() {
  std::lock_guard lock(mutex_);
  if (master_) {
    if (!master_->exit_status()) return;
    throw HarnessError(fmt::format("the ssh master connection to node {} ({}) ended:\n{}", spec_.name, describe(),
                                   master_transcript_.tail(20)));
  }
  control_dir_ = next_control_dir();
  control_dir_cleanup_ = ScopedCleanup(fmt::format("remove ssh control dir {}", control_dir_.string()),
                                       [dir = control_dir_] {
                                         std::error_code ec;
                                         fs::remove_all(dir, ec);
                                       },
                                       {JournalEffect::dir(control_dir_, "scratch")});
  fs::create_directories(control_dir_);
  fs::permissions(control_dir_, fs::perms::owner_all);
  auto argv = ssh_argv(false, fmt::format("echo {}; exec cat", kReady));
  // The master only: -M, and no persistence of its own (it lives as long as this node, as a child
  // of the harness in a process group of its own).
  argv.insert(argv.begin() + 1, {"-M", "-o", "ControlPersist=no", "-o", "ServerAliveInterval=5"});
  master_ = std::make_unique<ChildProcess>(SpawnOptions{argv, "ssh-master-" + spec_.name, false, std::nullopt, {}},
                                           master_transcript_);
  // The control socket listens once the master has authenticated, before its own session starts:
  // the session's first line says both are done.
  const bool ready = master_->wait_output(
      [](const std::string& out) { return out.find(kReady) != std::string::npos; },
      Deadline::in(kConnectTimeout + Seconds(5)));
  if (!ready) {
    const auto said = master_transcript_.tail(20);
    master_.reset();
    throw HarnessError(fmt::format("cannot connect to node {} ({}):\n{}", spec_.name, describe(), said));
  }
}

std::unique_ptr<Interactive> SshNode::spawn(SpawnOptions options, Transcript& transcript) {
  connect();
  if (options.name.empty()) options.name = fs::path(options.argv.at(0)).filename().string();
  // sshd runs the command line in a session of its own; `exec` makes the target that session's
  // leader, so the pid the shell reports first is the target's process group on the node.
  const auto line = remote_command_line(options.argv, options.env_set, options.netns);
  transcript.note(options.name, fmt::format("on node {} ({}): $ {}", spec_.name, describe(), line));
  SpawnOptions client = options;
  client.argv = ssh_argv(options.terminal, fmt::format("echo {}$$; exec {}", kPidMark, line));
  client.netns.reset();
  client.env_set.clear();
  auto process = std::make_unique<ChildProcess>(client, transcript);

  static const boost::regex pid_line(std::string(kPidMark) + R"(([0-9]{1,10})[^\n]*\n)");
  long pgid = -1;
  std::size_t line_end = 0;
  const bool reported = process->wait_output(
      [&](const std::string& out) {
        boost::smatch m;
        if (!boost::regex_search(out, m, pid_line)) return false;
        pgid = std::stol(m[1].str());
        line_end = static_cast<std::size_t>(m[0].second - out.begin());
        return true;
      },
      Deadline::in(kConnectTimeout));
  if (!reported)
    throw HarnessError(fmt::format("{} did not start on node {}: no process id reported; it said:\n{}", options.name,
                                   spec_.name, process->unconsumed()));
  // The pid is the remote group's: everything later signals -pid. 0 and 1 (and a parse gone wrong)
  // would signal the node's whole session or every process on it.
  if (pgid <= 1)
    throw HarnessError(fmt::format("{} on node {} reported process id {}: not a process group the harness may "
                                   "signal",
                                   options.name, spec_.name, pgid));
  process->consume(line_end);  // the target's own output starts after it
  transcript.note(options.name, fmt::format("remote pid {} on node {} (own session and process group)", pgid,
                                            spec_.name));
  return std::make_unique<RemoteProcess>(std::move(process), *this, pgid);
}

CommandResult SshNode::run(const std::vector<std::string>& argv, Deadline deadline, Transcript* transcript,
                           std::optional<std::string> netns) {
  connect();
  const auto line = remote_command_line(argv, {}, netns);
  if (transcript) transcript->note("harness", fmt::format("on node {}: $ {}", spec_.name, line));
  auto r = run_command(ssh_argv(false, line), deadline, transcript);
  // 255 is ssh's own failure (connection, authentication), never the command's answer.
  if (r.status.signal == 0 && r.status.code == 255)
    throw HarnessError(fmt::format("ssh to node {} failed running: {}\n{}", spec_.name, line, r.output));
  return r;
}

bool SshNode::exists(const fs::path& path) {
  return run({"test", "-e", path.string()}, Deadline::in(kCommandTimeout), nullptr, std::nullopt).ok();
}

std::string SshNode::read_file(const fs::path& path) {
  return run_checked({"cat", path.string()}, Deadline::in(kCommandTimeout));
}

void SshNode::make_dirs(const fs::path& path) { run_checked({"mkdir", "-p", path.string()}, Deadline::in(kCommandTimeout)); }

void SshNode::remove_all(const fs::path& path) {
  run({"rm", "-rf", "--", path.string()}, Deadline::in(kCommandTimeout), nullptr, std::nullopt);
}

void SshNode::remove_contents(const fs::path& dir) {
  run({"find", dir.string(), "-mindepth", "1", "-maxdepth", "1", "-delete"}, Deadline::in(kCommandTimeout), nullptr,
      std::nullopt);
}

void SshNode::mount_hugetlbfs(const fs::path& dir) {
  run_checked({"mount", "-t", "hugetlbfs", "-o", "pagesize=2M", "nodev", dir.string()}, Deadline::in(kCommandTimeout));
}

void SshNode::unmount(const fs::path& dir, Transcript& transcript) {
  const auto r = run({"umount", dir.string()}, Deadline::in(kCommandTimeout), nullptr, std::nullopt);
  if (!r.ok()) {
    transcript.note("harness", fmt::format("umount {} on node {}: {}; detaching it lazily", dir.string(), spec_.name,
                                           r.output));
    run({"umount", "-l", dir.string()}, Deadline::in(kCommandTimeout), nullptr, std::nullopt);
  }
}

bool SshNode::kill(long pid, int sig, Transcript* transcript) {
  // Never `kill -- 0`, `-1` or `1`/`-1`: the caller's session, every process, init.
  if (pid >= -1 && pid <= 1) {
    if (transcript)
      transcript->note("harness", fmt::format("refused to signal pid {} on node {}: not a process the harness started",
                                              pid, spec_.name));
    return false;
  }
  // `kill -s NAME -- -PGID` is POSIX; the shell's builtin or /bin/kill both take it.
  const auto r = run({"kill", "-s", sigabbrev_np(sig), "--", std::to_string(pid)}, Deadline::in(kCommandTimeout),
                     transcript, std::nullopt);
  return r.ok();
}

}  // namespace mpdts
