// `mpdts-bench suite`: runs the host suite (mpdts_cases) into a results directory of its own, then
// prints where its time went (suite-times). The numbers of a before/after comparison.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace mpdts::bench {

struct SuiteCommand {
  std::filesystem::path cases_program;  // build/mpdts_cases
  std::filesystem::path topology;
  std::filesystem::path out_dir;        // its results directory
  std::vector<std::string> extra;       // more mpdts_cases arguments, e.g. --gtest_filter=...
};

// Exit code: mpdts_cases's own (0 all passed, 1 a case failed, 2 set-up error, 130 interrupted).
int run_suite_command(const SuiteCommand& command);

}  // namespace mpdts::bench
