// What an ssh node sends as a remote command line: one shell word per argument, whatever it holds,
// and the ssh options that keep a run non-interactive and strict about the host key.
#include <gtest/gtest.h>

#include <algorithm>

#include "node/ssh_node.hpp"
#include "process/child_process.hpp"

namespace mpdts {
namespace {

TEST(SshCommandLine, QuotesEveryWordForThePosixShell) {
  EXPECT_EQ(shell_quote("hotplug_mp"), "hotplug_mp");
  EXPECT_EQ(shell_quote("--file-prefix=mpdts1-2-hp"), "--file-prefix=mpdts1-2-hp");
  EXPECT_EQ(shell_quote(""), "''");
  EXPECT_EQ(shell_quote("a b"), "'a b'");
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_quote("$(reboot);`x`"), "'$(reboot);`x`'");
}

TEST(SshCommandLine, TheShellGivesBackTheSameWords) {
  const std::vector<std::string> argv{"printf", "<%s>\\n", "it's", "a b", "$HOME", "", "*"};
  const auto out = run_checked({"sh", "-c", remote_command_line(argv, {}, std::nullopt)}, Deadline::in(Seconds(10)));
  EXPECT_EQ(out, "<it's>\n<a b>\n<$HOME>\n<>\n<*>\n");
}

TEST(SshCommandLine, PutsEnvironmentAndNetnsAroundTheProgram) {
  EXPECT_EQ(remote_command_line({"/opt/hotplug_mp", "-l", "0"}, {{"A", "1 2"}}, std::string("ns1")),
            "env 'A=1 2' ip netns exec ns1 /opt/hotplug_mp -l 0");
}

TEST(SshCommandLine, IsStrictAndNonInteractive) {
  NodeSpec spec;
  spec.name = "sut";
  spec.type = NodeSpec::Type::Ssh;
  spec.host = "192.0.2.7";
  spec.user = "root";
  spec.port = 2222;
  spec.key = "/keys/id";
  spec.known_hosts = "/keys/known_hosts";
  SshNode node(spec);  // does not connect until used
  const auto argv = node.ssh_argv(true, "true");
  const auto has = [&](const std::string& w) { return std::find(argv.begin(), argv.end(), w) != argv.end(); };
  EXPECT_EQ(argv.front(), "ssh");
  for (const char* w : {"BatchMode=yes", "StrictHostKeyChecking=yes", "UserKnownHostsFile=/keys/known_hosts",
                        "IdentitiesOnly=yes", "/keys/id", "2222", "root", "-tt"})
    EXPECT_TRUE(has(w)) << w;
  EXPECT_EQ(argv[argv.size() - 2], "192.0.2.7");
  EXPECT_EQ(argv.back(), "true");
  EXPECT_FALSE(has("-T"));
  const auto plain = node.ssh_argv(false, "true");  // a command's session: no terminal
  EXPECT_NE(std::find(plain.begin(), plain.end(), "-T"), plain.end());
  EXPECT_EQ(std::find(plain.begin(), plain.end(), "-tt"), plain.end());
}

}  // namespace
}  // namespace mpdts
