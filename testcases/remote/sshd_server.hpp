// A real OpenSSH server for the ssh node tests, made from nothing the machine keeps: host and client
// key pairs generated in a scratch directory, a config of its own, a free port on 127.0.0.1, and a
// known_hosts file naming exactly its host key. Gone with this object: the server and every process
// it started, the scratch directory, and sshd's privilege separation directory if it had to be made.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "process/child_process.hpp"
#include "process/transcript.hpp"

namespace mpdts::sshtest {

class SshServer {
 public:
  SshServer();  // throws HarnessError (with sshd's own words) when it cannot start
  ~SshServer();
  SshServer(const SshServer&) = delete;
  SshServer& operator=(const SshServer&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return sshd_->pid(); }
  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path client_key() const { return dir_ / "client_key"; }
  std::filesystem::path known_hosts() const { return dir_ / "known_hosts"; }
  std::string log() const { return log_.text(); }

  // The processes the server started that are still there (connection handlers and what runs in
  // their sessions): pids of its descendants, found through /proc.
  std::vector<pid_t> descendants() const;

 private:
  std::filesystem::path dir_;
  bool made_privsep_dir_ = false;
  int port_ = 0;
  Transcript log_;
  std::unique_ptr<ChildProcess> sshd_;
};

// The command line of a process ("" once it is gone).
std::string cmdline_of(pid_t pid);

}  // namespace mpdts::sshtest
