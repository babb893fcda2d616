// Test support: runs a program to completion, capturing its output.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace mpdts::report::test {

struct ProgramRun {
  int exit_code = -1;    // -1 if killed by a signal
  int signal = 0;        // the signal that killed it, 0 if it exited
  std::string out;       // stdout
  std::string err;       // stderr
};

// `scratch` holds the captured output files. `environment` adds to this process's.
ProgramRun run_program(const std::vector<std::string>& argv, const std::filesystem::path& scratch,
                       const std::map<std::string, std::string>& environment = {});

}  // namespace mpdts::report::test
