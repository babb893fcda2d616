// Undoes what dead harnesses left, from their side-effect journals (core/journal.hpp), without their
// memory: kills their process groups (only those whose leader still has the recorded start time, and
// processes carrying the dead harness's owner mark), re-binds PCI devices to their recorded kernel
// driver with dpdk-devbind.py (and checks), deletes network namespaces, unmounts hugetlbfs mounts and
// removes directories — in that order, whatever order the journal has. A journal whose harness is
// alive (it holds the journal's lock, or its pid still has the recorded start time) is never touched.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/deadline.hpp"
#include "core/journal.hpp"

namespace mpdts::recovery {

struct Options {
  std::filesystem::path dir = Journal::default_dir();
  bool dry_run = false;  // say what would be undone; change nothing (no signal, no unmount...)
  // Directories and mounts are only removed under these (a damaged journal cannot point elsewhere).
  std::vector<std::filesystem::path> allowed_roots{"/tmp/mpdts", "/run/dpdk", "/var/run/dpdk"};
  Seconds kill_wait{30};     // for killed processes to be gone
  Seconds command_wait{60};  // one `ip` or dpdk-devbind.py command
  std::string devbind = "/usr/bin/dpdk-devbind.py";
  // One line per thing undone (or that would be), per journal handled and per problem.
  std::function<void(const std::string&)> say = [](const std::string&) {};
};

struct Report {
  int dead_journals = 0;     // journals of dead harnesses found
  int live_journals = 0;     // journals of live harnesses, left alone
  int undone = 0;            // effects undone (dry run: that would be)
  int already_gone = 0;      // effects with nothing left to undo
  int failed = 0;            // effects that could not be undone (their journal is kept)
  int removed_journals = 0;  // journals removed (everything in them undone)
  bool anything_to_do() const { return undone > 0 || dead_journals > 0; }
};

// Recovers every dead harness's journal in options.dir. Throws HarnessError only when the directory
// cannot be read.
Report recover(const Options& options);

}  // namespace mpdts::recovery
