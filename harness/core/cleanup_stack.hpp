// Every side effect the harness makes (a process started, a hugetlbfs mount, a netns) registers how
// to undo it here. Normal and error paths undo through RAII owners; a SIGINT/SIGTERM of the harness
// undoes whatever is still registered, newest first, before the harness exits. When this process
// journals (core/journal.hpp), the effects an action undoes are written to the journal when it is
// registered (so: register before making the effect) and marked undone when it has run.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "core/journal.hpp"

namespace mpdts {

class CleanupStack {
 public:
  using Id = std::uint64_t;

  static CleanupStack& instance();

  // Register an undo action; returns an id to run or drop it later. `effects` (what the action
  // undoes) go to the journal first, if this process journals; a journal that cannot be written
  // throws HarnessError and nothing is registered: the caller must then not make the effect.
  Id push(std::string what, std::function<void()> undo, std::vector<JournalEffect> effects = {});
  // Run (and forget) one action now. Runs at most once, whoever asks first.
  void run(Id id);
  // Forget an action without running it (the owner undid the effect itself: journaled as undone).
  void drop(Id id);
  // Run every registered action, newest first. Errors are reported on stderr and do not stop the rest.
  void run_all();
  std::vector<std::string> pending() const;

  // Set when the harness is being interrupted: nothing new may be started after that, except by an
  // undo action itself (deleting a netns runs `ip`).
  bool shutting_down() const { return shutting_down_.load(); }
  static bool in_undo_action();
  void begin_shutdown() { shutting_down_.store(true); }

 private:
  struct Action {
    Id id;
    std::string what;
    std::function<void()> undo;
    std::vector<Journal::EntryId> journal_ids;
  };
  mutable std::mutex mutex_;       // guards the list
  std::recursive_mutex run_mutex_;  // one undo at a time: the signal thread and a case's teardown
                                    // may reach for the same effect; the second waits for the first
  std::atomic<bool> shutting_down_{false};
  std::vector<Action> actions_;
  Id next_ = 1;
};

// Owner of one registered undo action: runs it when destroyed unless released.
class ScopedCleanup {
 public:
  ScopedCleanup() = default;
  ScopedCleanup(std::string what, std::function<void()> undo, std::vector<JournalEffect> effects = {})
      : id_(CleanupStack::instance().push(std::move(what), std::move(undo), std::move(effects))) {}
  ScopedCleanup(ScopedCleanup&& o) noexcept : id_(o.id_) { o.id_ = 0; }
  ScopedCleanup& operator=(ScopedCleanup&& o) noexcept;
  ScopedCleanup(const ScopedCleanup&) = delete;
  ScopedCleanup& operator=(const ScopedCleanup&) = delete;
  ~ScopedCleanup() { reset(); }

  void reset();    // undo now
  void release();  // forget the action: its owner has undone the effect itself

 private:
  CleanupStack::Id id_ = 0;
};

// Blocks SIGINT/SIGTERM/SIGHUP in every thread and handles them on a thread of its own: it runs
// the cleanup stack, finishes the journal (if any) and exits with 128+signal. Install once, first
// thing in main(), before any thread.
void install_signal_cleanup();

}  // namespace mpdts
