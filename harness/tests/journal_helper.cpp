// A small harness for the journal's tests: it journals to the directory it is given and makes one of
// every kind of side effect through the harness's own owners — an EAL sandbox (scratch dir, runtime
// dir, hugetlbfs mount), a netns with a veth pair, and processes:
//   - `fake_interactive --no-prompt` on pipes: it outlives this process (no terminal hangup);
//   - `fake_interactive` on pipes that spawns a background child in its group: when this process
//     dies the leader sees end of file and exits, the child stays (a group without its leader).
// Then it prints one READY line and waits for end of file on its standard input: a normal end undoes
// everything (the journal is removed); a SIGKILL leaves everything for recovery.
//
//   journal_helper <journal-dir> <fake_interactive>
#include <cstdio>
#include <iostream>
#include <string>

#include <fmt/format.h>

#include "core/cleanup_stack.hpp"
#include "core/journal.hpp"
#include "eal/eal_sandbox.hpp"
#include "net/netns.hpp"
#include "process/child_process.hpp"
#include "process/prompt_session.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: journal_helper <journal-dir> <fake_interactive>\n";
    return 2;
  }
  mpdts::install_signal_cleanup();
  try {
    auto& journal = mpdts::Journal::start(argv[1]);
    mpdts::Transcript t;
    {
      mpdts::EalSandbox sandbox("jh", true, t);
      mpdts::NetnsVeth netns(sandbox.prefix(), t);
      mpdts::ChildProcess lone({{argv[2], "--no-prompt"}, "lone", false, std::nullopt, {}}, t);
      mpdts::PromptSession group(
          std::make_unique<mpdts::ChildProcess>(mpdts::SpawnOptions{{argv[2]}, "leader", false, std::nullopt, {}}, t),
          "fake> ", mpdts::Seconds(20));
      group.wait_prompt(mpdts::Deadline::in(mpdts::Seconds(20)));
      const auto spawned = group.command("spawn");
      const auto at = spawned.find("spawned ");
      const std::string member = at == std::string::npos ? "?" : spawned.substr(at + 8, spawned.find('\n', at) - at - 8);
      const auto& leader = dynamic_cast<mpdts::ChildProcess&>(group.process());
      std::cout << fmt::format("READY prefix={} journal={} lone={} leader={} member={}\n", sandbox.prefix(),
                               journal.path().string(), lone.pid(), leader.pid(), member)
                << std::flush;
      std::string line;
      while (std::getline(std::cin, line)) {
      }
    }
    mpdts::CleanupStack::instance().run_all();
    journal.finish();
    std::cout << "DONE\n" << std::flush;
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "journal_helper: " << e.what() << "\n";
    return 1;
  }
}
