#include "node/remote_process.hpp"

#include <signal.h>

#include <fmt/format.h>

#include "node/ssh_node.hpp"
#include "process/transcript.hpp"

namespace mpdts {

RemoteProcess::RemoteProcess(std::unique_ptr<ChildProcess> client, SshNode& node, long remote_pgid)
    : client_(std::move(client)), node_(node), remote_pgid_(remote_pgid) {
  // Newer than the client's own cleanup, so an interrupt ends the remote group first (through the
  // master connection, older still) and the local client after it.
  SshNode* n = &node_;
  Transcript* t = &transcript();  // the case's: it outlives this object, whose destructor releases the action
  const long pgid = remote_pgid_;
  cleanup_ = ScopedCleanup(fmt::format("kill remote process group {} on node {} ({})", pgid, node_.name(), name()),
                           [n, t, pgid] { n->kill(-pgid, SIGKILL, t); });
}

void RemoteProcess::signal(int sig) {
  if (!client_->exit_status()) node_.kill(remote_pgid_, sig, &transcript());
}

void RemoteProcess::stop(Seconds grace) {
  if (!client_->exit_status()) {
    transcript().note(name(), fmt::format("stopping: SIGTERM to remote process group {} on node {}", remote_pgid_,
                                          node_.name()));
    node_.kill(-remote_pgid_, SIGTERM, &transcript());
    // The client ends when the remote session does.
    if (!client_->wait_exit(Deadline::in(grace))) {
      transcript().note(name(), fmt::format("still running after {}: SIGKILL to remote process group {}",
                                            format_seconds(grace), remote_pgid_));
      node_.kill(-remote_pgid_, SIGKILL, &transcript());
    }
  }
  // Anything left in the remote group (a child that outlived its leader) goes too.
  node_.kill(-remote_pgid_, SIGKILL);
}

RemoteProcess::~RemoteProcess() {
  try {
    stop(Seconds(5));
  } catch (const std::exception& e) {
    transcript().note(name(), e.what());
  }
  cleanup_.release();
  client_.reset();  // the local client: stopped and reaped as any local process
}

}  // namespace mpdts
