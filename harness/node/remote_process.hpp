// A target running on an ssh node, seen through the local ssh client that carries its terminal:
// input and output are the client's, its exit status is the one ssh passes on (a remote death by a
// signal shows as exit code 255). Its remote process group (the session sshd made for it) is ended
// with a second ssh command when this object goes, or when the harness is interrupted.
#pragma once

#include <memory>

#include "core/cleanup_stack.hpp"
#include "process/child_process.hpp"

namespace mpdts {

class SshNode;

class RemoteProcess : public Interactive {
 public:
  // `client` is the local ssh client; `remote_pgid` the remote group it reported.
  RemoteProcess(std::unique_ptr<ChildProcess> client, SshNode& node, long remote_pgid);
  ~RemoteProcess() override;
  RemoteProcess(const RemoteProcess&) = delete;
  RemoteProcess& operator=(const RemoteProcess&) = delete;

  long remote_pgid() const { return remote_pgid_; }

  const std::string& name() const override { return client_->name(); }
  Transcript& transcript() override { return client_->transcript(); }
  void send_line(std::string_view line) override { client_->send_line(line); }
  bool wait_output(const std::function<bool(const std::string&)>& pred, Deadline deadline) override {
    return client_->wait_output(pred, deadline);
  }
  std::string consume(std::size_t n) override { return client_->consume(n); }
  std::string unconsumed() const override { return client_->unconsumed(); }
  bool output_closed() const override { return client_->output_closed(); }
  std::optional<ExitStatus> wait_exit(Deadline deadline) override { return client_->wait_exit(deadline); }
  std::optional<ExitStatus> exit_status() override { return client_->exit_status(); }
  // To the remote process itself (not the local client, not its group).
  void signal(int sig) override;

 private:
  // SIGTERM to the remote group, SIGKILL when the client has not ended within `grace`, then the
  // rest of the group (anything that outlived its leader).
  void stop(Seconds grace);

  std::unique_ptr<ChildProcess> client_;
  SshNode& node_;
  long remote_pgid_;
  ScopedCleanup cleanup_;  // kills the remote group if the harness is interrupted
};

}  // namespace mpdts
