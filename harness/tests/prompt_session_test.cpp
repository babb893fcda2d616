// The prompt engine against a scripted fake program: prompts split across writes, terminal echo and
// colour codes, timeouts that fail fast with the transcript, early exits and crashes, group kills.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>

#include "core/error.hpp"
#include "process/child_process.hpp"
#include "process/prompt_session.hpp"

namespace mpdts {
namespace {

class PromptSessionTest : public testing::TestWithParam<bool> {  // param: on a terminal (else pipes)
 protected:
  std::unique_ptr<PromptSession> start(std::vector<std::string> extra = {}, double command_timeout = 5) {
    std::vector<std::string> argv{FAKE_INTERACTIVE};
    argv.insert(argv.end(), extra.begin(), extra.end());
    auto child = std::make_unique<ChildProcess>(SpawnOptions{argv, "fake", GetParam(), std::nullopt, {}}, transcript_);
    return std::make_unique<PromptSession>(std::move(child), "fake> ", Seconds(command_timeout));
  }
  Transcript transcript_;
};

TEST_P(PromptSessionTest, ReturnsStartupOutputThenEachResponse) {
  auto s = start();
  EXPECT_EQ(s->wait_prompt(Deadline::in(Seconds(5))), "fake interactive program starting\n");
  const auto r = s->command("say hello there");
  EXPECT_NE(r.find("hello there\n"), std::string::npos) << r;
  EXPECT_EQ(s->send_and_wait_exit("quit", Deadline::in(Seconds(5))).code, 0);
}

TEST_P(PromptSessionTest, EchoAppearsOnlyOnATerminal) {
  auto s = start();
  s->wait_prompt(Deadline::in(Seconds(5)));
  const auto r = s->command("say x");
  // The terminal's line discipline echoes what was typed; a pipe does not.
  EXPECT_EQ(r, GetParam() ? "say x\nx\n" : "x\n");
}

TEST_P(PromptSessionTest, FindsAPromptSplitAcrossWrites) {
  auto s = start();
  s->wait_prompt(Deadline::in(Seconds(5)));
  const auto r = s->command("split");
  EXPECT_NE(r.find("first half, second half\n"), std::string::npos) << r;
  EXPECT_EQ(s->command("say after").find("after\n") != std::string::npos, true);
}

TEST_P(PromptSessionTest, StripsTerminalControlSequences) {
  auto s = start();
  s->wait_prompt(Deadline::in(Seconds(5)));
  const auto r = s->command("ansi");
  EXPECT_NE(r.find("green text\n"), std::string::npos) << r;
  EXPECT_EQ(r.find('\x1b'), std::string::npos) << r;
  EXPECT_EQ(r.find('\r'), std::string::npos) << r;
}

TEST_P(PromptSessionTest, TimesOutWithinTheDeadlineAndShowsTheTranscript) {
  auto s = start({}, 0.3);
  s->wait_prompt(Deadline::in(Seconds(5)));
  const auto begin = Clock::now();
  try {
    s->command("silent");
    FAIL() << "a program that never prompts again must time out";
  } catch (const HarnessError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("timed out waiting for the prompt 'fake> ' from fake"), std::string::npos) << what;
    EXPECT_NE(what.find("> silent"), std::string::npos) << "the transcript tail shows what was sent: " << what;
  }
  EXPECT_LT(Seconds(Clock::now() - begin).count(), 2.0);
}

TEST_P(PromptSessionTest, ReportsAStartupHang) {
  auto s = start({"--no-prompt"});
  EXPECT_THROW(s->wait_prompt(Deadline::in(Seconds(0.3))), HarnessError);
}

TEST_P(PromptSessionTest, ReportsAnEarlyExitWithItsCode) {
  auto s = start();
  s->wait_prompt(Deadline::in(Seconds(5)));
  try {
    s->command("exit 3");
    FAIL() << "an exit instead of a prompt must fail the command";
  } catch (const HarnessError& e) {
    EXPECT_NE(std::string(e.what()).find("exited with code 3"), std::string::npos) << e.what();
  }
}

TEST_P(PromptSessionTest, ReportsACrashWithItsSignal) {
  auto s = start();
  s->wait_prompt(Deadline::in(Seconds(5)));
  try {
    s->command("crash");
    FAIL() << "a crash must fail the command";
  } catch (const HarnessError& e) {
    EXPECT_NE(std::string(e.what()).find("killed by signal 11"), std::string::npos) << e.what();
  }
}

TEST_P(PromptSessionTest, StoppingKillsTheWholeProcessGroup) {
  pid_t grandchild = 0;
  int grandchild_fd = -1;
  {
    auto s = start();
    s->wait_prompt(Deadline::in(Seconds(5)));
    const auto r = s->command("spawn");
    const auto at = r.find("spawned ");
    ASSERT_NE(at, std::string::npos) << r;
    grandchild = std::stoi(r.substr(at + 8));
    // A pidfd tells when the grandchild ends, though it is not our child.
    grandchild_fd = static_cast<int>(::syscall(SYS_pidfd_open, grandchild, 0));
    ASSERT_GE(grandchild_fd, 0) << "the background child runs while the session lives";
  }  // the session (and its process) goes away here without a quit
  pollfd p{grandchild_fd, POLLIN, 0};
  const int ended = ::poll(&p, 1, 10'000);
  ::close(grandchild_fd);
  EXPECT_EQ(ended, 1) << "grandchild " << grandchild << " survived the end of its session's process group";
}

TEST_P(PromptSessionTest, ExpectMatchesAPatternAndConsumesUpToIt) {
  auto s = start();
  s->wait_prompt(Deadline::in(Seconds(5)));
  s->process().send_line("say port 7 is up");
  const auto m = s->expect(boost::regex(R"(^port (\d+) is up$)"), Deadline::in(Seconds(5)));
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[1], "7");
  s->wait_prompt(Deadline::in(Seconds(5)));
}

INSTANTIATE_TEST_SUITE_P(OnTerminalAndPipe, PromptSessionTest, testing::Values(true, false),
                         [](const testing::TestParamInfo<bool>& i) { return i.param ? "Terminal" : "Pipe"; });

TEST(RunCommand, CapturesOutputAndExitCode) {
  auto r = run_command({"/bin/sh", "-c", "echo out; echo err >&2; exit 4"}, Deadline::in(Seconds(5)));
  EXPECT_EQ(r.status.code, 4);
  EXPECT_NE(r.output.find("out\n"), std::string::npos);
  EXPECT_NE(r.output.find("err\n"), std::string::npos);
}

TEST(RunCommand, ThrowsOnAMissingProgram) {
  EXPECT_THROW(run_command({"/nonexistent/program"}, Deadline::in(Seconds(5))), HarnessError);
}

TEST(RunCommand, TimesOut) {
  const auto begin = Clock::now();
  // The subject is a program that does not end by itself (not a wait of the test): the deadline must end it.
  EXPECT_THROW(run_command({"/bin/sh", "-c", "exec sleep 30"}, Deadline::in(Seconds(0.3))), HarnessError);
  EXPECT_LT(Seconds(Clock::now() - begin).count(), 5.0);
}

}  // namespace
}  // namespace mpdts
