// A system the harness works on: this host, or a system under test reached over SSH. Everything a
// case does on its system goes through a Node — start a target on a terminal, run a command, make a
// directory, mount hugetlbfs, check that nothing is left — so the same case runs unchanged on either.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/deadline.hpp"
#include "core/journal.hpp"
#include "process/child_process.hpp"
#include "process/interactive.hpp"

namespace mpdts {

class Transcript;

class Node {
 public:
  virtual ~Node() = default;

  virtual const std::string& name() const = 0;
  // How the transcript names it: "local", "ssh root@127.0.0.1:2222".
  virtual std::string describe() const = 0;
  // This host: its side effects go to the journal (mpdts-recover undoes them after a SIGKILL).
  // A remote node's are undone by the cleanup stack only (see README: remote nodes).
  virtual bool is_local() const = 0;

  // Starts a program on the node in a process group of its own, on a terminal when
  // options.terminal; the group is ended when the returned object goes (or the harness is
  // interrupted), whatever happened.
  virtual std::unique_ptr<Interactive> spawn(SpawnOptions options, Transcript& transcript) = 0;
  // Runs a program to completion on the node (no terminal, output captured), with a deadline.
  virtual CommandResult run(const std::vector<std::string>& argv, Deadline deadline, Transcript* transcript = nullptr,
                            std::optional<std::string> netns = std::nullopt) = 0;
  // Same, but throws HarnessError (with the command and its output) unless it exits 0.
  std::string run_checked(const std::vector<std::string>& argv, Deadline deadline, Transcript* transcript = nullptr,
                          std::optional<std::string> netns = std::nullopt);

  // Files on the node.
  virtual bool exists(const std::filesystem::path& path) = 0;
  virtual std::string read_file(const std::filesystem::path& path) = 0;  // throws HarnessError
  virtual void make_dirs(const std::filesystem::path& path) = 0;         // throws HarnessError
  virtual void remove_all(const std::filesystem::path& path) = 0;        // best effort (undo paths)
  virtual void remove_contents(const std::filesystem::path& dir) = 0;    // best effort (undo paths)
  // hugetlbfs (2 MB pages) on `dir`; throws HarnessError.
  virtual void mount_hugetlbfs(const std::filesystem::path& dir) = 0;
  // Unmounts `dir`, lazily when it is busy (said in the transcript); best effort (undo paths).
  virtual void unmount(const std::filesystem::path& dir, Transcript& transcript) = 0;

  // The journal lines of effects made on this node: only a local node's can be undone from the
  // journal, so a remote node journals none (its ssh clients are journaled as local processes).
  std::vector<JournalEffect> journaled(std::vector<JournalEffect> effects) const {
    return is_local() ? std::move(effects) : std::vector<JournalEffect>{};
  }
};

// This host, exactly as the harness works on it without nodes.
Node& local_node();

}  // namespace mpdts
