// The side-effect journal and its recovery: what is written and when, that a normal end leaves no
// journal, and that a SIGKILLed harness's processes, mount, dirs and netns are undone from its journal
// alone — and that nothing of a live harness, nothing outside the harness's directories, and no
// process whose start time differs from the recorded one is ever touched.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <boost/regex.hpp>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/cleanup_stack.hpp"
#include "core/error.hpp"
#include "core/journal.hpp"
#include "core/proc_stat.hpp"
#include "devbind/pci_binding.hpp"
#include "journal/recovery.hpp"
#include "process/child_process.hpp"
#include "process/prompt_session.hpp"
#include "topology/pci_node.hpp"

namespace mpdts {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

fs::path fresh_dir(const std::string& name) {
  const auto d = fs::temp_directory_path() / fmt::format("mpdts-journal-test-{}-{}", ::getpid(), name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::vector<json> lines_of(const fs::path& file) {
  std::ifstream in(file);
  std::vector<json> out;
  for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
  return out;
}

bool alive(pid_t pid) {
  const auto s = read_proc_stat(pid);
  return s && !s->zombie();
}

bool mounted(const fs::path& p) {
  std::ifstream in("/proc/mounts");
  std::string dev, at, rest;
  while (in >> dev >> at && std::getline(in, rest))
    if (at == p.string()) return true;
  return false;
}

// A harness identity (pid and start time) that is surely dead: a child that ran and was reaped.
std::pair<pid_t, std::uint64_t> dead_harness() {
  Transcript t;
  ChildProcess p({{"/bin/true"}, "true", false, std::nullopt, {}}, t);
  const auto st = read_proc_stat(p.pid());  // readable until it is reaped, even as a zombie
  EXPECT_TRUE(p.wait_exit(Deadline::in(Seconds(20))).has_value());
  return {p.pid(), st ? st->start : 1};
}

fs::path write_journal(const fs::path& dir, pid_t pid, std::uint64_t start, const std::vector<json>& lines) {
  const auto file = dir / fmt::format("{}-{}.jsonl", pid, start);
  std::ofstream out(file);
  out << json{{"op", "harness"}, {"v", 1}, {"pid", pid}, {"start", start}, {"boot_id", boot_id()},
              {"cmdline", "mpdts_cases (test)"}, {"time", "2024-01-01T00:00:00Z"}}
             .dump()
      << "\n";
  for (const auto& l : lines) out << l.dump() << "\n";
  return file;
}

json effect(std::uint64_t id, json fields) {
  fields["op"] = "do";
  fields["id"] = id;
  return fields;
}

struct Run {
  recovery::Report report;
  std::string out;
};
Run recover_in(const fs::path& dir, std::vector<fs::path> roots, bool dry_run = false) {
  Run r;
  recovery::Options o;
  o.dir = dir;
  o.dry_run = dry_run;
  o.allowed_roots = std::move(roots);
  o.devbind = "/bin/false";  // never bind anything from these tests, whatever happens
  o.kill_wait = Seconds(30);
  o.say = [&r](const std::string& line) { r.out += line + "\n"; };
  r.report = recovery::recover(o);
  return r;
}

TEST(ProcStat, ParsesACommandNameWithSpacesAndParentheses) {
  const auto s = parse_proc_stat("4242 (a (b) c) S 1 4240 4240 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 987654 0 0");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->pid, 4242);
  EXPECT_EQ(s->state, 'S');
  EXPECT_EQ(s->ppid, 1);
  EXPECT_EQ(s->pgid, 4240);
  EXPECT_EQ(s->start, 987654u);
  EXPECT_FALSE(parse_proc_stat("garbage").has_value());
  const auto self = read_proc_stat(::getpid());
  ASSERT_TRUE(self.has_value());
  EXPECT_TRUE(same_process_alive(::getpid(), self->start));
  EXPECT_FALSE(same_process_alive(::getpid(), self->start + 1));
}

TEST(Journal, FileNamesCarryPidAndStartTime) {
  pid_t pid = 0;
  std::uint64_t start = 0;
  EXPECT_TRUE(parse_journal_file_name("123-456.jsonl", pid, start));
  EXPECT_EQ(pid, 123);
  EXPECT_EQ(start, 456u);
  for (const char* bad : {"123.jsonl", "-456.jsonl", "12a-456.jsonl", "123-456.json", "123-.jsonl", "x"})
    EXPECT_FALSE(parse_journal_file_name(bad, pid, start)) << bad;
}

TEST(Journal, WritesEachEffectBeforeItIsMadeAndRemovesItselfWhenAllIsUndone) {
  const auto dir = fresh_dir("writer");
  auto& journal = Journal::start(dir);
  ASSERT_EQ(Journal::active(), &journal);
  const auto self = read_proc_stat(::getpid());
  EXPECT_EQ(journal.path(), dir / fmt::format("{}-{}.jsonl", ::getpid(), self->start));
  EXPECT_EQ(journal.owner_token(), fmt::format("{}.{}", ::getpid(), self->start));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1) << "only the journal itself";
  // The journal is locked by its harness for as long as it lives.
  const int fd = ::open(journal.path().c_str(), O_RDONLY | O_CLOEXEC);
  EXPECT_NE(::flock(fd, LOCK_EX | LOCK_NB), 0);
  ::close(fd);

  bool made = false;
  {
    ScopedCleanup c("remove thing", [] {}, {JournalEffect::dir(dir / "thing", "scratch"), JournalEffect::netns("ns1")});
    // Written (and synced) by the time push returns, i.e. before the caller makes the effect.
    const auto lines = lines_of(journal.path());
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0]["op"], "harness");
    EXPECT_EQ(lines[0]["pid"], ::getpid());
    EXPECT_EQ(lines[0]["start"], self->start);
    EXPECT_EQ(lines[0]["boot_id"], boot_id());
    EXPECT_EQ(lines[1]["op"], "do");
    EXPECT_EQ(lines[1]["kind"], "dir");
    EXPECT_EQ(lines[1]["path"], (dir / "thing").string());
    EXPECT_EQ(lines[1]["role"], "scratch");
    EXPECT_EQ(lines[1]["what"], "remove thing");
    EXPECT_EQ(lines[2]["kind"], "netns");
    EXPECT_EQ(lines[2]["name"], "ns1");
    EXPECT_EQ(journal.open_effects(), 2u);
    made = true;
  }
  ASSERT_TRUE(made);
  {
    // A child process: journaled with its group and start time, and carrying the owner mark.
    Transcript t;
    ChildProcess p({{"/usr/bin/env"}, "env", false, std::nullopt, {}}, t);
    const auto lines = lines_of(journal.path());
    const auto& last = lines.back();
    EXPECT_EQ(last["kind"], "process_group");
    EXPECT_EQ(last["pgid"], p.pid());
    EXPECT_EQ(last["name"], "env");
    EXPECT_NE(last["start"], 0);
    ASSERT_TRUE(p.wait_exit(Deadline::in(Seconds(20))).has_value());
    p.wait_output([](const std::string&) { return false; }, Deadline::in(Seconds(10)));
    EXPECT_NE(p.unconsumed().find(std::string(kJournalOwnerEnv) + "=" + journal.owner_token()), std::string::npos);
  }
  const auto lines = lines_of(journal.path());
  int undone = 0;
  for (const auto& l : lines) undone += l["op"] == "undone";
  EXPECT_EQ(undone, 3);
  EXPECT_EQ(journal.open_effects(), 0u);
  const auto path = journal.path();
  EXPECT_TRUE(journal.finish());
  EXPECT_FALSE(fs::exists(path));
  EXPECT_EQ(Journal::active(), nullptr);
  fs::remove_all(dir);
}

TEST(Journal, AFailedUndoStaysOpenAndTheJournalIsKept) {
  const auto dir = fresh_dir("kept");
  auto& journal = Journal::start(dir);
  {
    ScopedCleanup c("remove it", [] { throw HarnessError("cannot"); }, {JournalEffect::mount(dir / "m")});
  }
  EXPECT_EQ(journal.open_effects(), 1u);
  EXPECT_FALSE(journal.finish());
  EXPECT_TRUE(fs::exists(journal.path()));
  // Still locked: this process is alive, so recovery leaves it alone.
  const auto r = recover_in(dir, {dir});
  EXPECT_EQ(r.report.live_journals, 1);
  EXPECT_EQ(r.report.dead_journals, 0);
  EXPECT_NE(r.out.find("left alone: " + journal.path().string()), std::string::npos) << r.out;
  EXPECT_TRUE(fs::exists(journal.path()));
  fs::remove_all(dir);
}

TEST(Recovery, NeverTouchesTheJournalOfALiveHarness) {
  const auto dir = fresh_dir("live");
  const auto roots = fresh_dir("live-roots");
  fs::create_directories(roots / "scratch");
  const auto self = read_proc_stat(::getpid());
  // Not locked, but its pid is alive with the recorded start time: alive.
  const auto file = write_journal(dir, ::getpid(), self->start,
                                  {effect(1, {{"kind", "dir"}, {"path", (roots / "scratch").string()}, {"role", "scratch"}})});
  const auto before = lines_of(file).size();
  for (bool dry : {true, false}) {
    const auto r = recover_in(dir, {roots}, dry);
    EXPECT_EQ(r.report.live_journals, 1);
    EXPECT_EQ(r.report.undone, 0);
    EXPECT_NE(r.out.find("left alone"), std::string::npos);
  }
  EXPECT_TRUE(fs::exists(roots / "scratch"));
  EXPECT_EQ(lines_of(file).size(), before);
  // Locked by someone (a live harness holds its lock): alive too, whatever its pid says.
  const auto [pid, start] = dead_harness();
  const auto locked = write_journal(dir, pid, start, {});
  const int fd = ::open(locked.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0);
  const auto r = recover_in(dir, {roots});
  EXPECT_EQ(r.report.live_journals, 2);
  EXPECT_TRUE(fs::exists(locked));
  ::close(fd);
  fs::remove_all(dir);
  fs::remove_all(roots);
}

TEST(Recovery, UndoesADeadHarnessesLeftoversAndSaysWhatItDid) {
  const auto dir = fresh_dir("dead");
  const auto roots = fresh_dir("dead-roots");
  fs::create_directories(roots / "scratch/sub");
  std::ofstream(roots / "scratch/sub/file") << "x";
  fs::create_directories(roots / "runtime");
  const auto [pid, start] = dead_harness();
  const auto self = read_proc_stat(::getpid());
  const auto file = write_journal(
      dir, pid, start,
      {effect(1, {{"kind", "dir"}, {"path", (roots / "scratch").string()}, {"role", "scratch"}}),
       effect(2, {{"kind", "dir"}, {"path", (roots / "runtime").string()}, {"role", "eal_runtime"}}),
       effect(3, {{"kind", "mount"}, {"path", (roots / "scratch/hugepages").string()}}),
       effect(4, {{"kind", "netns"}, {"name", fmt::format("mpdts-none-{}", ::getpid())}}),
       // pid of this test, but another start time: a recycled pid, never to be killed.
       effect(5, {{"kind", "process_group"}, {"pgid", ::getpid()}, {"start", self->start + 1}, {"name", "primary"}}),
       effect(6, {{"kind", "dir"}, {"path", (roots / "done").string()}, {"role", "scratch"}}),
       json{{"op", "undone"}, {"id", 6}},
       json("not an object")});

  // Dry run first: says what it would do, changes nothing.
  const auto dry = recover_in(dir, {roots}, true);
  EXPECT_EQ(dry.report.dead_journals, 1);
  EXPECT_NE(dry.out.find("would remove " + (roots / "scratch").string() + " (scratch)"), std::string::npos) << dry.out;
  EXPECT_TRUE(fs::exists(roots / "scratch/sub/file"));
  EXPECT_TRUE(fs::exists(file));

  const auto r = recover_in(dir, {roots});
  EXPECT_EQ(r.report.dead_journals, 1);
  EXPECT_EQ(r.report.undone, 2);
  EXPECT_EQ(r.report.already_gone, 3);
  EXPECT_EQ(r.report.failed, 0);
  EXPECT_EQ(r.report.removed_journals, 1);
  EXPECT_NE(r.out.find(fmt::format("harness pid {} (2024-01-01T00:00:00Z: mpdts_cases (test)) is gone: 5 effect(s) left open",
                                   pid)),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("removed " + (roots / "scratch").string() + " (scratch)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("removed " + (roots / "runtime").string() + " (eal_runtime)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("nothing left: " + (roots / "scratch/hugepages").string() + " is not mounted"), std::string::npos);
  EXPECT_NE(r.out.find(fmt::format("nothing left: netns mpdts-none-{} is gone", ::getpid())), std::string::npos);
  EXPECT_NE(r.out.find(fmt::format("pid {} now names another process", ::getpid())), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("line 9 of the journal is unreadable"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("removed the journal " + file.string()), std::string::npos);
  EXPECT_FALSE(fs::exists(roots / "scratch"));
  EXPECT_FALSE(fs::exists(roots / "runtime"));
  EXPECT_FALSE(fs::exists(file));
  EXPECT_TRUE(alive(::getpid()));
  fs::remove_all(dir);
  fs::remove_all(roots);
}

TEST(Recovery, RemovesAJournalThatADeadHarnessDidNotFinishStarting) {
  const auto dir = fresh_dir("unfinished");
  const auto [pid, start] = dead_harness();
  const auto self = read_proc_stat(::getpid());
  const auto dead = dir / fmt::format(".{}-{}.jsonl.new", pid, start);
  const auto live = dir / fmt::format(".{}-{}.jsonl.new", ::getpid(), self->start);
  std::ofstream(dead) << "{\"op\":\"harness\"}\n";
  std::ofstream(live) << "";
  const auto dry = recover_in(dir, {dir}, true);
  EXPECT_NE(dry.out.find("would remove " + dead.string()), std::string::npos) << dry.out;
  EXPECT_TRUE(fs::exists(dead));
  const auto r = recover_in(dir, {dir});
  EXPECT_NE(r.out.find(fmt::format("removed {}: a journal harness pid {} did not finish starting", dead.string(), pid)),
            std::string::npos)
      << r.out;
  EXPECT_FALSE(fs::exists(dead));
  EXPECT_TRUE(fs::exists(live));
  fs::remove_all(dir);
}

TEST(Recovery, RefusesPathsOutsideTheHarnessDirectoriesAndKeepsTheJournal) {
  const auto dir = fresh_dir("outside");
  const auto roots = fresh_dir("outside-roots");
  const auto elsewhere = fresh_dir("outside-elsewhere");
  fs::create_directories(roots / "mine");
  const auto [pid, start] = dead_harness();
  const auto file = write_journal(
      dir, pid, start,
      {effect(1, {{"kind", "dir"}, {"path", (roots / "mine").string()}, {"role", "scratch"}}),
       effect(2, {{"kind", "dir"}, {"path", elsewhere.string()}, {"role", "scratch"}}),
       effect(3, {{"kind", "dir"}, {"path", (roots / "../" / elsewhere.filename()).string()}, {"role", "scratch"}}),
       effect(4, {{"kind", "dir"}, {"path", roots.string()}, {"role", "scratch"}}),
       effect(5, {{"kind", "netns"}, {"name", "../../etc"}}), effect(6, {{"kind", "teleport"}})});
  const auto r = recover_in(dir, {roots});
  EXPECT_EQ(r.report.undone, 1);
  EXPECT_EQ(r.report.failed, 5);
  EXPECT_TRUE(fs::exists(elsewhere));
  EXPECT_TRUE(fs::exists(roots));
  EXPECT_FALSE(fs::exists(roots / "mine"));
  EXPECT_NE(r.out.find("path outside the harness's directories"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("not a netns name"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("unknown kind 'teleport'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("kept the journal " + file.string() + ": 5 effect(s) could not be undone"), std::string::npos)
      << r.out;
  // What was done is marked in the kept journal; the rest stays open for the next try.
  ASSERT_TRUE(fs::exists(file));
  EXPECT_EQ(lines_of(file).back(), (json{{"op", "undone"}, {"id", 1}, {"by", "mpdts-recover"}}));
  fs::remove_all(dir);
  fs::remove_all(roots);
  fs::remove_all(elsewhere);
}

TEST(Recovery, KillsOnlyProcessesWhoseStartTimeOrOwnerMarkMatches) {
  const auto dir = fresh_dir("kill");
  const auto [pid, start] = dead_harness();
  const std::string owner = fmt::format("{}.{}", pid, start);
  Transcript t;
  // Pipes, no prompt: they wait forever unless killed.
  ChildProcess recorded({{FAKE_INTERACTIVE, "--no-prompt"}, "recorded", false, std::nullopt, {}}, t);
  ChildProcess recycled({{FAKE_INTERACTIVE, "--no-prompt"}, "recycled", false, std::nullopt, {}}, t);
  ChildProcess marked({{FAKE_INTERACTIVE, "--no-prompt"}, "marked", false, std::nullopt, {{kJournalOwnerEnv, owner}}}, t);
  ChildProcess other_mark(
      {{FAKE_INTERACTIVE, "--no-prompt"}, "other", false, std::nullopt, {{kJournalOwnerEnv, owner + "1"}}}, t);
  // The marks are in their environment once they have exec'd: wait for their banner.
  for (ChildProcess* p : {&recorded, &recycled, &marked, &other_mark})
    ASSERT_TRUE(p->wait_output([](const std::string& s) { return s.find("starting") != std::string::npos; },
                               Deadline::in(Seconds(20))));
  const auto rec = read_proc_stat(recorded.pid());
  const auto rcy = read_proc_stat(recycled.pid());
  ASSERT_TRUE(rec && rcy);
  write_journal(dir, pid, start,
                {effect(1, {{"kind", "process_group"}, {"pgid", recorded.pid()}, {"start", rec->start}, {"name", "primary"}}),
                 effect(2, {{"kind", "process_group"}, {"pgid", recycled.pid()}, {"start", rcy->start + 7}, {"name", "secondary"}})});
  const auto r = recover_in(dir, {dir});
  EXPECT_NE(r.out.find(fmt::format("killed process group {} (primary): 1 process(es)", recorded.pid())), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(fmt::format("pid {} now names another process", recycled.pid())), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(fmt::format("killed process {} (", marked.pid())),
            std::string::npos)
      << r.out;
  const auto rs = recorded.wait_exit(Deadline::in(Seconds(20)));
  ASSERT_TRUE(rs.has_value());
  EXPECT_EQ(rs->signal, SIGKILL);
  const auto ms = marked.wait_exit(Deadline::in(Seconds(20)));
  ASSERT_TRUE(ms.has_value());
  EXPECT_EQ(ms->signal, SIGKILL);
  EXPECT_FALSE(recycled.exit_status().has_value()) << "a process whose start time differs was killed";
  EXPECT_FALSE(other_mark.exit_status().has_value()) << "a process with another harness's mark was killed";
  fs::remove_all(dir);
}

// PCI: re-binding is never attempted on a device with an active kernel interface (this machine's
// own NIC, read-only here; dpdk-devbind.py is replaced by /bin/false as well).
TEST(Recovery, NeverRebindsADeviceWithAnActiveInterface) {
  const std::string nic = "0000:00:03.0";
  if (!pci_device_exists(nic)) GTEST_SKIP() << nic << " does not exist here";
  bool active = false;
  for (const auto& k : pci_kernel_interfaces(nic)) active = active || k.active();
  if (!active) GTEST_SKIP() << nic << " has no active kernel interface here";
  const auto driver = current_pci_driver(nic);
  const auto dir = fresh_dir("pci");
  const auto [pid, start] = dead_harness();
  write_journal(dir, pid, start,
                {effect(1, {{"kind", "pci_binding"}, {"address", nic}, {"driver", driver}}),
                 effect(2, {{"kind", "pci_binding"}, {"address", nic}, {"driver", "ixgbe"}}),
                 effect(3, {{"kind", "pci_binding"}, {"address", "0000:00:03.0 --force"}, {"driver", "ixgbe"}})});
  const auto r = recover_in(dir, {dir});
  EXPECT_NE(r.out.find(fmt::format("nothing left: {} is bound to {} already", nic, driver)), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("carries the active kernel interface"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("not a PCI address"), std::string::npos) << r.out;
  EXPECT_EQ(r.report.failed, 2);
  EXPECT_EQ(current_pci_driver(nic), driver);
  fs::remove_all(dir);
}

// The real owners, journaled by a helper harness that is SIGKILLed: its mount, dirs, netns and
// processes are still there, and recovery undoes them from the journal alone.
class HelperHarness : public testing::Test {
 protected:
  void start() {
    dir_ = fresh_dir("helper");
    helper_ = std::make_unique<PromptSession>(
        std::make_unique<ChildProcess>(
            SpawnOptions{{JOURNAL_HELPER, dir_.string(), FAKE_INTERACTIVE}, "helper", false, std::nullopt, {}}, t_),
        "(no prompt)", Seconds(60));
    const auto m = helper_->expect(
        boost::regex(R"(READY prefix=(\S+) journal=(\S+) lone=(\d+) leader=(\d+) member=(\d+)\n)"),
        Deadline::in(Seconds(120)));
    prefix_ = m[1];
    journal_ = m[2];
    lone_ = std::stoi(m[3]);
    leader_ = std::stoi(m[4]);
    member_ = std::stoi(m[5]);
  }
  void TearDown() override {
    helper_.reset();
    if (!dir_.empty()) {
      recover_in(dir_, recovery::Options{}.allowed_roots);  // whatever a failed test left
      fs::remove_all(dir_);
    }
  }
  ChildProcess& helper() { return dynamic_cast<ChildProcess&>(helper_->process()); }

  Transcript t_;
  fs::path dir_;
  std::unique_ptr<PromptSession> helper_;
  std::string prefix_;
  fs::path journal_;
  pid_t lone_ = 0, leader_ = 0, member_ = 0;
};

TEST_F(HelperHarness, ANormalEndUndoesEverythingAndRemovesTheJournal) {
  start();
  EXPECT_TRUE(fs::exists(journal_));
  helper().close_input();
  helper_->expect(boost::regex("DONE"), Deadline::in(Seconds(60)));
  const auto st = helper().wait_exit(Deadline::in(Seconds(30)));
  ASSERT_TRUE(st.has_value());
  EXPECT_EQ(st->code, 0) << t_.text();
  EXPECT_FALSE(fs::exists(journal_));
  EXPECT_FALSE(fs::exists("/tmp/mpdts/" + prefix_));
  EXPECT_FALSE(fs::exists("/run/netns/" + prefix_));
  for (pid_t p : {lone_, leader_, member_}) EXPECT_FALSE(alive(p)) << p;
}

TEST_F(HelperHarness, AfterASigkillRecoveryUndoesWhatTheJournalSays) {
  start();
  const fs::path scratch = "/tmp/mpdts/" + prefix_, huge = scratch / "hugepages";
  // Every effect is in the journal, written before it was made.
  std::map<std::string, int> kinds;
  for (const auto& l : lines_of(journal_))
    if (l["op"] == "do") ++kinds[l["kind"].get<std::string>()];
  EXPECT_EQ(kinds["dir"], 2);
  EXPECT_EQ(kinds["mount"], 1);
  EXPECT_EQ(kinds["netns"], 1);
  EXPECT_GE(kinds["process_group"], 2);

  helper().signal(SIGKILL);
  const auto st = helper().wait_exit(Deadline::in(Seconds(30)));
  ASSERT_TRUE(st.has_value());
  EXPECT_EQ(st->signal, SIGKILL);
  // The leader sees end of file on its input and leaves; its background child stays in its group.
  ASSERT_TRUE(fs::exists(journal_));
  EXPECT_TRUE(mounted(huge));
  EXPECT_TRUE(fs::exists(scratch));
  EXPECT_TRUE(fs::exists("/run/netns/" + prefix_));
  EXPECT_TRUE(alive(lone_));
  EXPECT_TRUE(alive(member_));

  const auto dry = recover_in(dir_, recovery::Options{}.allowed_roots, true);
  EXPECT_NE(dry.out.find("would unmount " + huge.string()), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("would remove " + scratch.string() + " (scratch)"), std::string::npos) << dry.out;
  EXPECT_EQ(dry.report.failed, 0) << dry.out;
  EXPECT_TRUE(mounted(huge));
  EXPECT_TRUE(alive(lone_));

  const auto r = recover_in(dir_, recovery::Options{}.allowed_roots);
  EXPECT_EQ(r.report.failed, 0) << r.out;
  EXPECT_EQ(r.report.removed_journals, 1) << r.out;
  EXPECT_NE(r.out.find(fmt::format("killed process group {} (lone): 1 process(es)", lone_)), std::string::npos) << r.out;
  // The group whose leader is gone: its member is found by the owner mark it inherited.
  EXPECT_NE(r.out.find(fmt::format("killed process group {} (leader): ", leader_)), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("unmounted " + huge.string()), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("removed " + scratch.string() + " (scratch)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("deleted netns " + prefix_), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("removed the journal " + journal_.string()), std::string::npos) << r.out;

  EXPECT_FALSE(mounted(huge));
  EXPECT_FALSE(fs::exists(scratch));
  EXPECT_FALSE(fs::exists("/var/run/dpdk/" + prefix_));
  EXPECT_FALSE(fs::exists("/run/netns/" + prefix_));
  EXPECT_FALSE(fs::exists(journal_));
  for (pid_t p : {lone_, leader_, member_}) EXPECT_FALSE(alive(p)) << p;

  // Nothing is left for a second pass.
  const auto again = recover_in(dir_, recovery::Options{}.allowed_roots);
  EXPECT_EQ(again.report.dead_journals, 0);
  EXPECT_EQ(again.out, "");
}

TEST(ArgvNotShell, DevargsReachTheProgramVerbatim) {
  // Devargs and every other argument go to execve as argv: shell syntax in them is inert.
  const std::string devargs = "net_af_packet,iface=$(touch /tmp/mpdts-pwned);`id`|x&y>z";
  const auto r = run_command({"/usr/bin/printf", "%s", devargs}, Deadline::in(Seconds(20)));
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.output, devargs);
  EXPECT_FALSE(fs::exists("/tmp/mpdts-pwned"));
}

}  // namespace
}  // namespace mpdts
