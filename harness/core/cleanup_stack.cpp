#include "core/cleanup_stack.hpp"

#include "core/error.hpp"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <thread>
#include <utility>

namespace mpdts {

namespace {
thread_local bool t_in_undo = false;
}

bool CleanupStack::in_undo_action() { return t_in_undo; }

CleanupStack& CleanupStack::instance() {
  static CleanupStack stack;
  return stack;
}

CleanupStack::Id CleanupStack::push(std::string what, std::function<void()> undo,
                                   std::vector<JournalEffect> effects) {
  // Once an interrupt is being cleaned up, no new side effect may start (its owner registers
  // before making it, so refusing here means it is never made): it would outlive the harness.
  if (shutting_down() && !in_undo_action()) throw HarnessError("the harness is being interrupted: not " + what);
  std::vector<Journal::EntryId> journal_ids;
  if (Journal* journal = Journal::active()) {
    try {
      for (const auto& e : effects) journal_ids.push_back(journal->record(e, what));
    } catch (...) {
      for (auto jid : journal_ids) journal->undone(jid);  // none of them will be made
      throw;
    }
  }
  std::lock_guard lock(mutex_);
  const Id id = next_++;
  actions_.push_back({id, std::move(what), std::move(undo), std::move(journal_ids)});
  return id;
}

namespace {
void journal_undone(const std::vector<Journal::EntryId>& ids) {
  if (Journal* journal = Journal::active())
    for (auto jid : ids) journal->undone(jid);
}
}  // namespace

void CleanupStack::run(Id id) {
  std::lock_guard running(run_mutex_);
  std::function<void()> undo;
  std::string what;
  std::vector<Journal::EntryId> journal_ids;
  {
    std::lock_guard lock(mutex_);
    auto it = std::find_if(actions_.begin(), actions_.end(), [id](const Action& a) { return a.id == id; });
    if (it == actions_.end()) return;
    undo = std::move(it->undo);
    what = std::move(it->what);
    journal_ids = std::move(it->journal_ids);
    actions_.erase(it);
  }
  const bool outer = std::exchange(t_in_undo, true);
  try {
    undo();
    t_in_undo = outer;
    journal_undone(journal_ids);  // a failed undo stays open in the journal, for mpdts-recover
  } catch (const std::exception& e) {
    t_in_undo = outer;
    std::fprintf(stderr, "mpdts: cleanup '%s' failed: %s\n", what.c_str(), e.what());
  }
}

void CleanupStack::drop(Id id) {
  std::vector<Journal::EntryId> journal_ids;
  {
    std::lock_guard lock(mutex_);
    auto it = std::find_if(actions_.begin(), actions_.end(), [id](const Action& a) { return a.id == id; });
    if (it == actions_.end()) return;
    journal_ids = std::move(it->journal_ids);
    actions_.erase(it);
  }
  journal_undone(journal_ids);
}

void CleanupStack::run_all() {
  for (;;) {
    Id id;
    {
      std::lock_guard lock(mutex_);
      if (actions_.empty()) break;
      id = actions_.back().id;
    }
    run(id);
  }
  // Another thread (a case's own teardown) may have taken an action off the list just before and
  // still be undoing it: wait for that to finish, or the harness would exit half-way through it.
  std::lock_guard running(run_mutex_);
}

std::vector<std::string> CleanupStack::pending() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& a : actions_) out.push_back(a.what);
  return out;
}

ScopedCleanup& ScopedCleanup::operator=(ScopedCleanup&& o) noexcept {
  if (this != &o) {
    reset();
    id_ = o.id_;
    o.id_ = 0;
  }
  return *this;
}

void ScopedCleanup::reset() {
  if (id_ != 0) CleanupStack::instance().run(std::exchange(id_, 0));
}

void ScopedCleanup::release() {
  if (id_ != 0) CleanupStack::instance().drop(std::exchange(id_, 0));
}

void install_signal_cleanup() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);  // inherited by every thread created later
  std::thread([set] {
    int sig = 0;
    sigwait(&set, &sig);
    std::fprintf(stderr, "\nmpdts: caught signal %d: stopping processes and undoing side effects\n", sig);
    CleanupStack::instance().begin_shutdown();
    CleanupStack::instance().run_all();
    if (Journal* journal = Journal::active()) journal->finish();
    std::fprintf(stderr, "mpdts: cleanup done\n");
    std::fflush(nullptr);
    _exit(128 + sig);
  }).detach();
}

}  // namespace mpdts
