// A system under test reached with the system's OpenSSH client. One master connection per node
// (ControlMaster, started on first use) carries every command and target as a multiplexed session:
// BatchMode (never a password prompt), strict host key checking against the topology's known_hosts.
// A target runs on a remote terminal (`ssh -tt`) as the leader of the session sshd made for it, so
// its pid is its process group; that group is ended with a second ssh command (`kill -- -PGID`), not
// by ending the local ssh client alone.
#pragma once

#include <memory>
#include <mutex>

#include "core/cleanup_stack.hpp"
#include "node/node.hpp"
#include "process/transcript.hpp"
#include "topology/topology.hpp"

namespace mpdts {

class SshNode : public Node {
 public:
  explicit SshNode(NodeSpec spec);
  ~SshNode() override;  // ends the master connection
  SshNode(const SshNode&) = delete;
  SshNode& operator=(const SshNode&) = delete;

  const std::string& name() const override { return spec_.name; }
  std::string describe() const override;
  bool is_local() const override { return false; }

  std::unique_ptr<Interactive> spawn(SpawnOptions options, Transcript& transcript) override;
  CommandResult run(const std::vector<std::string>& argv, Deadline deadline, Transcript* transcript,
                    std::optional<std::string> netns) override;

  bool exists(const std::filesystem::path& path) override;
  std::string read_file(const std::filesystem::path& path) override;
  void make_dirs(const std::filesystem::path& path) override;
  void remove_all(const std::filesystem::path& path) override;
  void remove_contents(const std::filesystem::path& dir) override;
  void mount_hugetlbfs(const std::filesystem::path& dir) override;
  void unmount(const std::filesystem::path& dir, Transcript& transcript) override;

  // Sends `sig` to a remote process (pid > 0) or process group (pid < 0); true when it was delivered.
  bool kill(long pid, int sig, Transcript* transcript = nullptr);

  // The ssh command line (client options, destination) for one session; `terminal` asks for a pty.
  std::vector<std::string> ssh_argv(bool terminal, const std::string& remote_command) const;

 private:
  void connect();  // the master connection, on first use

  NodeSpec spec_;
  std::mutex mutex_;
  Transcript master_transcript_;  // what the master connection said (authentication errors...)
  std::filesystem::path control_dir_;
  ScopedCleanup control_dir_cleanup_;
  std::unique_ptr<ChildProcess> master_;
};

// One word for a POSIX shell: 'it'\''s' (the remote side runs every command through the user's shell).
std::string shell_quote(const std::string& word);
// The words of `argv` (and `env`, `netns` around them) as one command line for a POSIX shell.
std::string remote_command_line(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                                const std::optional<std::string>& netns);

}  // namespace mpdts
